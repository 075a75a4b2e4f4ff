/**
 * The config file's schema: the one source of truth for its shape (R9). It accepts the
 * LiteLLM proxy `config.yaml` subset Gatehouse supports, plus our own `gatehouse:` section.
 * Objects are strict so that unknown keys can be reported with their path (parse-config.ts
 * turns those into warnings, not failures). A LiteLLM key Gatehouse does not act on is left out
 * rather than accepted, so that it is warned about too (litellm-departures.ts says what ignoring it means).
 */
import * as z from 'zod';

/**
 * A number that may be written as a string ("600"), as LiteLLM's pydantic models accept, and
 * as every os.environ/ reference resolves (rpm: os.environ/OPENAI_RPM).
 */
const numeric = <T extends z.ZodNumber>(schema: T) => z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value),
  schema,
);

/**
 * A boolean that may be written as the string "true" or "false" (any case), as every
 * os.environ/ reference resolves to a string (drop_params: os.environ/DROP_PARAMS). Nothing
 * else is taken for a boolean: "yes" or "1" stays an error rather than a guess.
 */
const boolean = z.preprocess(
  (value) => (typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value),
  z.boolean({ error: 'must be true or false' }),
);

const positiveInt = numeric(z.number().int().positive());
const nonNegative = numeric(z.number().nonnegative());

export const ROUTING_STRATEGIES = [
  'simple-shuffle',
  'least-busy',
  'latency-based-routing',
  'usage-based-routing',
  'usage-based-routing-v2',
  'cost-based-routing',
] as const;

export const BUDGET_DURATIONS = ['day', 'week', 'month', '1d', '7d', '30d', '1mo', '24h'] as const;

/**
 * A deployment's own prices in USD per token, under LiteLLM's names
 * (model_prices_and_context_window.json, llm_cost_calc/utils.py): the 1-hour cache-write rate,
 * and the rates of a request whose input, cache reads and writes included, passes 200k tokens.
 */
const deploymentPriceFields = {
  input_cost_per_token: nonNegative.optional(),
  output_cost_per_token: nonNegative.optional(),
  cache_read_input_token_cost: nonNegative.optional(),
  cache_creation_input_token_cost: nonNegative.optional(),
  cache_creation_input_token_cost_above_1hr: nonNegative.optional(),
  input_cost_per_token_above_200k_tokens: nonNegative.optional(),
  output_cost_per_token_above_200k_tokens: nonNegative.optional(),
  cache_read_input_token_cost_above_200k_tokens: nonNegative.optional(),
  cache_creation_input_token_cost_above_200k_tokens: nonNegative.optional(),
  cache_creation_input_token_cost_above_1hr_above_200k_tokens: nonNegative.optional(),
};

export type DeploymentPriceField = keyof typeof deploymentPriceFields;

/**
 * LiteLLM's price of one web search (search_context_cost_per_query), in USD, per the search
 * context size an OpenAI request asks for. The only searches the gateway counts are Anthropic's
 * (usage.server_tool_use.web_search_requests), which LiteLLM charges at the medium size whatever
 * the request asked (llms/anthropic/cost_calculation.py), so medium is required and low and high
 * are accepted for LiteLLM's configs.
 */
export const searchContextCostSchema = z.strictObject({
  search_context_size_low: nonNegative.optional(),
  search_context_size_medium: numeric(z.number({ error: 'must be set, in USD per search: the size web searches are charged at' }).nonnegative()),
  search_context_size_high: nonNegative.optional(),
}, { error: 'must be a mapping of search_context_size_low, _medium and _high to USD per search' });

/**
 * Model names LiteLLM routes without a provider prefix, because its model list knows their
 * provider (get_llm_provider): OpenAI's and Anthropic's. Any other bare name needs a prefix.
 */
const PROVIDERS_OF_BARE_NAMES: readonly (readonly [RegExp, string])[] = [
  [/^(gpt-|chatgpt-|o\d(-|$)|text-embedding-|dall-e-|whisper-|tts-)/, 'openai'],
  [/^claude-/, 'anthropic'],
];

const withInferredProvider = (model: unknown) => {
  if (typeof model !== 'string' || model.includes('/')) return model;
  const provider = PROVIDERS_OF_BARE_NAMES.find(([names]) => names.test(model))?.[1];
  return provider === undefined ? model : `${provider}/${model}`;
};

/** LiteLLM's catch-all (`model: "*"`, the provider read from each name asked for): written out as per-provider wildcards (expand-catch-all.ts); one that cannot be is skipped by the deployment table. */
export const CATCH_ALL_MODEL = '*';

const upstreamModel = z.preprocess(withInferredProvider, z.string().superRefine((model, context) => {
  if (model === CATCH_ALL_MODEL || /^[\w.-]+\/.+$/.test(model)) return;
  context.addIssue({
    code: 'custom',
    message: 'must be "provider/model", e.g. "openai/gpt-4.1" or "ollama_chat/qwen3:8b" (only OpenAI and Anthropic model names may leave the provider out)',
  });
}));

