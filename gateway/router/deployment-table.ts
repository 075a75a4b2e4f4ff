/**
 * The router's view of `model_list`: one immutable Deployment per entry, with the provider
 * prefix split off, the protocol and api_base settled and the route named, so that nothing on
 * the request path parses config again.
 */
import type { EntraSignIn } from '../providers/azure/entra-sign-in.ts';
import { CATCH_ALL_MODEL, DEFAULT_OLLAMA_CONTEXT, type BUDGET_DURATIONS, type DeploymentConfig, type GatehouseConfig } from '../config/schema.ts';
import type { WireProtocol } from '../providers/provider.ts';
import { chargesNothing, configuredPriceOf, webSearchPriceOf, type ConfiguredPrice } from '../pricing/configured-price.ts';
import type { ConfigIssue } from '../config/config-issue.ts';
import { PROVIDER_PREFIXES, protocolOfDeployment, providerPrefix } from './provider-prefixes.ts';
import { unsupportedProviderReason } from './unsupported-providers.ts';
import { azureSignInOf } from './azure-sign-in.ts';

export type BudgetDuration = (typeof BUDGET_DURATIONS)[number];

export interface DeploymentParams {
  rpm: number | undefined;
  tpm: number | undefined;
  maxParallelRequests: number | undefined;
  weight: number | undefined;
  /** Lower is tried first (LiteLLM `order`); deployments without one come last. */
  order: number | undefined;
  timeoutSeconds: number | undefined;
  streamTimeoutSeconds: number | undefined;
  cooldownTimeSeconds: number | undefined;
  /** The deployment's own prices from config, which override the catalogue's; undefined when it sets none. */
  price: ConfiguredPrice | undefined;
  /** USD per web search from config (search_context_cost_per_query), which overrides the catalogue's; undefined when it sets none. */
  webSearchPrice: number | undefined;
  maxBudget: number | undefined;
  budgetDuration: BudgetDuration | undefined;
  maxInputTokens: number | undefined;
  maxOutputTokens: number | undefined;
  /** litellm_params.max_tokens: the limit of a request that sets none (only OpenAI clients may leave it out). */
  defaultMaxTokens: number | undefined;
  supportsReasoning: boolean | undefined;
  /** Ollama deployments only, and always set for them: the num_ctx every request is sent (its own, else ollamaContextOf). */
  numCtx: number | undefined;
  keepAlive: string | number | undefined;
  extraHeaders: Readonly<Record<string, string>> | undefined;
}

export interface Deployment {
  /** model_info.id, or `<group>:<provider>/<model>` (with `#n` for duplicates). */
  readonly id: string;
  /** The model group (`model_name`) clients ask for. */
  readonly group: string;
  /** `openai` in `openai/gpt-4.1`. */
  readonly provider: string;
  /** `gpt-4.1` in `openai/gpt-4.1`; may contain `*` for a wildcard deployment. */
  readonly upstreamModel: string;
  readonly protocol: WireProtocol;
  readonly apiBase: string;
  readonly apiKey: string | undefined;
  readonly apiVersion: string | undefined;
  /** Azure only: a Microsoft Entra ID token sent as the bearer instead of an api-key (litellm_params.azure_ad_token). */
  readonly azureAdToken: string | undefined;
  /** Azure only: how the deployment signs in for a token when it has no key or token (azure-sign-in.ts). */
  readonly azureSignIn: EntraSignIn | undefined;
  /** The user-toggleable route this deployment belongs to. */
  readonly route: string;
  /** The genai-prices provider id, when known. */
  readonly pricingProviderId: string | undefined;
  /** The model name to price (model_info.base_model without the deployment's own prefix, else the upstream model). */
  readonly pricingModel: string;
  /** Costs nothing: priced at 0 in config, or unpriced and on a route marked `free` or on a local server (Ollama, LM Studio). */
  readonly isFree: boolean;
  readonly params: DeploymentParams;
}

