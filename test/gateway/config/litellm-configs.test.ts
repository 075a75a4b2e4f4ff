/**
 * Real LiteLLM proxy configs, in the shapes LiteLLM's docs and examples write them
 * (test/fixtures/litellm-configs/, each named for what it shows), load with exactly these
 * problems. A schema change that starts refusing, or stops reporting, a LiteLLM key shows here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfigFile } from '../../../gateway/config/config-file.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/litellm-configs/', import.meta.url));

/** Every variable the fixtures reference for a key Gatehouse reads; REDIS_* and DATABASE_URL stay unset, as only ignored keys want them. */
const ENV = Object.fromEntries([
  'OPENAI_API_KEY', 'OPENAI_API_KEY_1', 'OPENAI_API_KEY_2', 'ANTHROPIC_API_KEY', 'INTERNAL_KEY', 'OPENROUTER_API_KEY',
  'GROQ_API_KEY', 'DEEPSEEK_API_KEY', 'LITELLM_MASTER_KEY', 'OPENAI_KEY_FROM_VAULT',
].map((name) => [name, `value-of-${name}`]));

const EXPECTED: Record<string, { errors: string[]; warnings: string[] }> = {
  'caching-opt-in.yaml': {
    errors: [],
    warnings: [
      'litellm_settings.cache_params.mode: default_off: only requests that opt in are cached, and Gatehouse has no per-request opt-in, so nothing is cached',
    ],
  },
  'caching-redis.yaml': {
    errors: [],
    warnings: [
      'litellm_settings.cache_params.host: ignored: the response cache lives in Gatehouse\'s memory',
      'litellm_settings.cache_params.port: ignored: the response cache lives in Gatehouse\'s memory',
      'litellm_settings.cache_params.password: ignored: the response cache lives in Gatehouse\'s memory',
      'litellm_settings.cache_params.supported_call_types: ignored: with cache on, Gatehouse caches chat and messages requests',
      'litellm_settings.cache_params.type: redis: Gatehouse caches in its own memory instead (this process only, emptied on restart)',
    ],
  },
  'cost-tracking.yaml': {
    errors: [],
    warnings: [
      'general_settings.database_url: ignored: Gatehouse has no database; models come from this file and spend is kept in its local store',
      'general_settings.store_model_in_db: ignored: Gatehouse has no database; models come from this file and spend is kept in its local store',
      'general_settings.proxy_batch_write_at: ignored: Gatehouse has no database; models come from this file and spend is kept in its local store',
      'general_settings.disable_spend_logs: ignored: Gatehouse always records spend locally, for budgets and the dashboard',
    ],
  },
  'credentials.yaml': {
    errors: [],
    warnings: [
      'model_list[0].litellm_params.litellm_credential_name: ignored: credential_list is not read; set api_key (and api_base) on this deployment',
      'credential_list: ignored: Gatehouse does not read shared credentials; set api_key (and api_base) on each deployment',
    ],
  },
  'deployment-level-rate-limits.yaml': {
    errors: [],
    warnings: [
      'model_list[0].tpm: ignored here: Gatehouse limits and weighs deployments by rpm and tpm under litellm_params; move it there',
      'model_list[0].rpm: ignored here: Gatehouse limits and weighs deployments by rpm and tpm under litellm_params; move it there',
      'model_list[1].model_info.rpm: ignored here: Gatehouse limits and weighs deployments by rpm and tpm under litellm_params; move it there',
      'model_list[1].model_info.tpm: ignored here: Gatehouse limits and weighs deployments by rpm and tpm under litellm_params; move it there',
    ],
  },
  'environment-and-include.yaml': {
    errors: [],
    warnings: [
      'litellm_settings.set_verbose: ignored: it does not change Gatehouse\'s own logging',
      'litellm_settings.json_logs: ignored: it does not change Gatehouse\'s own logging',
      'litellm_settings.callbacks: ignored: Gatehouse sends no logs or metrics to other services; it keeps its own request log',
    ],
  },
  'general-settings-access.yaml': {
    errors: [],
    warnings: [
      'general_settings.allowed_ips: NOT enforced: Gatehouse does not filter clients by IP; any client that reaches gatehouse.server.host and has the master_key is served',
      'general_settings.max_parallel_requests: ignored: Gatehouse limits concurrency per deployment only; set litellm_params.max_parallel_requests on each',
      'general_settings.global_max_parallel_requests: ignored: Gatehouse limits concurrency per deployment only (litellm_params.max_parallel_requests), not in total',
      'general_settings.forward_client_headers_to_llm_api: ignored: client headers are not forwarded upstream, except anthropic-beta and anthropic-version to Anthropic',
      'general_settings.background_health_checks: ignored: Gatehouse runs no background health checks; a failing deployment cools down when requests to it fail',
      'general_settings.health_check_interval: ignored: Gatehouse runs no background health checks; a failing deployment cools down when requests to it fail',
    ],
  },
  'load-balancing.yaml': {
    errors: [],
    warnings: [
      'router_settings.redis_host: ignored: rate-limit, usage and cooldown counts stay in this Gatehouse process (not shared through Redis)',
      'router_settings.redis_password: ignored: rate-limit, usage and cooldown counts stay in this Gatehouse process (not shared through Redis)',
      'router_settings.redis_port: ignored: rate-limit, usage and cooldown counts stay in this Gatehouse process (not shared through Redis)',
    ],
  },
  'model-info-metadata.yaml': {
    errors: [],
    warnings: [],
  },
  'model-specific-params.yaml': {
    errors: [],
    warnings: [
      'model_list[0].litellm_params.temperature: ignored: of the request parameters LiteLLM adds from the config, Gatehouse adds only litellm_params.max_tokens (to a request that sets none)',
      'model_list[1].litellm_params.temperature: ignored: of the request parameters LiteLLM adds from the config, Gatehouse adds only litellm_params.max_tokens (to a request that sets none)',
    ],
  },
  'quick-start.yaml': {
    // The "*" catch-all is written out as a wildcard per provider with a key (test/gateway/config/expand-catch-all.test.ts).
    errors: [],
    warnings: [
      'litellm_settings.drop_params: ignored: Gatehouse drops no parameters an upstream does not support; the upstream\'s error reaches the client',
      'litellm_settings.success_callback: ignored: Gatehouse sends no logs or metrics to other services; it keeps its own request log',
      'general_settings.alerting: ignored: Gatehouse sends no alerts (Slack, email)',
      'model_list[1].litellm_params.model: "*" serves claude-*, anthropic/*, ollama/*, ollama_chat/*, gpt-*, chatgpt-*, o1*, o3*, o4*, openai/*, openrouter/*, deepseek/*, groq/*; together_ai, mistral, gemini, xai, fireworks_ai, cerebras are left out: their key variables are not set',
    ],
  },
  'reasoning-params.yaml': {
    errors: [],
    warnings: [
      'model_list[0].litellm_params.merge_reasoning_content_in_choices: ignored: reasoning is passed on as the upstream sends it (reasoning_content, or thinking blocks for Anthropic clients), not merged into the answer',
      'model_list[0].litellm_params.drop_params: ignored: Gatehouse drops no parameters an upstream does not support; the upstream\'s error reaches the client',
      'model_list[0].litellm_params.additional_drop_params: ignored: Gatehouse drops no parameters an upstream does not support; the upstream\'s error reaches the client',
      'model_list[1].litellm_params.extra_body: ignored: of the request parameters LiteLLM adds from the config, Gatehouse adds only litellm_params.max_tokens (to a request that sets none)',
      'router_settings.routing_strategy_args: ignored: the routing strategy runs with Gatehouse\'s defaults',
      'router_settings.default_litellm_params: ignored: of the request parameters LiteLLM adds from the config, Gatehouse adds only litellm_params.max_tokens (to a request that sets none)',
    ],
  },
  'reliability.yaml': {
    errors: [],
    warnings: [
      'model_list[0].litellm_params.max_retries: ignored: Gatehouse retries per model group (router_settings.num_retries, retry_policy), not per deployment',
      'router_settings.retry_after: ignored: retries wait a random backoff (up to 0.5 s, doubling each time, at most 8 s), or as long as the upstream\'s retry-after asks',
      'router_settings.allowed_fails_policy: ignored: every kind of failure counts toward allowed_fails',
    ],
  },
  'wildcard-routes.yaml': {
    errors: [],
    warnings: [],
  },
};

test('every LiteLLM fixture config loads with exactly its expected errors and warnings', () => {
  const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.yaml')).sort();
  assert.deepEqual(fixtures, Object.keys(EXPECTED).sort(), 'each fixture has its expectation here');
  for (const name of fixtures) {
    const parsed = readConfigFile(path.join(FIXTURES, name), ENV);
    const lines = (issues: { path: string; message: string }[]) => issues.map((issue) => `${issue.path}: ${issue.message}`);
    assert.deepEqual({ errors: lines(parsed.errors), warnings: lines(parsed.warnings) }, EXPECTED[name], name);
    assert.equal(parsed.config !== undefined, parsed.errors.length === 0, `${name}: loads exactly when it has no errors`);
  }
});
