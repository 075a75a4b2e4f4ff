/**
 * Claude Code wiring shared by the CLI, the admin API and the desktop app (DESIGN.md §9):
 * plan what to write, apply it with backups, undo it, and check it with the doctor.
 */
import type { ClaudeCodeApplyResponse, ClaudeCodePlan, SkippedProfile } from '../admin/contract.ts';
import { SHELLS, type Shell } from '../admin/contract.ts';
import type { GatehouseConfig } from '../config/schema.ts';
import { maskSecret } from '../secrets/mask-secret.ts';
import { readIfExists } from './atomic-file.ts';
import { autoCompactWindowFor, claudeCodeContextWindow } from './context-window.ts';
import { buildClaudeCodeEnv, ClaudeCodeConfigError, envToRecord, normaliseGatewayUrl, type ClaudeCodeEnv, type ClaudeCodeEnvOptions } from './env.ts';
import { runCommand, type CommandRunner } from './powershell-profile.ts';
import { profileShells, rcFilePath, rcFilesToWrite, upsertBlock, type RcLocation } from './rc-file.ts';
import { hasUserEnvironment, renderRcBlock, renderShellScript } from './render-shell.ts';
import { diffSettingsEnv, mergeEnvIntoSettings, settingsEnv, userSettingsPath } from './settings-file.ts';
import { canUndo, undoLastChange, writeWithBackup, type PlannedWrite, type UndoResult } from './undo-journal.ts';

export { buildClaudeCodeEnv, ClaudeCodeConfigError, normaliseGatewayUrl, type ClaudeCodeEnv, type ClaudeCodeEnvOptions } from './env.ts';
export { renderShellScript, renderRcBlock, type ScriptMode } from './render-shell.ts';
export { homeDirectory, rcFilePath } from './rc-file.ts';
export { userSettingsPath } from './settings-file.ts';
export { runClaudeCodeDoctor, type ApplyStep, type DoctorCheck, type DoctorOptions } from './doctor.ts';
export { resolveGatewayEndpoint, type GatewayEndpoint } from './gateway-endpoint.ts';
export type { UndoResult } from './undo-journal.ts';

/** The machine the wiring is for: the real one, except where a test stands in for Windows. */
export interface WiringHost {
  platform: NodeJS.Platform;
  /** Starts PowerShell to ask where its profile is (Windows only). */
  run: CommandRunner;
}

export const THIS_MACHINE: WiringHost = { platform: process.platform, run: runCommand };

export interface ClaudeCodeTarget extends RcLocation {
  /** Where backups and the undo journal live, e.g. `<dataDir>/claude-code`. */
  stateDirectory: string;
  /**
   * The gateway's config, when known: CLAUDE_CODE_AUTO_COMPACT_WINDOW is then set from the
   * window of the model Claude Code's main loop reaches (unless autoCompactWindow is given).
   */
  config?: GatehouseConfig;
}

export interface PlanOptions extends ClaudeCodeEnvOptions, ClaudeCodeTarget {
  /** Put the real gateway key into `env`, `changes` and snippets (for copy buttons). */
  revealKey?: boolean;
}

export interface ApplyOptions extends ClaudeCodeEnvOptions, ClaudeCodeTarget {
  /** Shells whose rc/profile file gets the marked block; settings.json is always written. */
  rcShells?: readonly Shell[];
  /** Starts PowerShell to ask where its profile is (Windows only); a stub in tests. */
  run?: CommandRunner;
}

