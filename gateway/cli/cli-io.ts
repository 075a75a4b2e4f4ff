/** What a CLI subcommand gets to talk to the world; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