export const litellmParamsSchema = z.strictObject({
  model: upstreamModel,
  api_base: z.url({ protocol: /^https?$/ }).optional(),
  api_key: z.string().optional(),
  api_version: z.string().optional(),
  /** Azure only: a Microsoft Entra ID access token, sent as the bearer when the entry sets no api_key. Static: it is never refreshed. */
  azure_ad_token: z.string().optional(),
  /** Azure only: a Microsoft Entra ID app registration that signs in with its secret; the token is fetched and renewed by the gateway. */
  tenant_id: z.string().regex(/^[\w.-]+$/, 'must be a tenant id (a GUID) or domain').optional(),
  client_id: z.string().min(1).optional(),
  client_secret: z.string().min(1).optional(),
  rpm: positiveInt.optional(),
  tpm: positiveInt.optional(),
  max_parallel_requests: positiveInt.optional(),
  weight: numeric(z.number().positive()).optional(),
  order: numeric(z.number().int()).optional(),
  timeout: numeric(z.number().positive()).optional(),
  stream_timeout: numeric(z.number().positive()).optional(),
  /** LiteLLM sends its litellm_params with every request, the request's own values winning: the max_tokens of a request that sets none. */
  max_tokens: positiveInt.optional(),
  ...deploymentPriceFields,
  search_context_cost_per_query: searchContextCostSchema.optional(),
  max_budget: nonNegative.optional(),
  budget_duration: z.enum(BUDGET_DURATIONS).optional(),
  cooldown_time: nonNegative.optional(),
  extra_headers: z.record(z.string(), z.string()).optional(),
  /** LiteLLM sends these as well as extra_headers, which win where both name a header; folded into extra_headers. */
  headers: z.record(z.string(), z.string()).optional(),
  /** Sent as the OpenAI-Organization header, as LiteLLM's OpenAI client does; folded into extra_headers. */
  organization: z.string({ error: 'must be one organization id; LiteLLM\'s list (a deployment per organization) is not supported, so write one deployment per organization' }).optional(),
  /** Ollama only: context window to request (options.num_ctx). */
  num_ctx: positiveInt.optional(),
  /** Ollama only: how long the model stays loaded after a request. */
  keep_alive: z.union([z.string(), z.number()]).optional(),
}).transform(({ headers, organization, ...params }) => (headers === undefined && organization === undefined ? params : {
  ...params,
  extra_headers: { ...(organization === undefined ? {} : { 'OpenAI-Organization': organization }), ...headers, ...params.extra_headers },
}));

export const modelInfoSchema = z.looseObject({
  id: z.string().min(1).optional(),
  /** Gatehouse: the user-toggleable route this deployment belongs to. */
  route: z.string().min(1).optional(),
  base_model: z.string().optional(),
  /** LiteLLM's custom-pricing docs set prices here as well as in litellm_params; litellm_params wins. */
  ...deploymentPriceFields,
  search_context_cost_per_query: searchContextCostSchema.optional(),
  max_input_tokens: positiveInt.optional(),
  max_output_tokens: positiveInt.optional(),
  /** Whether the model accepts reasoning_effort (Ollama: `think`); unset, Gatehouse decides from the provider and model name. */
  supports_reasoning: boolean.optional(),
});

export const deploymentSchema = z.strictObject({
  model_name: z.string().min(1),
  litellm_params: litellmParamsSchema,
  model_info: modelInfoSchema.optional(),
});

const fallbackListSchema = z.array(z.record(z.string(), z.array(z.string())));

export const routerSettingsSchema = z.strictObject({
  routing_strategy: z.enum(ROUTING_STRATEGIES).default('simple-shuffle'),
  num_retries: numeric(z.number().int().nonnegative()).optional(),
  timeout: numeric(z.number().positive()).optional(),
  stream_timeout: numeric(z.number().positive()).optional(),
  allowed_fails: numeric(z.number().int().nonnegative()).optional(),
  cooldown_time: nonNegative.optional(),
  disable_cooldowns: boolean.optional(),
  fallbacks: fallbackListSchema.optional(),
  context_window_fallbacks: fallbackListSchema.optional(),
  content_policy_fallbacks: fallbackListSchema.optional(),
  default_fallbacks: z.array(z.string()).optional(),
  max_fallbacks: numeric(z.number().int().nonnegative()).optional(),
  model_group_alias: z.record(z.string(), z.union([z.string(), z.object({ model: z.string(), hidden: boolean.optional() })])).optional(),
  enable_pre_call_checks: boolean.optional(),
  retry_policy: z.record(z.string(), numeric(z.number().int().nonnegative())).optional(),
});

/** LiteLLM's cache types (caching/caching.py LiteLLMCacheType); Gatehouse keeps every one in memory (litellm-departures.ts warns). */
export const LITELLM_CACHE_TYPES = ['local', 'redis', 'redis-semantic', 'qdrant-semantic', 's3', 'gcs', 'disk', 'azure-blob'] as const;

export const cacheParamsSchema = z.strictObject({
  type: z.enum(LITELLM_CACHE_TYPES).default('local'),
  ttl: numeric(z.number().positive()).optional(),
  max_size: positiveInt.optional(),
  namespace: z.string().optional(),
  mode: z.enum(['default_on', 'default_off']).optional(),
});