const SECRET_VARIABLES = new Set(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']);

/** Reads a text file the user owns, refusing one we could not write back byte for byte. */
async function readText(file: string): Promise<{ bytes: Buffer | undefined; text: string | undefined }> {
  const bytes = await readIfExists(file);
  if (bytes === undefined) return { bytes, text: undefined };
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new ClaudeCodeConfigError(`${file} is not UTF-8 text; Gatehouse will not edit it`);
  return { bytes, text };
}

/**
 * The env for these options, with CLAUDE_CODE_AUTO_COMPACT_WINDOW when the gateway's config is
 * known: the main loop's model follows the model variables being set, else those `current`
 * (settings.json's env) already has (main-model.ts). `removed` is what settings.json must lose: a
 * CLAUDE_CODE_AUTO_COMPACT_WINDOW the routed model no longer calls for, which left in place would
 * have Claude Code compact a 200k model at a local one's size.
 */
export function buildWiredEnv(options: ClaudeCodeEnvOptions & Pick<ClaudeCodeTarget, 'config'>, current: Readonly<Record<string, string>> = {}): { env: ClaudeCodeEnv; removed: string[] } {
  const env = buildClaudeCodeEnv(options);
  if (options.autoCompactWindow !== undefined || options.config === undefined) return { env, removed: [] };
  const autoCompactWindow = autoCompactWindowFor(claudeCodeContextWindow(options.config, { ...current, ...envToRecord(env) }));
  return { env: buildClaudeCodeEnv({ ...options, autoCompactWindow }), removed: autoCompactWindow === undefined ? ['CLAUDE_CODE_AUTO_COMPACT_WINDOW'] : [] };
}

const maskEntry = (name: string, value: string | null): string | null => (value !== null && SECRET_VARIABLES.has(name) ? maskSecret(value) : value);

/**
 * What `applyClaudeCode` would write, in the admin contract's shape: the env, the settings.json
 * key changes, and the session and persist scripts for every shell. Reads settings.json and
 * the undo journal; writes nothing. Throws ClaudeCodeConfigError on invalid settings.json.
 */
export async function planClaudeCode(options: PlanOptions): Promise<ClaudeCodePlan> {
  const settingsPath = userSettingsPath(options.home, options.env);
  const { text } = await readText(settingsPath);
  const { env, removed } = buildWiredEnv(options, settingsEnv(text, settingsPath));
  const changes = diffSettingsEnv(text, settingsPath, env, removed);
  const shown: ClaudeCodeEnv = options.revealKey ? env : env.map((entry) => ({ name: entry.name, value: maskEntry(entry.name, entry.value) ?? '' }));
  return {
    baseUrl: normaliseGatewayUrl(options.gatewayUrl),
    settingsPath,
    env: envToRecord(shown),
    // Revealing is for copying the gateway key we write; what settings.json holds now (a provider key, say) stays masked.
    changes: changes.map((change) => ({ key: change.key, from: maskEntry(change.key, change.from), to: options.revealKey ? change.to : maskEntry(change.key, change.to) })),
    snippets: SHELLS.map((shell) => ({
      shell,
      session: renderShellScript(shell, shown, 'session', options.platform),
      persist: renderShellScript(shell, shown, 'persist', options.platform),
      // The file the persist script is for; the user environment (setx, SetEnvironmentVariable) is none.
      rcFile: hasUserEnvironment(shell, options.platform) ? null : rcFilePath(shell, options),
    })),
    applied: changes.length === 0,
    canUndo: await canUndo(options.stateDirectory),
    platform: options.platform,
    profileShells: profileShells(options.platform),
  };
}

/**
 * Merges the env into ~/.claude/settings.json and, for each of `rcShells`, puts the marked
 * block into that shell's rc file (replacing an older block in place). Everything is checked
 * before anything is written; each changed file is backed up first and written atomically.
 * Running it twice writes nothing the second time.
 */
export async function applyClaudeCode(options: ApplyOptions): Promise<ClaudeCodeApplyResponse> {
  const settingsPath = userSettingsPath(options.home, options.env);
  const settings = await readText(settingsPath);
  const { env, removed } = buildWiredEnv(options, settingsEnv(settings.text, settingsPath));
  const writes: PlannedWrite[] = [{
    path: settingsPath,
    kind: 'settings',
    keys: [...env.map((entry) => entry.name), ...removed],
    before: settings.bytes,
    after: mergeEnvIntoSettings(settings.text, settingsPath, env, removed),
  }];
  const skippedProfiles: SkippedProfile[] = [];
  for (const shell of new Set(options.rcShells ?? [])) {
    const { files, skipped } = await rcFilesToWrite(shell, options, options.run ?? runCommand);
    skippedProfiles.push(...skipped);
    for (const file of files) {
      const rc = await readText(file);
      writes.push({ path: file, kind: 'rc', keys: [], before: rc.bytes, after: upsertBlock(rc.text ?? '', renderRcBlock(shell, env)) });
    }
  }
  const { backupDirectory, filesWritten } = await writeWithBackup(options.stateDirectory, writes);
  return { settingsPath, backupPath: backupDirectory, filesWritten, skippedProfiles };
}

/** Reverts the last apply: exact previous bytes where the file is as Gatehouse left it. */
export async function undoClaudeCode(options: { stateDirectory: string }): Promise<UndoResult> {
  return undoLastChange(options.stateDirectory);
}
