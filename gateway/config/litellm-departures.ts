/**
 * Where a LiteLLM config means more than Gatehouse does: the message for each key Gatehouse reads
 * no further (the schema leaves it out, so parse-config.ts warns about it) saying what is ignored
 * and what that means for the user, and the values Gatehouse only approximates. A key with no
 * entry here gets the plain "unknown key, ignored" (a typo, or a LiteLLM key that changes
 * nothing Gatehouse does).
 */
import { formatPath, type ConfigIssue } from './config-issue.ts';
import type { GatehouseConfig } from './schema.ts';

const LITELLM_PARAMS = 'model_list[].litellm_params';
const RATE_LIMIT_ELSEWHERE = 'ignored here: Gatehouse limits and weighs deployments by rpm and tpm under litellm_params; move it there';

const NOTES: readonly { keys: readonly string[]; message: string }[] = [
  {
    keys: ['temperature', 'top_p', 'seed', 'stop', 'n', 'presence_penalty', 'frequency_penalty', 'reasoning_effort', 'extra_body']
      .flatMap((key) => [`${LITELLM_PARAMS}.${key}`, `router_settings.default_litellm_params.${key}`]),
    message: 'ignored: of the request parameters LiteLLM adds from the config, Gatehouse adds only litellm_params.max_tokens (to a request that sets none)',
  },
  {
    keys: [`${LITELLM_PARAMS}.max_completion_tokens`, 'router_settings.default_litellm_params.max_tokens'],
    message: 'ignored: write litellm_params.max_tokens, the limit of a request that sets none; model_info.max_output_tokens caps max_tokens',
  },
  { keys: ['router_settings.default_litellm_params'], message: 'ignored: of the request parameters LiteLLM adds from the config, Gatehouse adds only litellm_params.max_tokens (to a request that sets none)' },
  {
    keys: [`${LITELLM_PARAMS}.drop_params`, `${LITELLM_PARAMS}.additional_drop_params`, 'litellm_settings.drop_params', 'litellm_settings.additional_drop_params'],
    message: 'ignored: Gatehouse drops no parameters an upstream does not support; the upstream\'s error reaches the client',
  },
  { keys: ['litellm_settings.modify_params'], message: 'ignored: Gatehouse rewrites requests only to convert between the Anthropic and OpenAI formats' },
  { keys: [`${LITELLM_PARAMS}.max_retries`], message: 'ignored: Gatehouse retries per model group (router_settings.num_retries, retry_policy), not per deployment' },
  {
    keys: [`${LITELLM_PARAMS}.merge_reasoning_content_in_choices`],
    message: 'ignored: reasoning is passed on as the upstream sends it (reasoning_content, or thinking blocks for Anthropic clients), not merged into the answer',
  },
  { keys: [`${LITELLM_PARAMS}.litellm_credential_name`], message: 'ignored: credential_list is not read; set api_key (and api_base) on this deployment' },
  { keys: ['credential_list'], message: 'ignored: Gatehouse does not read shared credentials; set api_key (and api_base) on each deployment' },
  { keys: ['model_list[].rpm', 'model_list[].tpm'], message: RATE_LIMIT_ELSEWHERE },
  {
    keys: [`${LITELLM_PARAMS}.tags`, 'router_settings.enable_tag_filtering', 'router_settings.tag_filtering_match_any'],
    message: 'ignored: Gatehouse has no tag-based routing; every deployment of a group is a candidate',
  },
  {
    keys: ['redis_host', 'redis_port', 'redis_password', 'redis_url', 'redis_db'].map((key) => `router_settings.${key}`),
    message: 'ignored: rate-limit, usage and cooldown counts stay in this Gatehouse process (not shared through Redis)',
  },
  { keys: ['router_settings.allowed_fails_policy'], message: 'ignored: every kind of failure counts toward allowed_fails' },
  { keys: ['router_settings.retry_after'], message: 'ignored: retries wait a random backoff (up to 0.5 s, doubling each time, at most 8 s), or as long as the upstream\'s retry-after asks' },
  { keys: ['router_settings.routing_strategy_args'], message: 'ignored: the routing strategy runs with Gatehouse\'s defaults' },
  { keys: ['router_settings.provider_budget_config'], message: 'ignored: set budgets per route with gatehouse.routes.<route>.max_budget' },
  {
    keys: ['router_settings.default_max_parallel_requests', 'general_settings.max_parallel_requests'],
    message: 'ignored: Gatehouse limits concurrency per deployment only; set litellm_params.max_parallel_requests on each',
  },
  { keys: ['general_settings.global_max_parallel_requests'], message: 'ignored: Gatehouse limits concurrency per deployment only (litellm_params.max_parallel_requests), not in total' },
  {
    keys: ['callbacks', 'success_callback', 'failure_callback', 'service_callbacks', 'langfuse_default_tags', 'redact_user_api_key_info'].map((key) => `litellm_settings.${key}`),
    message: 'ignored: Gatehouse sends no logs or metrics to other services; it keeps its own request log',
  },
  { keys: ['litellm_settings.turn_off_message_logging'], message: 'ignored: Gatehouse keeps request and response bodies only when gatehouse.server.store_bodies is on (off by default)' },
  { keys: ['litellm_settings.set_verbose', 'litellm_settings.json_logs'], message: 'ignored: it does not change Gatehouse\'s own logging' },
  { keys: ['general_settings.alerting', 'general_settings.alerting_threshold'], message: 'ignored: Gatehouse sends no alerts (Slack, email)' },
  {
    keys: ['general_settings.allowed_ips'],
    message: 'NOT enforced: Gatehouse does not filter clients by IP; any client that reaches gatehouse.server.host and has the master_key is served',
  },
  { keys: ['general_settings.custom_auth', 'general_settings.enable_jwt_auth'], message: 'NOT enforced: only general_settings.master_key authenticates clients' },
  { keys: ['guardrails'], message: 'NOT enforced: Gatehouse runs no guardrails; requests and responses pass unchecked' },
  { keys: ['model_group_settings'], message: 'ignored: client headers are not forwarded upstream, except anthropic-beta and anthropic-version to Anthropic' },
  {
    keys: ['general_settings.forward_client_headers_to_llm_api'],
    message: 'ignored: client headers are not forwarded upstream, except anthropic-beta and anthropic-version to Anthropic',
  },
  {
    keys: ['database_url', 'store_model_in_db', 'proxy_batch_write_at', 'database_connection_pool_limit', 'database_connection_timeout', 'use_redis_transaction_buffer']
      .map((key) => `general_settings.${key}`),
    message: 'ignored: Gatehouse has no database; models come from this file and spend is kept in its local store',
  },
  { keys: ['general_settings.disable_spend_logs'], message: 'ignored: Gatehouse always records spend locally, for budgets and the dashboard' },
  {
    keys: ['general_settings.background_health_checks', 'general_settings.health_check_interval'],
    message: 'ignored: Gatehouse runs no background health checks; a failing deployment cools down when requests to it fail',
  },
  { keys: ['litellm_settings.cache_params.supported_call_types'], message: 'ignored: with cache on, Gatehouse caches chat and messages requests' },
  { keys: ['litellm_settings.cache_params.*'], message: 'ignored: the response cache lives in Gatehouse\'s memory' },
];

