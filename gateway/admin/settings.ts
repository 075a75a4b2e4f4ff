/** GET/PUT /admin/settings: bind address, port, body storage, and where provider keys come from (masked). */
import { readFileSync } from 'node:fs';
import { maskSecret } from '../secrets/mask-secret.ts';
import { isLoopbackHost } from '../server/host-check.ts';
import type { ConfigIssue } from '../config/config-issue.ts';
import type { ProviderKey, SettingsResponse, SettingsUpdateRequest, SettingsUpdateResponse } from './contract.ts';
import type { AdminContext } from './admin-api.ts';
import { editConfigFile } from './config.ts';
import { withConfigVariables } from '../config/parse-config.ts';
import { environmentKeyOf } from '../config/provider-environment.ts';
import { mergeIncludes } from '../config/merge-includes.ts';
import { parseYamlMapping } from '../config/yaml-mapping.ts';

const ENV_REFERENCE = /^os\.environ\/(.+)$/;
/** Keys the first-run config picks up from the environment; shown even before a deployment uses them. */
const WELL_KNOWN_KEYS: Record<string, string> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
  deepseek: 'DEEPSEEK_API_KEY',
};

/**
 * api_key values as written (before os.environ/ is resolved), by index in the merged model_list:
 * the main file's entries and those its `include:` files add, as the loader merges them.
 */
function writtenApiKeys(context: AdminContext): (string | undefined)[] {
  try {
    const configPath = context.runtime.configPath;
    const parsed = parseYamlMapping(readFileSync(configPath, 'utf8'));
    if ('errors' in parsed) return [];
    const merged = mergeIncludes(parsed.value, { path: configPath, readFile: (file) => readFileSync(file, 'utf8') }).value as { model_list?: unknown };
    const entries = Array.isArray(merged.model_list) ? (merged.model_list as { litellm_params?: { api_key?: unknown } }[]) : [];
    return entries.map((entry) => (typeof entry?.litellm_params?.api_key === 'string' ? entry.litellm_params.api_key : undefined));
  } catch {
    return [];
  }
}

/**
 * Where a key read from environment variable `variable` came from. The config's
 * environment_variables come first, as LiteLLM puts them into the environment before reading the
 * rest: a literal there is the config's, a reference there is the variable it names (when that is
 * set). The desktop app puts the keys it keeps in the keychain into the same environment the
 * shell's keys are in, so only it can tell them apart (`keychain`).
 */
export function environmentKeySource(variable: string, env: NodeJS.ProcessEnv, keychain: ReadonlySet<string>, configVariables: Readonly<Record<string, unknown>> = {}): ProviderKey['source'] {
  const defined = configVariables[variable];
  if (defined !== undefined) {
    const referenced = typeof defined === 'string' ? ENV_REFERENCE.exec(defined)?.[1] : undefined;
    if (referenced === undefined) return String(defined) === '' ? 'none' : 'config';
    if (env[referenced] !== undefined) return environmentKeySource(referenced, env, keychain);
  }
  if (!env[variable]) return 'none';
  return keychain.has(variable) ? 'keychain' : 'env';
}

function providerKeys(context: AdminContext): ProviderKey[] {
  const written = writtenApiKeys(context);
  const keychain = context.keychainVariables();
  const configVariables = context.runtime.config.environment_variables ?? {};
  const env = withConfigVariables(configVariables, context.env);
  const providers = new Map<string, ProviderKey>();
  context.runtime.config.model_list.forEach((entry, index) => {
    const apiKey = entry.litellm_params.api_key;
    if (apiKey === undefined) return;
    const name = entry.model_info?.route ?? entry.litellm_params.model.split('/')[0]!;
    if (providers.has(name)) return;
    // A key the file does not write came from the provider's variable (config/provider-environment.ts).
    const reference = ENV_REFERENCE.exec(written[index] ?? '')?.[1]
      ?? (written[index] === undefined ? environmentKeyOf({ ...entry.litellm_params, api_key: undefined }, env)?.variable : undefined);
    providers.set(name, {
      name,
      envVar: reference ?? WELL_KNOWN_KEYS[name] ?? `${name.toUpperCase().replace(/\W+/g, '_')}_API_KEY`,
      // An os.environ/ reference that resolved to a key names a variable that is set.
      source: reference ? environmentKeySource(reference, context.env, keychain, configVariables) : 'config',
      maskedKey: maskSecret(apiKey),
    });
  });
  for (const [name, envVar] of Object.entries(WELL_KNOWN_KEYS)) {
    if (providers.has(name)) continue;
    const value = env[envVar];
    providers.set(name, { name, envVar, source: environmentKeySource(envVar, context.env, keychain, configVariables), maskedKey: value ? maskSecret(value) : null });
  }
  return [...providers.values()];
}

export function getSettings(context: AdminContext): SettingsResponse {
  const { runtime } = context;
  const server = runtime.config.gatehouse.server;
  return {
    host: server.host,
    port: server.port,
    listeningPort: runtime.listeningPort,
    storeBodies: server.store_bodies,
    dataDir: runtime.dataDir,
    configPath: runtime.configPath,
    providers: providerKeys(context),
  };
}

export function updateSettings(context: AdminContext, request: SettingsUpdateRequest): SettingsUpdateResponse {
  const before = context.runtime.config.gatehouse.server;
  const result = editConfigFile(context, (document) => {
    const issues: ConfigIssue[] = [];
    if (request.host !== undefined && !isLoopbackHost(request.host) && !context.runtime.config.general_settings.master_key) {
      issues.push({ path: 'host', message: `binding ${request.host} exposes the gateway to the network; set general_settings.master_key first` });
    }
    if (request.host !== undefined) document.setIn(['gatehouse', 'server', 'host'], request.host);
    if (request.port !== undefined) document.setIn(['gatehouse', 'server', 'port'], request.port);
    if (request.storeBodies !== undefined) document.setIn(['gatehouse', 'server', 'store_bodies'], request.storeBodies);
    return issues;
  });
  const after = context.runtime.config.gatehouse.server;
  return {
    settings: getSettings(context),
    errors: result.errors,
    // The socket is bound once at start: a new host or port takes a restart.
    restartRequired: result.saved && (after.host !== before.host || after.port !== before.port),
  };
}
