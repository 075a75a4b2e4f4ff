/**
 * Merging the Claude Code env into settings.json text. Pure: the caller reads and writes.
 * Only `env` keys Gatehouse owns change; every other key, and the file's indentation, line
 * endings and byte-order mark, stay as they were (cc-switch #3044 and #1691 show the cost of not).
 */
import path from 'node:path';
import { ClaudeCodeConfigError, type ClaudeCodeEnv } from './env.ts';

/** Claude Code honours CLAUDE_CONFIG_DIR in place of ~/.claude. */
export function claudeConfigDirectory(home: string, env: NodeJS.ProcessEnv): string {
  const configured = env.CLAUDE_CONFIG_DIR;
  return configured !== undefined && configured !== '' ? configured : path.join(home, '.claude');
}

export function userSettingsPath(home: string, env: NodeJS.ProcessEnv): string {
  return path.join(claudeConfigDirectory(home, env), 'settings.json');
}

export interface SettingsChange {
  key: string;
  /** null: the key was absent. */
  from: string | null;
  /** null: the key is removed. */
  to: string | null;
}

type JsonObject = Record<string, unknown>;

interface ParsedSettings {
  settings: JsonObject;
  bom: string;
  indent: string;
  newline: string;
  trailingNewline: boolean;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses settings.json text; an empty or missing file is `{}`. Throws on anything else that is not a JSON object. */
export function parseSettings(text: string | undefined, file: string): ParsedSettings {
  const source = text ?? '';
  const bom = source.startsWith('\ufeff') ? '\ufeff' : '';
  const body = source.slice(bom.length);
  const newline = body.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)"/m.exec(body)?.[1] ?? '  ';
  const trailingNewline = body.trim() === '' || /\n$/.test(body);
  if (body.trim() === '') return { settings: {}, bom, indent, newline, trailingNewline };
  let settings: unknown;
  try {
    settings = JSON.parse(body);
  } catch (error) {
    throw new ClaudeCodeConfigError(`${file} is not valid JSON (${(error as Error).message}); fix it or move it away, Gatehouse will not overwrite it`);
  }
  if (!isObject(settings)) throw new ClaudeCodeConfigError(`${file} must hold a JSON object ({ ... }); Gatehouse will not overwrite it`);
  if (settings.env !== undefined && !isObject(settings.env)) {
    throw new ClaudeCodeConfigError(`"env" in ${file} must be an object of strings; Gatehouse will not overwrite it`);
  }
  return { settings, bom, indent, newline, trailingNewline };
}

/** The `env` block of settings text as strings, for the doctor and for plans. */
export function settingsEnv(text: string | undefined, file: string): Record<string, string> {
  const env = parseSettings(text, file).settings.env;
  if (!isObject(env)) return {};
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}

function serialise(parsed: ParsedSettings): string {
  const json = JSON.stringify(parsed.settings, null, parsed.indent) + (parsed.trailingNewline ? '\n' : '');
  return parsed.bom + (parsed.newline === '\n' ? json : json.replaceAll('\n', parsed.newline));
}

function applyEnvUpdates(parsed: ParsedSettings, updates: readonly SettingsChange[], dropEmptyEnv = false): string {
  const env: JsonObject = isObject(parsed.settings.env) ? { ...parsed.settings.env } : {};
  for (const update of updates) {
    if (update.to === null) delete env[update.key];
    else env[update.key] = update.to;
  }
  const settings = { ...parsed.settings };
  if (Object.keys(env).length === 0 && dropEmptyEnv) delete settings.env;
  else settings.env = env;
  return serialise({ ...parsed, settings });
}

/** What merging `env` and removing the `removed` keys would change, key by key; unchanged keys are left out. */
export function diffSettingsEnv(text: string | undefined, file: string, env: ClaudeCodeEnv, removed: readonly string[] = []): SettingsChange[] {
  const current = settingsEnv(text, file);
  const set = env
    .filter((entry) => current[entry.name] !== entry.value)
    .map((entry) => ({ key: entry.name, from: current[entry.name] ?? null, to: entry.value }));
  const gone = removed.filter((key) => current[key] !== undefined).map((key) => ({ key, from: current[key]!, to: null }));
  return [...set, ...gone];
}

/** settings.json text with `env` merged in and the `removed` keys taken out; the same text back when nothing changes. */
export function mergeEnvIntoSettings(text: string | undefined, file: string, env: ClaudeCodeEnv, removed: readonly string[] = []): string {
  const changes = diffSettingsEnv(text, file, env, removed);
  if (changes.length === 0 && text !== undefined) return text;
  return applyEnvUpdates(parseSettings(text, file), changes);
}

/**
 * Puts the given env keys back to their values in `previousText` (or removes them), keeping
 * everything else in `currentText`: the undo for a settings.json someone changed after us.
 */
export function revertEnvKeys(currentText: string | undefined, previousText: string | undefined, file: string, keys: readonly string[]): string {
  const previous = settingsEnv(previousText, file);
  const updates = keys.map((key) => ({ key, from: null, to: previous[key] ?? null }));
  const previousHadEnv = isObject(parseSettings(previousText, file).settings.env);
  return applyEnvUpdates(parseSettings(currentText, file), updates, !previousHadEnv);
}
