/**
 * Checks the Claude Code wiring end to end, one line per finding (DESIGN.md §9). Network,
 * PATH lookup and process execution are injectable so that tests run on loopback fakes.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { GatehouseConfig } from '../config/schema.ts';
import { NO_PROXY_VARIABLES, noProxyCovers, proxyVariableNames, withoutCredentials } from '../providers/env-proxy.ts';
import { isHaikuClass } from '../router/claude-code-rules.ts';
import { ModelResolver } from '../router/resolve-model.ts';
import { readIfExists } from './atomic-file.ts';
import { autoCompactWindowFor, claudeCodeContextWindow, type ContextWindow } from './context-window.ts';
import { isClaudeCodeAlias, MAIN_MODEL_VARIABLES } from './main-model.ts';
import { CLAUDE_CODE_MIN_CONTEXT } from './minimum-context.ts';
import { MODEL_VARIABLES, normaliseGatewayUrl } from './env.ts';
import { parseSettings, settingsEnv, userSettingsPath } from './settings-file.ts';

export interface DoctorCheck {
  id: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  /** One line: what is wrong, or that it is fine. */
  verdict: string;
  fix?: string;
}

/**
 * How the reader takes each step a fix asks for where they read the doctor: the CLI names its
 * commands and flags, the dashboard what its pages offer. Clauses, lower case, to follow "or".
 */
export interface ApplyStep {
  /** Writes this gateway's URL, key and settings into Claude Code's settings.json. */
  apply: string;
  /** The same with a chosen background model, or null where the reader cannot choose one. */
  applyWithBackgroundModel: string | null;
  /** Makes Claude Code's model names ones the gateway serves, for a name it does not have. */
  useServedModel: string;
  /** Where the URL the doctor checks comes from, to follow "check". */
  gatewayAddress: string;
  /** Where the key the doctor sends comes from, to follow "check". */
  gatewayKey: string;
  /** Starts the gateway; null where it evidently runs (the dashboard is served by it). */
  startGateway: string | null;
}

export const CLI_APPLY_STEP: ApplyStep = {
  apply: 'run `configure-claude --apply`',
  applyWithBackgroundModel: 'run `configure-claude --apply --haiku-model M`',
  useServedModel: 'pick one the gateway has with `configure-claude --model`',
  gatewayAddress: 'the URL (--url) and the port in config.yaml',
  gatewayKey: 'general_settings.master_key in config.yaml (--key)',
  startGateway: 'start Gatehouse (the tray app, or `npm run serve`)',
};

const capitalise = (clause: string): string => `${clause.charAt(0).toUpperCase()}${clause.slice(1)}`;

export type ExecFunction = (file: string, args: readonly string[]) => Promise<{ stdout: string }>;

export interface DoctorOptions {
  gatewayUrl: string;
  gatewayKey: string;
  /** Models to send a one-token `/v1/messages` to; empty: the ones Claude Code is set up to use. */
  models: readonly string[];
  home: string;
  /** Project settings are read from `<cwd>/.claude/`. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  fetch?: typeof fetch;
  which?: (command: string) => string | undefined;
  exec?: ExecFunction;
  /** Per model request; local models can take a while to load. Default 60 s. */
  requestTimeoutMs?: number;
  /**
   * The gateway's config, when known. /v1/models leaves out names the gateway still serves:
   * wildcard groups, hidden aliases, and any name gatehouse.claude_code's rules route.
   */
  config?: GatehouseConfig;
  /** How fixes name the apply step; the CLI's command unless the caller has its own. */
  applyStep?: ApplyStep;
}

interface Layer {
  /** Where a value came from, as the user would name it. */
  source: string;
  env: Record<string, string>;
  /** settings.json `apiKeyHelper`: a script whose output Claude Code sends as the key. */
  apiKeyHelper: boolean;
}

interface Lookup {
  value: string;
  source: string;
}

const describeError = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
};

