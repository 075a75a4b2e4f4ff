/**
 * Where PowerShell on Windows reads its profile, asked of PowerShell itself. The folder is the
 * user's Documents folder, which OneDrive's Known Folder Move, a localized or an enterprise
 * setup puts elsewhere than %USERPROFILE%\Documents; and each edition has its own profile:
 * PowerShell 7 (pwsh) reads Documents\PowerShell, Windows PowerShell 5.1 (powershell.exe)
 * Documents\WindowsPowerShell.
 *
 * Which editions get the block: every installed edition that would run it. Windows ships 5.1
 * on every machine and pwsh is an add-on; Windows Terminal, VS Code and the Start menu open
 * either, and a user who asked for "PowerShell" expects `claude` to reach the gateway from
 * both. The block is plain `$env:` assignments, valid in both. An edition whose execution
 * policy refuses scripts (Restricted, the default for 5.1 on Windows clients, or AllSigned)
 * is left out: it would not run the block and would print an error in every new window.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SkippedProfile } from '../admin/contract.ts';
import { ClaudeCodeConfigError } from './env.ts';

export type CommandRunner = (file: string, args: readonly string[], options: { timeoutMs: number }) => Promise<{ stdout: string }>;

interface Edition {
  name: string;
  command: string;
}

/** pwsh first: when only one edition can be written, the newer one is the one the user installed on purpose. */
const EDITIONS: readonly Edition[] = [
  { name: 'PowerShell 7', command: 'pwsh' },
  { name: 'Windows PowerShell 5.1', command: 'powershell' },
];

/**
 * The path goes out as base64 of its UTF-8 bytes: Windows PowerShell writes redirected output
 * in the console's OEM code page, which would mangle a non-ASCII user or folder name.
 */
const QUERY = '[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($PROFILE.CurrentUserCurrentHost)); Get-ExecutionPolicy';
const PROFILE_QUERY_ARGS: readonly string[] = ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', QUERY];

/** A cold PowerShell start with an antivirus scan can take seconds; both editions are asked at once. */
export const PROFILE_QUERY_TIMEOUT_MS = 10_000;

/** Policies under which PowerShell runs an unsigned profile the user wrote locally. */
const POLICIES_RUNNING_PROFILES = new Set(['remotesigned', 'unrestricted', 'bypass']);

export interface PowerShellProfile {
  edition: string;
  path: string;
  executionPolicy: string;
}

const execFileAsync = promisify(execFile);

export const runCommand: CommandRunner = (file, args, { timeoutMs }) =>
  execFileAsync(file, [...args], { timeout: timeoutMs, windowsHide: true, encoding: 'utf8' });

/** The two lines QUERY prints, or undefined when the output is not that (a wrapper, an error). */
export function parseProfileAnswer(edition: string, stdout: string): PowerShellProfile | undefined {
  const lines = stdout.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length !== 2 || !/^[A-Za-z0-9+/]+=*$/.test(lines[0]!)) return undefined;
  const profilePath = Buffer.from(lines[0]!, 'base64').toString('utf8');
  if (!path.win32.isAbsolute(profilePath) || !/\.ps1$/i.test(profilePath)) return undefined;
  return { edition, path: profilePath, executionPolicy: lines[1]! };
}

/** Each installed edition's profile; an edition that is missing, fails or hangs is left out. */
export async function askPowerShellProfiles(run: CommandRunner): Promise<PowerShellProfile[]> {
  const answers = await Promise.all(EDITIONS.map(async (edition) => {
    try {
      const { stdout } = await run(edition.command, PROFILE_QUERY_ARGS, { timeoutMs: PROFILE_QUERY_TIMEOUT_MS });
      return parseProfileAnswer(edition.name, stdout);
    } catch {
      return undefined;
    }
  }));
  return answers.filter((answer) => answer !== undefined);
}

const ALLOW_PROFILES = 'Set-ExecutionPolicy -Scope CurrentUser RemoteSigned';

export interface ProfileChoice {
  /** The profile files to write. */
  files: string[];
  /** Installed editions left out for their execution policy, so that the user hears why. */
  skipped: SkippedProfile[];
}

/**
 * The profile files to write (see the module comment). `fallback` is used when no edition
 * answered: PowerShell could not be started, so the usual place is the best guess left.
 */
export function chooseProfiles(answers: readonly PowerShellProfile[], fallback: string): ProfileChoice {
  if (answers.length === 0) return { files: [fallback], skipped: [] };
  const runsProfiles = (answer: PowerShellProfile): boolean => POLICIES_RUNNING_PROFILES.has(answer.executionPolicy.toLowerCase());
  const running = answers.filter(runsProfiles);
  if (running.length === 0) {
    const policies = answers.map((answer) => `${answer.edition}: ${answer.executionPolicy}`).join(', ');
    throw new ClaudeCodeConfigError(`PowerShell's execution policy (${policies}) does not run profile scripts, so a profile block would have no effect. `
      + 'Persist in your user environment instead (run the PowerShell persist commands: the Setup page\'s PowerShell tab, or configure-claude --print --rc --shell powershell), '
      + `or allow profiles with: ${ALLOW_PROFILES}`);
  }
  // Each edition keeps its own CurrentUser policy, so the fix is run in the edition it is for.
  const skipped = answers.filter((answer) => !runsProfiles(answer)).map((answer) => ({ ...answer, fix: `Run \`${ALLOW_PROFILES}\` in ${answer.edition}, then apply again` }));
  return { files: [...new Set(running.map((answer) => answer.path))], skipped };
}

/** The PowerShell profiles on Windows that apply writes, asked of the installed editions. */
export async function windowsPowerShellProfiles(run: CommandRunner, fallback: string): Promise<ProfileChoice> {
  return chooseProfiles(await askPowerShellProfiles(run), fallback);
}
