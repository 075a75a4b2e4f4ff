/**
 * The environment that points Claude Code at Gatehouse (DESIGN.md §9). Pure: no I/O.
 * Variable semantics: shared/reference/claude-code-wire.md and code.claude.com/docs/en/env-vars.
 */

/** Every variable Gatehouse may write, in the order it writes them. */
export const CLAUDE_CODE_VARIABLES = [
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL',
  'CLAUDE_CODE_SUBAGENT_MODEL',
  'CLAUDE_CODE_AUTO_COMPACT_WINDOW',
  'API_TIMEOUT_MS',
  'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC',
] as const;
export type ClaudeCodeVariable = (typeof CLAUDE_CODE_VARIABLES)[number];

/** Variables that name a model: what the doctor checks against the gateway's model list. */
export const MODEL_VARIABLES = [
  'ANTHROPIC_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL',
  'CLAUDE_CODE_SUBAGENT_MODEL',
] as const;

export interface ClaudeCodeEnvEntry {
  readonly name: ClaudeCodeVariable;
  readonly value: string;
}
/** Ordered, so that scripts and settings.json read the same way every time. */
export type ClaudeCodeEnv = readonly ClaudeCodeEnvEntry[];

export interface ClaudeCodeModels {
  /** ANTHROPIC_MODEL: the model for the main loop (and for background calls unless haiku is set). */
  main?: string;
  opus?: string;
  sonnet?: string;
  /** Background calls (titles, summaries) use this. */
  haiku?: string;
  subagent?: string;
}

export interface ClaudeCodeEnvOptions {
  /** Any form of the gateway URL: `127.0.0.1:4747`, `http://localhost:4747/v1/`, ... */
  gatewayUrl: string;
  gatewayKey: string;
  models?: ClaudeCodeModels;
  /** The routed model's context, when smaller than the 200k Claude Code assumes (see context-window.ts). */
  autoCompactWindow?: number;
  /** Slow local models need more than Claude Code's default request timeout. */
  apiTimeoutMs?: number;
  disableNonessentialTraffic?: boolean;
}

export class ClaudeCodeConfigError extends Error {
  override readonly name = 'ClaudeCodeConfigError';
}

// Control characters cannot be written safely for every shell (cmd and setx have no way to
// quote a newline at all), and no URL, key or model id contains them: refuse them everywhere.
const isControlCharacter = (character: string): boolean => character < ' ' || character === '\u007f';

/** Throws when a value cannot be written into a shell script or an env block. */
export function assertWritableValue(name: string, value: string): void {
  if ([...value].some(isControlCharacter)) {
    throw new ClaudeCodeConfigError(`${name} contains a control character (newline, tab, ...); Gatehouse will not write it into a shell script or settings.json.`);
  }
}

/**
 * The base URL Claude Code wants: scheme, host, port and any reverse-proxy path prefix, never a
 * trailing `/v1`, because Claude Code appends `/v1/messages` itself. A wildcard listen address
 * is replaced by loopback, since clients cannot connect to 0.0.0.0 on every OS.
 */
export function normaliseGatewayUrl(gatewayUrl: string): string {
  const trimmed = gatewayUrl.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ClaudeCodeConfigError(`"${gatewayUrl}" is not a URL; expected something like http://127.0.0.1:4747`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ClaudeCodeConfigError(`the gateway URL must be http:// or https://, not ${url.protocol}//`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ClaudeCodeConfigError('the gateway URL must not carry a user name or password; the key goes in ANTHROPIC_AUTH_TOKEN');
  }
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * Builds the variables in their fixed order. `ANTHROPIC_API_KEY` is always emptied: the env is
 * persisted and outlives today's shell, and Claude Code sends a non-empty API key instead of
 * the gateway's token, so an Anthropic key set later would silently bypass the gateway key.
 */
export function buildClaudeCodeEnv(options: ClaudeCodeEnvOptions): ClaudeCodeEnv {
  if (options.gatewayKey.trim() === '') {
    throw new ClaudeCodeConfigError('the gateway key is empty; set general_settings.master_key or pass --key');
  }
  const { apiTimeoutMs, autoCompactWindow } = options;
  if (apiTimeoutMs !== undefined && (!Number.isSafeInteger(apiTimeoutMs) || apiTimeoutMs <= 0)) {
    throw new ClaudeCodeConfigError(`API_TIMEOUT_MS must be a positive whole number of milliseconds, not ${apiTimeoutMs}`);
  }
  if (autoCompactWindow !== undefined && (!Number.isSafeInteger(autoCompactWindow) || autoCompactWindow <= 0)) {
    throw new ClaudeCodeConfigError(`CLAUDE_CODE_AUTO_COMPACT_WINDOW must be a positive whole number of tokens, not ${autoCompactWindow}`);
  }
  const models = options.models ?? {};
  const candidates: [ClaudeCodeVariable, string | undefined][] = [
    ['ANTHROPIC_BASE_URL', normaliseGatewayUrl(options.gatewayUrl)],
    ['ANTHROPIC_AUTH_TOKEN', options.gatewayKey],
    ['ANTHROPIC_API_KEY', ''],
    ['ANTHROPIC_MODEL', models.main],
    ['ANTHROPIC_DEFAULT_OPUS_MODEL', models.opus],
    ['ANTHROPIC_DEFAULT_SONNET_MODEL', models.sonnet],
    ['ANTHROPIC_DEFAULT_HAIKU_MODEL', models.haiku],
    // Deprecated, but Claude Code still prefers it to DEFAULT_HAIKU (claude-code-wire.md): a
    // stale one would keep background calls on the old model, so it gets the same value.
    ['ANTHROPIC_SMALL_FAST_MODEL', models.haiku],
    ['CLAUDE_CODE_SUBAGENT_MODEL', models.subagent],
    ['CLAUDE_CODE_AUTO_COMPACT_WINDOW', autoCompactWindow === undefined ? undefined : String(autoCompactWindow)],
    ['API_TIMEOUT_MS', apiTimeoutMs === undefined ? undefined : String(apiTimeoutMs)],
    ['CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', options.disableNonessentialTraffic ? '1' : undefined],
  ];
  const env: ClaudeCodeEnvEntry[] = [];
  for (const [name, value] of candidates) {
    if (value === undefined || (value === '' && name !== 'ANTHROPIC_API_KEY')) continue;
    assertWritableValue(name, value);
    env.push({ name, value });
  }
  return env;
}

/**
 * Entries that clear a variable (an empty value) are written for the session and settings.json
 * only. Persisting them would delete the user's own ANTHROPIC_API_KEY for every program (on
 * Windows an empty user variable is a deleted one) including Gatehouse's own cloud route;
 * settings.json already empties it for Claude Code alone.
 */
export function persistedEntries(env: ClaudeCodeEnv): ClaudeCodeEnv {
  return env.filter((entry) => entry.value !== '');
}

/** `{ NAME: value }` in the builder's order. */
export function envToRecord(env: ClaudeCodeEnv): Record<string, string> {
  return Object.fromEntries(env.map((entry) => [entry.name, entry.value]));
}