export interface DeploymentTable {
  deployments: Deployment[];
  /** Entries that could not become deployments, at the field at fault in the merged config; the rest still load. */
  problems: ConfigIssue[];
}

function deriveRoute(provider: string, protocol: WireProtocol, apiBase: string): string {
  if (protocol === 'ollama') return 'local';
  if (protocol === 'anthropic') return 'anthropic';
  if (apiBase.includes('openrouter.ai')) return 'openrouter';
  return provider;
}

/** LiteLLM's docs write base_model with the deployment's prefix (`azure/gpt-4o`); the price catalogue knows it without. */
function withoutPrefix(model: string | undefined, provider: string): string | undefined {
  return model?.startsWith(`${provider}/`) ? model.slice(provider.length + 1) : model;
}

function paramsOf(entry: DeploymentConfig, defaultNumCtx: number, defaultKeepAlive: string | number | undefined, isOllama: boolean): DeploymentParams {
  const params = entry.litellm_params;
  const info = entry.model_info;
  return {
    rpm: params.rpm,
    tpm: params.tpm,
    maxParallelRequests: params.max_parallel_requests,
    weight: params.weight,
    order: params.order,
    timeoutSeconds: params.timeout,
    streamTimeoutSeconds: params.stream_timeout,
    cooldownTimeSeconds: params.cooldown_time,
    price: configuredPriceOf(params, info),
    webSearchPrice: webSearchPriceOf(params, info),
    maxBudget: params.max_budget,
    budgetDuration: params.budget_duration,
    maxInputTokens: entry.model_info?.max_input_tokens,
    maxOutputTokens: entry.model_info?.max_output_tokens,
    defaultMaxTokens: params.max_tokens,
    supportsReasoning: entry.model_info?.supports_reasoning,
    numCtx: params.num_ctx ?? (isOllama ? defaultNumCtx : undefined),
    keepAlive: params.keep_alive ?? (isOllama ? defaultKeepAlive : undefined),
    extraHeaders: params.extra_headers,
  };
}

/** Why an entry whose api_base is unset cannot load: an unknown prefix may be a typo, a known one only lacks a default. */
function missingApiBase(index: number, provider: string): ConfigIssue {
  return Object.hasOwn(PROVIDER_PREFIXES, provider)
    ? { path: `model_list[${index}].litellm_params.api_base`, message: `"${provider}/" has no default api_base; set litellm_params.api_base to the server's URL` }
    : { path: `model_list[${index}].litellm_params.model`, message: `"${provider}/" is not a provider Gatehouse knows; fix the prefix, or set litellm_params.api_base for an OpenAI-compatible server` };
}