const MESSAGES: ReadonlyMap<string, string> = new Map(NOTES.flatMap(({ keys, message }) => keys.map((key) => [key, message] as const)));

/** `model_list[3].litellm_params.organization` as `model_list[].litellm_params.organization`. */
const pattern = (segments: readonly PropertyKey[]) => formatPath(segments).replace(/\[\d+\]/g, '[]');

/** The warning for a key the schema does not take, at `path` (the key last). */
export function ignoredKeyMessage(path: readonly PropertyKey[]): string {
  return MESSAGES.get(pattern(path)) ?? MESSAGES.get(pattern([...path.slice(0, -1), '*'])) ?? 'unknown key, ignored';
}

/**
 * Values Gatehouse takes but acts on differently from LiteLLM: rpm/tpm in model_info (free-form
 * metadata, so the schema keeps it), which LiteLLM's routing reads; a cache kept elsewhere than
 * in memory; a cache requests must opt in to.
 */
export function valueDepartures(config: GatehouseConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  config.model_list.forEach((deployment, index) => {
    for (const key of ['rpm', 'tpm']) {
      if (deployment.model_info?.[key] !== undefined) issues.push({ path: `model_list[${index}].model_info.${key}`, message: RATE_LIMIT_ELSEWHERE });
    }
  });
  const cache = config.litellm_settings.cache_params;
  if (cache !== undefined && cache.type !== 'local') {
    const similar = cache.type.endsWith('-semantic') ? ', and only identical requests hit (not similar ones)' : '';
    issues.push({ path: 'litellm_settings.cache_params.type', message: `${cache.type}: Gatehouse caches in its own memory instead (this process only, emptied on restart)${similar}` });
  }
  if (cache?.mode === 'default_off') {
    issues.push({ path: 'litellm_settings.cache_params.mode', message: 'default_off: only requests that opt in are cached, and Gatehouse has no per-request opt-in, so nothing is cached' });
  }
  return issues;
}
