import type { CommandRunner } from '../claude-code/powershell-profile.ts';

/** What a CLI subcommand gets to talk to the world; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The OS the command acts for: process.platform unless a test stands in for another. */
  platform?: NodeJS.Platform;
  /** Starts the programs a command asks (PowerShell, where its profile is); a stub in tests. */
  runCommand?: CommandRunner;
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