export const litellmSettingsSchema = z.strictObject({
  request_timeout: numeric(z.number().positive()).optional(),
  num_retries: numeric(z.number().int().nonnegative()).optional(),
  cache: boolean.optional(),
  cache_params: cacheParamsSchema.optional(),
  max_budget: nonNegative.optional(),
  budget_duration: z.enum(BUDGET_DURATIONS).optional(),
  // Router keys LiteLLM also accepts here; router_settings wins when both are set.
  fallbacks: fallbackListSchema.optional(),
  context_window_fallbacks: fallbackListSchema.optional(),
  content_policy_fallbacks: fallbackListSchema.optional(),
  default_fallbacks: z.array(z.string()).optional(),
  allowed_fails: numeric(z.number().int().nonnegative()).optional(),
  cooldown_time: nonNegative.optional(),
  /** azure/ entries with no key, token or app registration sign in as AZURE_CLIENT_ID/SECRET/TENANT_ID, else through the Azure CLI. */
  enable_azure_ad_token_refresh: boolean.optional(),
});

export const generalSettingsSchema = z.strictObject({
  master_key: z.string().min(1).optional(),
  /** Gatehouse: largest accepted request body, MiB (Claude Code sends large images). */
  max_request_size_mb: numeric(z.number().positive()).optional(),
});

export const routeSettingsSchema = z.strictObject({
  enabled: boolean.default(true),
  /** Costs nothing (a local model): the place to fall back to when a budget runs out. */
  free: boolean.optional(),
  max_budget: nonNegative.optional(),
  budget_duration: z.enum(BUDGET_DURATIONS).optional(),
  description: z.string().optional(),
});

export const claudeCodeRulesSchema = z.strictObject({
  /** Group for haiku-class (background) requests. */
  background: z.string().optional(),
  /** Group for requests with thinking enabled. */
  think: z.string().optional(),
  /** Group for requests whose estimated input exceeds longContextThreshold tokens. */
  longContext: z.string().optional(),
  longContextThreshold: positiveInt.default(60_000),
  /** Group for requests carrying a web_search tool. */
  webSearch: z.string().optional(),
  /** Group for everything else that does not name a configured group. */
  default: z.string().optional(),
});

export const serverSettingsSchema = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: numeric(z.number().int().min(0).max(65535)).default(4747),
  /** Origins allowed to call the proxy API from a browser; none by default. */
  allowed_origins: z.array(z.string()).default([]),
  /** Admin API token; generated on first run when absent. */
  admin_token: z.string().min(16).optional(),
  /** Keep request and response bodies in the log store. Off: bodies can hold secrets and code. */
  store_bodies: boolean.default(false),
  max_connections: positiveInt.default(512),
});

/**
 * Ollama's own default (4k on most machines) truncates Claude Code's ~20k-token prompt, and
 * Claude Code needs 64k to compact in time (claude-code/minimum-context.ts); 64 Ki is also what
 * the hardware estimator offers at most.
 */
export const DEFAULT_OLLAMA_CONTEXT = 65_536;

export const ollamaSettingsSchema = z.strictObject({
  host: z.string().optional(),
  /** Default num_ctx for ollama deployments that do not set one; DEFAULT_OLLAMA_CONTEXT when unset. */
  context_length: positiveInt.optional(),
  flash_attention: boolean.optional(),
  keep_alive: z.union([z.string(), z.number()]).optional(),
  /** Start `ollama serve` when it is installed but not running. */
  autostart: boolean.default(true),
});

export const gatehouseSectionSchema = z.strictObject({
  routes: z.record(z.string(), routeSettingsSchema).default({}),
  claude_code: claudeCodeRulesSchema.default({ longContextThreshold: 60_000 }),
  server: serverSettingsSchema.default({ host: '127.0.0.1', port: 4747, allowed_origins: [], store_bodies: false, max_connections: 512 }),
  ollama: ollamaSettingsSchema.default({ autostart: true }),
});

export const configSchema = z.strictObject({
  model_list: z.array(deploymentSchema).default([]),
  router_settings: routerSettingsSchema.default({ routing_strategy: 'simple-shuffle' }),
  litellm_settings: litellmSettingsSchema.default({}),
  general_settings: generalSettingsSchema.default({}),
  /** Set into the environment os.environ/ references read (parse-config.ts); LiteLLM takes any scalar. */
  environment_variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  gatehouse: gatehouseSectionSchema.default(() => gatehouseSectionSchema.parse({})),
});

export type GatehouseConfig = z.infer<typeof configSchema>;
export type DeploymentConfig = z.infer<typeof deploymentSchema>;
export type LitellmParams = z.infer<typeof litellmParamsSchema>;
export type RouterSettings = z.infer<typeof routerSettingsSchema>;
export type RouteSettings = z.infer<typeof routeSettingsSchema>;
export type ClaudeCodeRules = z.infer<typeof claudeCodeRulesSchema>;
export type ServerSettings = z.infer<typeof serverSettingsSchema>;
export type SearchContextCost = z.infer<typeof searchContextCostSchema>;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];
