/** Per-shell scripts that set, persist or unset the Claude Code environment. Pure. */
import type { Shell } from '../admin/contract.ts';
import { assertWritableValue, ClaudeCodeConfigError, persistedEntries, type ClaudeCodeEnv } from './env.ts';
import { escapeCmd, quoteFish, quotePosix, quotePowerShell, quoteSetxValue } from './shell-quote.ts';

export type { Shell };
export type ScriptMode = 'session' | 'persist' | 'unset';

export const BLOCK_START = '# >>> gatehouse >>>';
export const BLOCK_END = '# <<< gatehouse <<<';
const BLOCK_NOTE = '# Claude Code through Gatehouse. Written by `configure-claude --rc`; `configure-claude --undo` removes it.';

interface ShellSyntax {
  comment: (text: string) => string;
  set: (name: string, value: string) => string;
  /** Removes the variable from this session. */
  remove: (name: string) => string;
}

const POSIX: ShellSyntax = {
  comment: (text) => `# ${text}`,
  set: (name, value) => `export ${name}=${quotePosix(value)}`,
  remove: (name) => `unset ${name}`,
};

const SYNTAX: Record<Shell, ShellSyntax> = {
  bash: POSIX,
  zsh: POSIX,
  fish: {
    comment: (text) => `# ${text}`,
    set: (name, value) => `set -gx ${name} ${quoteFish(value)}`,
    remove: (name) => `set -e ${name}`,
  },
  powershell: {
    comment: (text) => `# ${text}`,
    // Windows cannot hold an empty variable: `$env:X = ''` deletes it, so say so plainly.
    set: (name, value) => (value === '' ? `Remove-Item Env:${name} -ErrorAction SilentlyContinue` : `$env:${name} = ${quotePowerShell(value)}`),
    remove: (name) => `Remove-Item Env:${name} -ErrorAction SilentlyContinue`,
  },
  cmd: {
    comment: (text) => `rem ${text}`,
    // `set X=` with nothing after `=` deletes X, which is cmd's only form of "empty".
    set: (name, value) => `set ${name}=${escapeCmd(value)}`,
    remove: (name) => `set ${name}=`,
  },
};

function assertRenderable(env: ClaudeCodeEnv): void {
  for (const entry of env) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(entry.name)) throw new ClaudeCodeConfigError(`"${entry.name}" is not a variable name Gatehouse writes`);
    assertWritableValue(entry.name, entry.value);
  }
}

function lines(...groups: string[][]): string {
  return `${groups.flat().join('\n')}\n`;
}

function sessionLines(shell: Shell, env: ClaudeCodeEnv): string[] {
  return env.map((entry) => SYNTAX[shell].set(entry.name, entry.value));
}

/**
 * The marked block for a shell's rc or profile file: session-style assignments of the values
 * that persist (see persistedEntries). cmd has no rc file; its persistence is setx.
 */
export function renderRcBlock(shell: Shell, env: ClaudeCodeEnv): string {
  if (shell === 'cmd') throw new ClaudeCodeConfigError('cmd has no profile file; persist with the setx script instead (configure-claude --shell cmd --print)');
  assertRenderable(env);
  return lines([BLOCK_START, BLOCK_NOTE], sessionLines(shell, persistedEntries(env)), [BLOCK_END]);
}

/**
 * Only Windows has a per-user environment that new terminals inherit (setx, and .NET's
 * SetEnvironmentVariable(…, 'User'), which does nothing elsewhere); other systems have profiles.
 */
export const hasUserEnvironment = (shell: Shell, platform: NodeJS.Platform): boolean => shell === 'cmd' || (shell === 'powershell' && platform === 'win32');

function renderPersist(shell: Shell, env: ClaudeCodeEnv, platform: NodeJS.Platform): string {
  if (!hasUserEnvironment(shell, platform)) return renderRcBlock(shell, env);
  const kept = persistedEntries(env);
  const comment = SYNTAX[shell].comment;
  if (shell === 'powershell') {
    return lines(
      [comment('Gatehouse: Claude Code through the gateway, for new terminals (user environment) and this one')],
      kept.map((entry) => `[Environment]::SetEnvironmentVariable('${entry.name}', ${quotePowerShell(entry.value)}, 'User')`),
      sessionLines(shell, env),
    );
  }
  return lines(
    [comment('Gatehouse: Claude Code through the gateway, for new terminals (setx) and this one (set)')],
    kept.map((entry) => `setx ${entry.name} ${quoteSetxValue(entry.name, entry.value)} >nul`),
    sessionLines(shell, env),
  );
}

function renderUnset(shell: Shell, env: ClaudeCodeEnv, platform: NodeJS.Platform): string {
  const comment = SYNTAX[shell].comment;
  const persistentRemovals = persistedEntries(env).map((entry) => {
    if (shell === 'powershell') return `[Environment]::SetEnvironmentVariable('${entry.name}', $null, 'User')`;
    // setx cannot delete a variable; reg can, though running terminals keep their copy.
    return `reg delete HKCU\\Environment /v ${entry.name} /f >nul 2>&1`;
  });
  const userEnvironment = hasUserEnvironment(shell, platform);
  return lines(
    [comment(userEnvironment ? 'Gatehouse: stop sending Claude Code to the gateway, here and in new terminals' : 'Gatehouse: stop sending Claude Code to the gateway in this shell')],
    env.map((entry) => SYNTAX[shell].remove(entry.name)),
    userEnvironment ? persistentRemovals : [],
  );
}

/**
 * A script for one shell on one OS: `session` sets the variables in the current shell,
 * `persist` makes them stick (setx and SetEnvironmentVariable on Windows, else the profile
 * block), and `unset` removes them again. Every value is quoted by that shell's own rules
 * (shell-quote.ts).
 */
export function renderShellScript(shell: Shell, env: ClaudeCodeEnv, mode: ScriptMode, platform: NodeJS.Platform): string {
  assertRenderable(env);
  if (mode === 'persist') return renderPersist(shell, env, platform);
  if (mode === 'unset') return renderUnset(shell, env, platform);
  return lines([SYNTAX[shell].comment('Gatehouse: Claude Code through the gateway, in this shell')], sessionLines(shell, env));
}