/** The `PATH` search a shell would do, with PATHEXT on Windows. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const windows = platform === 'win32';
  const variable = (name: string) => env[name] ?? (windows ? Object.entries(env).find(([key]) => key.toUpperCase() === name)?.[1] : undefined);
  const extensions = windows ? (variable('PATHEXT') ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const directory of (variable('PATH') ?? '').split(windows ? ';' : ':')) {
    if (directory === '') continue;
    for (const extension of extensions) {
      const candidate = path.join(directory, command + extension.toLowerCase());
      try {
        if (!statSync(candidate).isFile()) continue;
        if (!windows) accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

const execFileAsync = promisify(execFile);

/** Runs a program; npm's Windows shims (.cmd) need cmd.exe, which Node refuses to pick implicitly. */
export const defaultExec: ExecFunction = async (file, args) => {
  const options = { timeout: 15_000, windowsHide: true };
  if (/\.(cmd|bat)$/i.test(file)) return execFileAsync('cmd.exe', ['/d', '/s', '/c', `"${file}" ${args.join(' ')}`], { ...options, windowsVerbatimArguments: true });
  return execFileAsync(file, [...args], options);
};

async function readLayers(options: DoctorOptions, problems: string[]): Promise<Layer[]> {
  const processEnv = Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const layers: Layer[] = [{ source: 'the current environment', env: processEnv, apiKeyHelper: false }];
  // Claude Code's precedence, lowest first: user, project, local project settings.
  const files = [
    userSettingsPath(options.home, options.env),
    path.join(options.cwd, '.claude', 'settings.json'),
    path.join(options.cwd, '.claude', 'settings.local.json'),
  ];
  for (const file of files) {
    try {
      const bytes = await readIfExists(file);
      if (bytes === undefined) continue;
      const text = bytes.toString('utf8');
      layers.push({ source: file, env: settingsEnv(text, file), apiKeyHelper: parseSettings(text, file).settings.apiKeyHelper !== undefined });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return layers;
}

/** The value Claude Code ends up with: settings files override the environment, later files earlier ones. */
function effective(layers: readonly Layer[], name: string): Lookup | undefined {
  for (const layer of [...layers].reverse()) {
    const value = layer.env[name];
    if (value !== undefined) return { value, source: layer.source };
  }
  return undefined;
}

function checkBaseUrl(layers: readonly Layer[], gatewayBase: string, step: ApplyStep): DoctorCheck {
  const found = effective(layers, 'ANTHROPIC_BASE_URL');
  const reapply = `${capitalise(step.apply)}, or remove the other value`;
  if (found === undefined || found.value === '') {
    return { id: 'base-url', status: 'fail', verdict: 'ANTHROPIC_BASE_URL is not set, so Claude Code talks to api.anthropic.com directly', fix: `${capitalise(step.apply)} (writes ~/.claude/settings.json)` };
  }
  let normalised: string | undefined;
  try {
    normalised = normaliseGatewayUrl(found.value);
  } catch {
    normalised = undefined;
  }
  if (normalised !== gatewayBase) {
    return { id: 'base-url', status: 'fail', verdict: `ANTHROPIC_BASE_URL from ${found.source} is ${found.value}, not the gateway at ${gatewayBase}`, fix: `${reapply} from ${found.source}` };
  }
  if (found.value !== normalised) {
    return { id: 'base-url', status: 'warn', verdict: `ANTHROPIC_BASE_URL from ${found.source} is ${found.value}; Claude Code appends /v1/messages itself`, fix: `Set it to ${gatewayBase}, or ${step.apply}` };
  }
  return { id: 'base-url', status: 'ok', verdict: `ANTHROPIC_BASE_URL points at the gateway (from ${found.source})` };
}

function checkAuth(layers: readonly Layer[], gatewayKey: string, settingsWithHelper: string | undefined, step: ApplyStep): DoctorCheck {
  const apiKey = effective(layers, 'ANTHROPIC_API_KEY');
  if (apiKey !== undefined && apiKey.value !== '') {
    return { id: 'auth', status: 'fail', verdict: `ANTHROPIC_API_KEY is set in ${apiKey.source}; Claude Code sends it instead of the gateway key`, fix: `Remove it from ${apiKey.source}, or ${step.apply} to empty it in settings.json` };
  }
  if (settingsWithHelper !== undefined) {
    return { id: 'auth', status: 'warn', verdict: `${settingsWithHelper} sets apiKeyHelper, whose key may replace the gateway key`, fix: `Remove apiKeyHelper from ${settingsWithHelper} while using Gatehouse` };
  }
  const token = effective(layers, 'ANTHROPIC_AUTH_TOKEN');
  if (token === undefined || token.value === '') {
    return { id: 'auth', status: 'fail', verdict: 'ANTHROPIC_AUTH_TOKEN is not set, so Claude Code has no gateway key to send', fix: capitalise(step.apply) };
  }
  if (token.value !== gatewayKey) {
    return { id: 'auth', status: 'fail', verdict: `ANTHROPIC_AUTH_TOKEN from ${token.source} is not this gateway's key`, fix: `${capitalise(step.apply)}, or remove it from ${token.source}` };
  }
  return { id: 'auth', status: 'ok', verdict: `ANTHROPIC_AUTH_TOKEN is the gateway key (from ${token.source})` };
}

/** Whether the gateway routes `name` though /v1/models does not list it. */
function servesUnlisted(config: GatehouseConfig | undefined): (name: string) => boolean {
  if (config === undefined) return () => false;
  const rules = config.gatehouse.claude_code;
  // Only the group names matter for resolving a name, not the deployments behind them.
  const resolver = new ModelResolver(new Map(config.model_list.map((deployment) => [deployment.model_name, []])), config);
  return (name) => rules.default !== undefined || (rules.background !== undefined && isHaikuClass(name)) || resolver.tryResolve(name) !== undefined;
}

/** Claude Code's switches to a cloud provider's own endpoint, which ignore ANTHROPIC_BASE_URL (code.claude.com/docs/en/env-vars). */
const PROVIDER_SWITCHES = [
  ['CLAUDE_CODE_USE_BEDROCK', 'Amazon Bedrock'],
  ['CLAUDE_CODE_USE_VERTEX', 'Google Vertex AI'],
  ['CLAUDE_CODE_USE_FOUNDRY', 'Microsoft Foundry'],
] as const;

const isSwitchedOn = (value: string): boolean => !['', '0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());

function checkProvider(layers: readonly Layer[]): DoctorCheck {
  for (const [name, provider] of PROVIDER_SWITCHES) {
    const found = effective(layers, name);
    if (found === undefined || !isSwitchedOn(found.value)) continue;
    return {
      id: 'provider',
      status: 'fail',
      verdict: `${name}=${found.value} (from ${found.source}) makes Claude Code talk to ${provider} and ignore ANTHROPIC_BASE_URL`,
      fix: `Remove ${name} from ${found.source} while using Gatehouse`,
    };
  }
  return { id: 'provider', status: 'ok', verdict: 'no Bedrock, Vertex or Foundry switch takes Claude Code away from the gateway' };
}

/**
 * ANTHROPIC_SMALL_FAST_MODEL wins over ANTHROPIC_DEFAULT_HAIKU_MODEL (and the main model) for
 * background calls (claude-code-wire.md), so an old one silently overrides --haiku-model.
 */
function checkBackgroundModel(layers: readonly Layer[], step: ApplyStep): DoctorCheck {
  const smallFast = effective(layers, 'ANTHROPIC_SMALL_FAST_MODEL');
  const intended = [effective(layers, 'ANTHROPIC_DEFAULT_HAIKU_MODEL'), effective(layers, 'ANTHROPIC_MODEL')].find((found) => found !== undefined && found.value !== '');
  if (smallFast === undefined || smallFast.value === '' || intended === undefined || smallFast.value === intended.value) {
    return { id: 'background-model', status: 'ok', verdict: 'no stale ANTHROPIC_SMALL_FAST_MODEL overrides the background model' };
  }
  return {
    id: 'background-model',
    status: 'warn',
    verdict: `ANTHROPIC_SMALL_FAST_MODEL=${smallFast.value} (from ${smallFast.source}) overrides ${intended.value} for background calls`,
    fix: step.applyWithBackgroundModel === null ? `Remove it from ${smallFast.source}` : `Remove it from ${smallFast.source}, or ${step.applyWithBackgroundModel}, which sets both`,
  };
}

/** What happens to a conversation that outgrows the window. */
const overrun = (window: ContextWindow): string => (window.setting === 'num_ctx'
  ? 'Ollama silently drops the start of a conversation that outgrows it'
  : 'the provider refuses a conversation that outgrows it');

/**
 * Whether Claude Code knows how much context its model really has: behind a smaller window than
 * the 200k it assumes, it would not compact before Ollama starts dropping the oldest messages.
 */
function checkContextWindow(layers: readonly Layer[], config: GatehouseConfig | undefined, step: ApplyStep): DoctorCheck {
  if (config === undefined) return { id: 'context-window', status: 'skip', verdict: 'without the gateway\'s config the model\'s context window is unknown' };
  const variables = Object.fromEntries(MAIN_MODEL_VARIABLES.map((name) => [name, effective(layers, name)?.value]));
  const window = claudeCodeContextWindow(config, variables);
  if (window === undefined) return { id: 'context-window', status: 'ok', verdict: 'Claude Code\'s model sets its own context window (no num_ctx or max_input_tokens in the way)' };
  const where = `${window.deployment} (${window.setting} ${window.tokens})`;
  if (window.tokens < CLAUDE_CODE_MIN_CONTEXT) {
    return {
      id: 'context-window',
      status: 'warn',
      verdict: `${where} is too small for Claude Code, whose prompt and tools take ~20k tokens and which keeps up to 33k free to compact: ${overrun(window)}`,
      fix: window.setting === 'num_ctx'
        ? `Set litellm_params.num_ctx to 65536 or more for ${window.deployment} in config.yaml (the Models page shows what fits this machine)`
        : `Route Claude Code to a model with at least ${CLAUDE_CODE_MIN_CONTEXT} tokens of context`,
    };
  }
  const wanted = autoCompactWindowFor(window);
  const set = effective(layers, 'CLAUDE_CODE_AUTO_COMPACT_WINDOW');
  if (wanted === undefined || (set !== undefined && Number(set.value) > 0 && Number(set.value) <= wanted)) {
    return { id: 'context-window', status: 'ok', verdict: `Claude Code compacts within the ${window.tokens} tokens of ${window.deployment}` };
  }
  return {
    id: 'context-window',
    status: 'warn',
    verdict: `${where} holds less than Claude Code assumes${set === undefined ? '' : ` (CLAUDE_CODE_AUTO_COMPACT_WINDOW=${set.value} from ${set.source})`}, so it would not compact in time: ${overrun(window)}`,
    fix: `${capitalise(step.apply)}, which sets CLAUDE_CODE_AUTO_COMPACT_WINDOW=${wanted}`,
  };
}

function checkModelNames(layers: readonly Layer[], gatewayModels: ReadonlySet<string> | undefined, answered: ReadonlySet<string>, config: GatehouseConfig | undefined, step: ApplyStep): DoctorCheck {
  if (gatewayModels === undefined) return { id: 'model-names', status: 'skip', verdict: 'the gateway did not list its models, so model variables were not checked' };
  const served = servesUnlisted(config);
  const unknown: string[] = [];
  for (const name of MODEL_VARIABLES) {
    const found = effective(layers, name);
    if (found === undefined || found.value === '') continue;
    const model = found.value;
    if (gatewayModels.has(model) || answered.has(model) || isClaudeCodeAlias(model) || served(model)) continue;
    unknown.push(`${name}=${model} (from ${found.source})`);
  }
  if (unknown.length === 0) return { id: 'model-names', status: 'ok', verdict: 'every model Claude Code is told to use is one the gateway serves' };
  return {
    id: 'model-names',
    status: 'fail',
    verdict: `the gateway has no model named by ${unknown.join('; ')}`,
    fix: `Add the model to model_list in config.yaml, or ${step.useServedModel}`,
  };
}

function checkProxy(layers: readonly Layer[], gatewayBase: string): DoctorCheck {
  const url = new URL(gatewayBase);
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const proxy = proxyVariableNames(scheme).map((name) => ({ name, found: effective(layers, name) })).find(({ found }) => found !== undefined && found.value !== '');
  if (proxy === undefined) return { id: 'proxy', status: 'ok', verdict: `no ${scheme.toUpperCase()}_PROXY or ALL_PROXY set` };
  const noProxy = NO_PROXY_VARIABLES.map((name) => effective(layers, name)).find((found) => found !== undefined);
  if (noProxy !== undefined && noProxyCovers(noProxy.value, url.hostname, port)) {
    return { id: 'proxy', status: 'ok', verdict: `${proxy.name} is set, and NO_PROXY exempts ${url.hostname}` };
  }
  return {
    id: 'proxy',
    status: 'fail',
    verdict: `${proxy.name}=${withoutCredentials(proxy.found!.value)} (from ${proxy.found!.source}) would send gateway traffic through the proxy; NO_PROXY does not cover ${url.hostname}`,
    fix: 'Add 127.0.0.1,localhost,::1 to NO_PROXY (and no_proxy)',
  };
}

async function checkClaudeCli(options: DoctorOptions): Promise<DoctorCheck> {
  const which = options.which ?? ((command: string) => findOnPath(command, options.env, options.platform));
  const location = which('claude');
  if (location === undefined) {
    return { id: 'claude-cli', status: 'warn', verdict: 'claude is not on PATH', fix: 'Install Claude Code (npm install -g @anthropic-ai/claude-code, or the native installer), then open a new terminal' };
  }
  try {
    const { stdout } = await (options.exec ?? defaultExec)(location, ['--version']);
    return { id: 'claude-cli', status: 'ok', verdict: `claude ${stdout.trim().split('\n')[0]} at ${location}` };
  } catch (error) {
    return { id: 'claude-cli', status: 'warn', verdict: `\`claude --version\` failed at ${location}: ${describeError(error)}`, fix: 'Reinstall Claude Code, or fix the PATH entry' };
  }
}

interface GatewayProbe {
  checks: DoctorCheck[];
  /** undefined when the gateway could not be asked. */
  models: Set<string> | undefined;
}

async function errorMessageOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON; use the text
  }
  return text.slice(0, 200).trim() || response.statusText;
}

async function probeGateway(options: DoctorOptions, gatewayBase: string, mappedModels: readonly string[], step: ApplyStep): Promise<GatewayProbe> {
  const fetchFunction = options.fetch ?? fetch;
  const auth = { authorization: `Bearer ${options.gatewayKey}`, 'anthropic-version': '2023-06-01' };
  const skipped = (id: string, why: string): DoctorCheck => ({ id, status: 'skip', verdict: why });
  const modelIds = mappedModels.map((model) => `model:${model}`);
  try {
    const health = await fetchFunction(`${gatewayBase}/health`, { signal: AbortSignal.timeout(5_000) });
    await health.body?.cancel();
    if (!health.ok) {
      const why = `${gatewayBase}/health answered HTTP ${health.status}; is this Gatehouse?`;
      return { checks: [{ id: 'gateway-reachable', status: 'fail', verdict: why, fix: `Check ${step.gatewayAddress}` }], models: undefined };
    }
  } catch (error) {
    return {
      checks: [
        {
          id: 'gateway-reachable',
          status: 'fail',
          verdict: `nothing answers at ${gatewayBase} (${describeError(error)})`,
          fix: step.startGateway === null ? `Check ${step.gatewayAddress}` : `${capitalise(step.startGateway)}, or check ${step.gatewayAddress}`,
        },
        skipped('gateway-key', 'skipped: the gateway is not reachable'),
        ...modelIds.map((id) => skipped(id, 'skipped: the gateway is not reachable')),
      ],
      models: undefined,
    };
  }
  const checks: DoctorCheck[] = [{ id: 'gateway-reachable', status: 'ok', verdict: `the gateway answers at ${gatewayBase}` }];
  let models: Set<string> | undefined;
  try {
    const response = await fetchFunction(`${gatewayBase}/v1/models`, { headers: auth, signal: AbortSignal.timeout(5_000) });
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      checks.push({ id: 'gateway-key', status: 'fail', verdict: `the gateway rejected the key (HTTP ${response.status})`, fix: `Check ${step.gatewayKey}, then ${step.apply}` });
      return { checks: [...checks, ...modelIds.map((id) => skipped(id, 'skipped: the key was rejected'))], models };
    }
    if (response.ok) {
      const listing = (await response.json()) as { data?: { id?: unknown }[] };
      models = new Set((listing.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === 'string'));
      checks.push({ id: 'gateway-key', status: 'ok', verdict: `the gateway accepted the key and lists ${models.size} models` });
    } else {
      checks.push({ id: 'gateway-key', status: 'warn', verdict: `GET /v1/models answered HTTP ${response.status}: ${await errorMessageOf(response)}` });
    }
  } catch (error) {
    checks.push({ id: 'gateway-key', status: 'warn', verdict: `GET /v1/models failed: ${describeError(error)}` });
  }
  for (const model of mappedModels) checks.push(await probeModel(fetchFunction, gatewayBase, auth, model, options.requestTimeoutMs ?? 60_000, step));
  return { checks, models };
}

