/**
 * LiteLLM reads a provider's key from the environment when a model_list entry sets no api_key
 * (ANTHROPIC_API_KEY for `anthropic/`, OPENAI_API_KEY for `openai/`, ...), the address of a
 * server without a fixed one from its own variable (HOSTED_VLLM_API_BASE, AZURE_API_BASE), and
 * Azure's api_version from AZURE_API_VERSION, so configs written for it often name none of them.
 * Gatehouse reads the same variables, with one difference: a vendor's key is sent only to the
 * vendor's own host. LiteLLM would send OPENAI_API_KEY to any server an
 * `openai/` entry points at; an entry that points elsewhere must name its key itself.
 */
import { providerPrefix, type ProviderPrefix } from '../router/provider-prefixes.ts';
import type { ConfigIssue } from './config-issue.ts';
import type { DeploymentConfig } from './schema.ts';

/**
 * Address variables LiteLLM reads for a provider with a fixed address and Gatehouse does not: a
 * variable naming the gateway itself (as Claude Code's wiring sets ANTHROPIC_BASE_URL, and tools
 * pointed at Gatehouse set OPENAI_BASE_URL) would send the gateway's requests back to it. An entry
 * that would have followed one is told where it goes instead; ANTHROPIC_BASE_URL, set in every wired
 * shell, would make that warning noise.
 */
const UNREAD_BASE_VARIABLES: Readonly<Record<string, readonly string[]>> = { openai: ['OPENAI_BASE_URL', 'OPENAI_API_BASE'] };

/** `openai` in `openai/gpt-4.1`; empty for LiteLLM's `*` catch-all. */
const providerName = (model: string): string => model.slice(0, Math.max(model.indexOf('/'), 0));

/** The first of `names` set to a non-empty value (LiteLLM treats an empty variable as unset). */
function firstSet(names: readonly string[], env: NodeJS.ProcessEnv): { variable: string; value: string } | undefined {
  for (const variable of names) {
    const value = env[variable];
    if (value) return { variable, value };
  }
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** A cloud vendor's entry going to the vendor's own host (its api_base unset, or naming that host). */
function atVendorHost(prefix: ProviderPrefix, apiBase: string | undefined): boolean {
  if (prefix.local === true || prefix.defaultApiBase === undefined) return false;
  return apiBase === undefined || hostOf(apiBase) === hostOf(prefix.defaultApiBase);
}

/** A vendor's key goes to the vendor's host only; a key named for a kind of server (vLLM, LM Studio) goes wherever that server is. */
function keyReaches(prefix: ProviderPrefix, apiBase: string | undefined): boolean {
  return prefix.local === true || prefix.defaultApiBase === undefined || atVendorHost(prefix, apiBase);
}

/** A cloud vendor's own host, which answers nothing without a key (extra_headers may carry one instead). */
function needsVendorKey(prefix: ProviderPrefix, params: DeploymentConfig['litellm_params']): boolean {
  if (prefix.keyVariables.length === 0 || !atVendorHost(prefix, params.api_base)) return false;
  return !Object.keys(params.extra_headers ?? {}).some((name) => /^(authorization|x-api-key|api-key)$/i.test(name));
}

/** The variable an entry without api_key takes its key from, and the key; undefined when none applies or none is set. */
export function environmentKeyOf(params: DeploymentConfig['litellm_params'], env: NodeJS.ProcessEnv): { variable: string; value: string } | undefined {
  // An entry that names an Entra ID token or app registration means to sign in with it, not with a key from the environment.
  if (params.api_key || params.azure_ad_token || params.client_secret) return undefined;
  const prefix = providerPrefix(providerName(params.model));
  return keyReaches(prefix, params.api_base) ? firstSet(prefix.keyVariables, env) : undefined;
}

/**
 * Under enable_azure_ad_token_refresh, LiteLLM signs an azure/ entry with no key, token or app
 * registration in as the app the AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET
 * variables name (Azure's EnvironmentCredential), when all three are set.
 */
function withEnvironmentAppRegistration(params: DeploymentConfig['litellm_params'], env: NodeJS.ProcessEnv): DeploymentConfig['litellm_params'] {
  if (params.api_key || params.azure_ad_token || params.client_id !== undefined || params.client_secret !== undefined) return params;
  const { AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: client, AZURE_CLIENT_SECRET: secret } = env;
  if (!client || !secret || !(params.tenant_id ?? tenant)) return params;
  return { ...params, tenant_id: params.tenant_id ?? tenant, client_id: client, client_secret: secret };
}

/**
 * Fills each entry's missing api_base, api_key and api_version from the environment as LiteLLM
 * does. An address read from a variable must be an http(s) URL, as api_base itself must. A cloud
 * vendor's entry left without a key is warned about: the vendor would refuse every request it sends.
 */
export function withProviderEnvironment(modelList: DeploymentConfig[], env: NodeJS.ProcessEnv, azureTokenRefresh = false): { modelList: DeploymentConfig[]; errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const filled = modelList.map((entry, index) => {
    let params = entry.litellm_params;
    const provider = providerName(params.model);
    const prefix = providerPrefix(provider);
    if (params.api_base === undefined) {
      const base = firstSet(prefix.baseVariables ?? [], env);
      if (base !== undefined && !/^https?:$/.test(URL.parse(base.value)?.protocol ?? '')) {
        errors.push({ path: `model_list[${index}].litellm_params.api_base`, message: `not set, and ${base.variable} (read in its place) is not an http(s) URL: "${base.value}"` });
      } else if (base !== undefined) {
        params = { ...params, api_base: base.value };
      }
    }
    const version = params.api_version === undefined ? firstSet(prefix.versionVariables ?? [], env) : undefined;
    if (version !== undefined) params = { ...params, api_version: version.value };
    const unread = params.api_base === undefined ? firstSet(UNREAD_BASE_VARIABLES[provider] ?? [], env) : undefined;
    if (unread !== undefined) {
      warnings.push({ path: `model_list[${index}].litellm_params.api_base`, message: `not set, so this entry goes to ${prefix.defaultApiBase}: ${unread.variable} (${unread.value}) is not read, as LiteLLM would read it; write it here if that is where the entry should go` });
    }
    const key = environmentKeyOf(params, env);
    if (key !== undefined) params = { ...params, api_key: key.value };
    if (azureTokenRefresh && provider === 'azure') params = withEnvironmentAppRegistration(params, env);
    if (!params.api_key && needsVendorKey(prefix, params)) {
      warnings.push({ path: `model_list[${index}].litellm_params.api_key`, message: `not set, and neither is ${prefix.keyVariables.join(' or ')}: ${prefix.defaultApiBase} will refuse this deployment's requests` });
    }
    return params === entry.litellm_params ? entry : { ...entry, litellm_params: params };
  });
  return { modelList: filled, errors, warnings };
}
