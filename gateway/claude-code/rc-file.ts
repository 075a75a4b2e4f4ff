/**
 * The marked Gatehouse block in a shell's rc or profile file. The text functions are pure and
 * exact inverses: removing the block gives back the bytes from before it was added.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ProfileShell, Shell } from '../admin/contract.ts';
import { ClaudeCodeConfigError } from './env.ts';
import { windowsPowerShellProfiles, type CommandRunner, type ProfileChoice } from './powershell-profile.ts';
import { BLOCK_END, BLOCK_START } from './render-shell.ts';

export interface RcLocation {
  home: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/**
 * The user's home directory, as os.homedir() finds it but read from `env`, so that a test or a
 * sandboxed app can point it elsewhere. Windows looks at USERPROFILE first: a HOME there is set
 * by MSYS2, Cygwin or Git Bash and can point at their own home, where Claude Code never looks.
 */
export function homeDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const candidates = platform === 'win32' ? [env.USERPROFILE, env.HOME] : [env.HOME, env.USERPROFILE];
  return candidates.find((candidate) => candidate !== undefined && candidate !== '') ?? homedir();
}

function configHome({ home, env }: RcLocation): string {
  const configured = env.XDG_CONFIG_HOME;
  return configured !== undefined && configured !== '' ? configured : path.join(home, '.config');
}

/**
 * A bash login shell reads only the first of these that exists. Creating ~/.bash_profile next
 * to a ~/.profile would make bash stop reading ~/.profile, and with it the user's PATH.
 */
function bashLoginFile(home: string): string {
  const candidates = ['.bash_profile', '.bash_login', '.profile'].map((name) => path.join(home, name));
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}

/**
 * The file a shell reads at startup. macOS terminals start bash as a login shell, which reads
 * its login file (see bashLoginFile) and not ~/.bashrc; Linux terminals start interactive
 * shells, which read only ~/.bashrc. fish gets its own conf.d file. PowerShell on macOS and
 * Linux reads its profile under the XDG config folder. On Windows the profile is wherever the
 * Documents folder is and differs per edition, so only PowerShell can say (rcFilesToWrite asks
 * it); the path here is PowerShell 7's usual one, the guess when PowerShell cannot be asked.
 */
export function rcFilePath(shell: Shell, location: RcLocation): string {
  const { home, platform, env } = location;
  switch (shell) {
    case 'bash':
      return platform === 'darwin' ? bashLoginFile(home) : path.join(home, '.bashrc');
    case 'zsh':
      return path.join(env.ZDOTDIR !== undefined && env.ZDOTDIR !== '' ? env.ZDOTDIR : home, '.zshrc');
    case 'fish':
      return path.join(configHome(location), 'fish', 'conf.d', 'gatehouse.fish');
    case 'powershell':
      return platform === 'win32'
        ? path.join(home, 'Documents', 'PowerShell', 'Microsoft.PowerShell_profile.ps1')
        : path.join(configHome(location), 'powershell', 'Microsoft.PowerShell_profile.ps1');
    case 'cmd':
      throw new ClaudeCodeConfigError('cmd has no profile file; persist with the setx script instead (configure-claude --shell cmd --print)');
  }
}

/**
 * The shells whose profile apply offers to write on `platform`, the usual one first. cmd has
 * no profile. PowerShell is offered on Windows, where it is the system's shell; elsewhere it is
 * an add-on few have, and `configure-claude --apply --rc --shell powershell` still writes it.
 */
export function profileShells(platform: NodeJS.Platform): ProfileShell[] {
  if (platform === 'win32') return ['powershell', 'bash', 'zsh', 'fish'];
  return platform === 'darwin' ? ['zsh', 'bash', 'fish'] : ['bash', 'zsh', 'fish'];
}

/** The files apply writes the block into for `shell`: one, except PowerShell on Windows (see powershell-profile.ts). */
export async function rcFilesToWrite(shell: Shell, location: RcLocation, run: CommandRunner): Promise<ProfileChoice> {
  const usual = rcFilePath(shell, location);
  return shell === 'powershell' && location.platform === 'win32' ? windowsPowerShellProfiles(run, usual) : { files: [usual], skipped: [] };
}

interface BlockSpan {
  start: number;
  end: number;
}

/** Where the block sits, including the line break that ends it; undefined when absent. */
function findBlock(text: string): BlockSpan | undefined {
  const startMatch = new RegExp(`(^|\\n)${escapeRegExp(BLOCK_START)}\\r?\\n`).exec(text);
  if (startMatch === null) return undefined;
  const start = startMatch.index + startMatch[1]!.length;
  const endMatch = new RegExp(`(^|\\n)${escapeRegExp(BLOCK_END)}(\\r?\\n|$)`).exec(text.slice(start));
  if (endMatch === null) throw new ClaudeCodeConfigError(`found "${BLOCK_START}" without "${BLOCK_END}"; remove the partial block by hand`);
  return { start, end: start + endMatch.index + endMatch[0].length };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The current block's text (with its final line break), if any. */
export function extractBlock(text: string): string | undefined {
  const span = findBlock(text);
  return span === undefined ? undefined : text.slice(span.start, span.end);
}

/**
 * Inserts `block` (text ending in a line break) or replaces the block in place. The file's
 * line endings are kept, whichever ones the block comes with: undo passes a block taken from
 * a CRLF backup. When the file does not end in a line break, the block goes after a new one
 * and drops its own last line break, so that removeBlock can tell what to take away.
 */
export function upsertBlock(text: string, block: string): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const converted = block.replaceAll('\r\n', '\n').replaceAll('\n', newline);
  const span = findBlock(text);
  if (span !== undefined) {
    // The line break after the old end marker stays whatever it was: undo passes a block that
    // ended the file without one, after which the user may since have added a line.
    const lineBreak = /\r?\n$/.exec(text.slice(span.start, span.end))?.[0] ?? '';
    return text.slice(0, span.start) + converted.replace(/\r?\n$/, '') + lineBreak + text.slice(span.end);
  }
  if (text === '' || text.endsWith('\n')) return text + converted;
  return text + newline + converted.replace(/\r?\n$/, '');
}

/** The inverse of upsertBlock for an inserted block: the text as it was before. */
export function removeBlock(text: string): string {
  const span = findBlock(text);
  if (span === undefined) return text;
  const block = text.slice(span.start, span.end);
  if (/\n$/.test(block)) return text.slice(0, span.start) + text.slice(span.end);
  // A block at the very end without a line break was added after one we inserted.
  const before = text.slice(0, span.start).replace(/\r?\n$/, '');
  return before + text.slice(span.end);
}