async function probeModel(fetchFunction: typeof fetch, gatewayBase: string, auth: Record<string, string>, model: string, timeoutMs: number, step: ApplyStep): Promise<DoctorCheck> {
  const id = `model:${model}`;
  const started = performance.now();
  try {
    const response = await fetchFunction(`${gatewayBase}/v1/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model, max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) {
      await response.body?.cancel();
      return { id, status: 'ok', verdict: `${model} answered a 1-token request in ${Math.round(performance.now() - started)} ms` };
    }
    return {
      id,
      status: 'fail',
      verdict: `${model} failed: HTTP ${response.status} ${await errorMessageOf(response)}`,
      fix: response.status === 404 || response.status === 400 ? `Add ${model} to model_list in config.yaml, or ${step.useServedModel}` : 'See the request in the Gatehouse log for the upstream error',
    };
  } catch (error) {
    return { id, status: 'fail', verdict: `${model} did not answer within ${timeoutMs} ms (${describeError(error)})`, fix: 'A local model may still be loading: try again, or raise API_TIMEOUT_MS' };
  }
}

/** Models whose one-token request succeeded: served, whatever /v1/models says. */
function answeredModels(checks: readonly DoctorCheck[]): Set<string> {
  return new Set(checks.filter((check) => check.status === 'ok' && check.id.startsWith('model:')).map((check) => check.id.slice('model:'.length)));
}

function configuredModels(layers: readonly Layer[]): string[] {
  const models = MODEL_VARIABLES.map((name) => effective(layers, name)?.value).filter((model): model is string => model !== undefined && model !== '');
  return [...new Set(models)];
}

/** Runs every check; never throws for a failed check, only reports it. */
export async function runClaudeCodeDoctor(options: DoctorOptions): Promise<DoctorCheck[]> {
  const gatewayBase = normaliseGatewayUrl(options.gatewayUrl);
  const step = options.applyStep ?? CLI_APPLY_STEP;
  const problems: string[] = [];
  const layers = await readLayers(options, problems);
  const settingsWithHelper = layers.find((layer) => layer.apiKeyHelper)?.source;
  const mappedModels = options.models.length > 0 ? options.models : configuredModels(layers);
  const probe = await probeGateway(options, gatewayBase, mappedModels, step);
  const settingsCheck: DoctorCheck = problems.length === 0
    ? { id: 'settings-files', status: 'ok', verdict: `read ${layers.length - 1} Claude Code settings file(s)` }
    : { id: 'settings-files', status: 'fail', verdict: problems[0]!, fix: 'Fix the JSON; Claude Code cannot use that file either' };
  return [
    ...probe.checks,
    settingsCheck,
    checkBaseUrl(layers, gatewayBase, step),
    checkProvider(layers),
    checkAuth(layers, options.gatewayKey, settingsWithHelper, step),
    checkModelNames(layers, probe.models, answeredModels(probe.checks), options.config, step),
    checkContextWindow(layers, options.config, step),
    checkBackgroundModel(layers, step),
    checkProxy(layers, gatewayBase),
    await checkClaudeCli(options),
  ];
}