/** Builds the deployment table; ids are unique (a duplicate derived id gets `#2`, `#3`, ...). */
export function buildDeploymentTable(config: GatehouseConfig): DeploymentTable {
  const deployments: Deployment[] = [];
  const problems: DeploymentTable['problems'] = [];
  const seenIds = new Map<string, number>();
  const ollama = config.gatehouse.ollama;

  config.model_list.forEach((entry, index) => {
    const skip = (issue: ConfigIssue) => problems.push({ path: issue.path, message: `the "${entry.model_name}" entry is skipped: ${issue.message}` });
    const params = entry.litellm_params;
    const slash = params.model.indexOf('/');
    const provider = params.model.slice(0, slash);
    const upstreamModel = params.model.slice(slash + 1);
    if (params.model === CATCH_ALL_MODEL) {
      // The catch-all LiteLLM documents was written out per provider (config/expand-catch-all.ts); this one names a server, a key or another group.
      skip({ path: `model_list[${index}].litellm_params.model`, message: '"*" with its own api_base or api_key, or under a model_name other than "*", is not supported: for one server write model: openai/* with its api_base, or a wildcard per provider, e.g. model_name: "claude-*" with model: anthropic/claude-*' });
      return;
    }
    // Before the api_base check: with one set, the entry would be sent as OpenAI-compatible and fail upstream.
    const unsupported = unsupportedProviderReason(provider);
    if (unsupported !== undefined) {
      skip({ path: `model_list[${index}].litellm_params.model`, message: unsupported });
      return;
    }
    const signIn = azureSignInOf(provider, params, config.litellm_settings.enable_azure_ad_token_refresh === true);
    if (signIn.problem !== undefined) {
      skip({ path: `model_list[${index}].litellm_params.${signIn.problem.field}`, message: signIn.problem.message });
      return;
    }
    const prefix = providerPrefix(provider);
    const isOllama = prefix.protocol === 'ollama';
    const apiBase = params.api_base ?? (isOllama ? ollama.host ?? prefix.defaultApiBase : prefix.defaultApiBase);
    if (apiBase === undefined) {
      skip(missingApiBase(index, provider));
      return;
    }
    const explicitId = entry.model_info?.id;
    const derivedId = `${entry.model_name}:${params.model}`;
    const occurrences = (seenIds.get(explicitId ?? derivedId) ?? 0) + 1;
    seenIds.set(explicitId ?? derivedId, occurrences);
    if (explicitId !== undefined && occurrences > 1) {
      skip({ path: `model_list[${index}].model_info.id`, message: `model_info.id "${explicitId}" is already the id of an earlier entry; give each its own` });
      return;
    }
    const id = explicitId ?? (occurrences > 1 ? `${derivedId}#${occurrences}` : derivedId);
    const route = entry.model_info?.route ?? deriveRoute(provider, prefix.protocol, apiBase);
    const deploymentParams = paramsOf(entry, ollamaContextOf(config), ollama.keep_alive, isOllama);
    const { price, webSearchPrice } = deploymentParams;
    // A configured price overrides the route's `free`; a price of 0 is free itself (LiteLLM's zero-cost models: no budget blocks them).
    const isFree = price !== undefined
      ? chargesNothing(price) && (webSearchPrice ?? 0) === 0
      : config.gatehouse.routes[route]?.free === true || prefix.local === true;
    deployments.push({
      id,
      group: entry.model_name,
      provider,
      upstreamModel,
      protocol: protocolOfDeployment(prefix, upstreamModel),
      apiBase: apiBase.replace(/\/+$/, ''),
      apiKey: params.api_key,
      apiVersion: params.api_version,
      azureAdToken: params.azure_ad_token,
      azureSignIn: signIn.signIn,
      route,
      pricingProviderId: apiBase.includes('openrouter.ai') ? 'openrouter' : prefix.pricingProviderId,
      pricingModel: withoutPrefix(entry.model_info?.base_model, provider) ?? upstreamModel,
      isFree,
      params: deploymentParams,
    });
  });
  return { deployments, problems };
}

/** The num_ctx an Ollama deployment without its own is sent: gatehouse.ollama.context_length, else DEFAULT_OLLAMA_CONTEXT. */
export const ollamaContextOf = (config: GatehouseConfig): number => config.gatehouse.ollama.context_length ?? DEFAULT_OLLAMA_CONTEXT;

/**
 * How many tokens a deployment holds, as far as the config says: an Ollama model the num_ctx the
 * proxy sends it (its own, else ollamaContextOf), any
 * model its model_info.max_input_tokens; the smaller when both are set. Undefined for a cloud
 * model the config gives no size.
 */
export function contextWindowOf(deployment: Deployment): number | undefined {
  const sent = deployment.protocol === 'ollama' ? deployment.params.numCtx : undefined;
  const { maxInputTokens } = deployment.params;
  if (sent === undefined || maxInputTokens === undefined) return sent ?? maxInputTokens;
  return Math.min(sent, maxInputTokens);
}

/** Deployments by group, in config order. */
export function groupDeployments(deployments: readonly Deployment[]): Map<string, Deployment[]> {
  const groups = new Map<string, Deployment[]>();
  for (const deployment of deployments) {
    const members = groups.get(deployment.group);
    if (members === undefined) groups.set(deployment.group, [deployment]);
    else members.push(deployment);
  }
  return groups;
}
