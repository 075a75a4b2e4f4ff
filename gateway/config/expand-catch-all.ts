/**
 * LiteLLM's catch-all entry (`model_name: "*"` with `model: "*"`, its docs' Quick Start) serves any
 * model name, the provider read from the name (`groq/llama-3.3-70b`, or a bare `claude-…` or
 * `gpt-…`) and the key from the environment. Gatehouse writes it out as the wildcard entries it
 * stands for, one per provider it can reach, so routing, prices, routes and the dashboard treat
 * them like any other entry: each cloud vendor whose key variable is set, and the local Ollama. A
 * vendor without a key is left out (LiteLLM would send its requests keyless, to be refused), and
 * said so. A catch-all with its own api_base or api_key, or under another model_name, means
 * something else and is left for the deployment table to skip with what to write instead.
 */
import { PROVIDER_PREFIXES } from '../router/provider-prefixes.ts';
import type { ConfigIssue } from './config-issue.ts';
import { CATCH_ALL_MODEL, type DeploymentConfig } from './schema.ts';

/** The bare names LiteLLM knows the provider of (as schema.ts infers them), as wildcard groups. */
const BARE_NAME_GROUPS: Readonly<Record<string, readonly string[]>> = {
  anthropic: ['claude-*'],
  openai: ['gpt-*', 'chatgpt-*', 'o1*', 'o3*', 'o4*'],
};

/** The providers a name can be read for: Ollama's two prefixes both reach the local Ollama. */
const LOCAL_PROVIDERS = ['ollama_chat', 'ollama'];

const isExpandable = (entry: DeploymentConfig): boolean =>
  entry.model_name === CATCH_ALL_MODEL && entry.litellm_params.model === CATCH_ALL_MODEL
  && entry.litellm_params.api_base === undefined && entry.litellm_params.api_key === undefined;

function servedProviders(env: NodeJS.ProcessEnv): { served: string[]; keyless: string[] } {
  const served: string[] = [];
  const keyless: string[] = [];
  for (const [provider, prefix] of Object.entries(PROVIDER_PREFIXES)) {
    if (LOCAL_PROVIDERS.includes(provider)) served.push(provider);
    else if (prefix.local !== true && prefix.defaultApiBase !== undefined && prefix.keyVariables.length > 0) {
      (prefix.keyVariables.some((variable) => env[variable]) ? served : keyless).push(provider);
    }
  }
  return { served, keyless };
}

/**
 * The model list with the catch-all written out: its first entry in the catch-all's place (so
 * every other entry keeps its index, and its YAML path), the rest at the end. What it serves is a
 * warning at its path, to be read once. A second catch-all adds nothing and is skipped.
 */
export function expandCatchAll(modelList: DeploymentConfig[], env: NodeJS.ProcessEnv): { modelList: DeploymentConfig[]; warnings: ConfigIssue[] } {
  const index = modelList.findIndex(isExpandable);
  if (index === -1) return { modelList, warnings: [] };
  const { model: _any, ...shared } = modelList[index]!.litellm_params;
  const { id: _id, ...info } = modelList[index]!.model_info ?? {};
  const { served, keyless } = servedProviders(env);
  const entryFor = (modelName: string, model: string): DeploymentConfig => ({
    model_name: modelName,
    litellm_params: { ...shared, model },
    ...(Object.keys(info).length === 0 ? {} : { model_info: info }),
  });
  const generated = served.flatMap((provider) => [
    ...(BARE_NAME_GROUPS[provider] ?? []).map((group) => entryFor(group, `${provider}/${group}`)),
    entryFor(`${provider}/*`, `${LOCAL_PROVIDERS.includes(provider) ? 'ollama_chat' : provider}/*`),
  ]);
  const expanded = [...modelList.slice(0, index), generated[0]!, ...modelList.slice(index + 1), ...generated.slice(1)];
  const names = generated.map((entry) => entry.model_name).join(', ');
  const missing = keyless.length === 0 ? '' : `; ${keyless.join(', ')} are left out: their key variables are not set`;
  return { modelList: expanded, warnings: [{ path: `model_list[${index}].litellm_params.model`, message: `"*" serves ${names}${missing}` }] };
}
