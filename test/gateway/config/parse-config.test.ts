import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../gateway/config/parse-config.ts';

const LITELLM_CONFIG = `
model_list:
  - model_name: claude-sonnet-4-5
    litellm_params:
      model: openai/gpt-4.1
      api_base: https://api.openai.com/v1
      api_key: os.environ/OPENAI_API_KEY
      rpm: 500
    model_info: { id: openai-main }
router_settings:
  routing_strategy: simple-shuffle
  num_retries: 2
  fallbacks: [{ claude-sonnet-4-5: [claude-3-5-haiku-20241022] }]
litellm_settings: { request_timeout: 600, cache: false }
general_settings: { master_key: os.environ/GATEHOUSE_KEY }
`;

test('a LiteLLM config resolves os.environ/ references', () => {
  const parsed = parseConfig(LITELLM_CONFIG, { OPENAI_API_KEY: 'sk-test', GATEHOUSE_KEY: 'sk-gate' });
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.config?.model_list[0]?.litellm_params.api_key, 'sk-test');
  assert.equal(parsed.config?.general_settings.master_key, 'sk-gate');
  assert.equal(parsed.config?.gatehouse.server.port, 4747);
});

test('a missing environment variable is an error naming the key and the variable', () => {
  const parsed = parseConfig(LITELLM_CONFIG, { GATEHOUSE_KEY: 'sk-gate' });
  assert.equal(parsed.config, undefined);
  assert.deepEqual(parsed.errors, [{
    path: 'model_list[0].litellm_params.api_key',
    message: 'environment variable OPENAI_API_KEY is not set (the config says os.environ/OPENAI_API_KEY)',
  }]);
});

test('unknown keys are warned about with their path and do not block loading', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: a
    litellm_params: { model: openai/x, api_kye: typo }
router_settings: { routing_strategy: least-busy, redis_host: localhost }
`, {});
  assert.deepEqual(parsed.errors, []);
  // The typo leaves the OpenAI entry without a key, which is reported too.
  assert.deepEqual(parsed.warnings.map((warning) => warning.path).sort(), ['model_list[0].litellm_params.api_key', 'model_list[0].litellm_params.api_kye', 'router_settings.redis_host']);
  assert.equal(parsed.config?.router_settings.routing_strategy, 'least-busy');
});

test('invalid values fail with the path and the reason', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: a
    litellm_params: { model: llama3, rpm: -1 }
router_settings: { routing_strategy: round-robin }
`);
  const paths = parsed.errors.map((error) => error.path).sort();
  assert.deepEqual(paths, ['model_list[0].litellm_params.model', 'model_list[0].litellm_params.rpm', 'router_settings.routing_strategy']);
  assert.match(parsed.errors.find((error) => error.path.endsWith('.model'))!.message, /provider\/model/);
});

test('YAML syntax errors carry a line number', () => {
  const parsed = parseConfig('model_list:\n  - model_name: [unclosed\n');
  assert.equal(parsed.config, undefined);
  assert.match(parsed.errors[0]!.path, /^line \d+/);
});

test('a missing variable wanted only by an ignored key does not block loading (LiteLLM configs reference DATABASE_URL, REDIS_PASSWORD)', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: a
    litellm_params: { model: openai/x, api_key: os.environ/OPENAI_API_KEY }
general_settings: { master_key: sk-1234, database_url: os.environ/DATABASE_URL }
router_settings: { redis_host: os.environ/REDIS_HOST, redis_password: os.environ/REDIS_PASSWORD }
`, { OPENAI_API_KEY: 'sk-test' });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.warnings.map((warning) => warning.path).sort(), ['general_settings.database_url', 'router_settings.redis_host', 'router_settings.redis_password']);
  assert.equal(parsed.config?.model_list[0]?.litellm_params.api_key, 'sk-test');

  const nested = parseConfig('gatehouse: { bogus: { deep: [os.environ/NOPE] } }\ngeneral_settings: { master_key: os.environ/ALSO_NOPE }\n', {});
  assert.deepEqual(nested.errors.map((error) => error.path), ['general_settings.master_key'], 'a key Gatehouse uses still needs its variable');
});

test('environment_variables are set before references resolve, as LiteLLM does, and take any scalar', () => {
  const parsed = parseConfig(`
environment_variables:
  OPENAI_API_KEY: sk-from-file
  AZURE_KEY: os.environ/REAL_AZURE_KEY
  REDIS_PORT: 6379
  UNSET_HERE: os.environ/NOT_SET_ANYWHERE
model_list:
  - model_name: a
    litellm_params: { model: openai/x, api_key: os.environ/OPENAI_API_KEY }
  - model_name: b
    litellm_params: { model: openai/y, api_key: os.environ/AZURE_KEY }
`, { OPENAI_API_KEY: 'sk-from-shell', REAL_AZURE_KEY: 'az-real' });
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.config?.model_list[0]?.litellm_params.api_key, 'sk-from-file', 'the file wins, as LiteLLM sets os.environ from it');
  assert.equal(parsed.config?.model_list[1]?.litellm_params.api_key, 'az-real');

  const stillMissing = parseConfig(`
environment_variables: { UNSET_HERE: os.environ/NOT_SET_ANYWHERE }
general_settings: { master_key: os.environ/UNSET_HERE }
`, {});
  assert.deepEqual(stillMissing.errors.map((error) => error.path), ['general_settings.master_key']);
});

test('YAML merge keys share settings between deployments, as PyYAML (LiteLLM) resolves them', () => {
  const parsed = parseConfig(`
x-openai: &openai
  api_base: https://api.openai.com/v1
  api_key: os.environ/OPENAI_API_KEY
  rpm: 100
model_list:
  - model_name: a
    litellm_params:
      <<: *openai
      model: openai/gpt-4.1
  - model_name: b
    litellm_params:
      <<: *openai
      model: openai/gpt-4.1-mini
      rpm: 50
`, { OPENAI_API_KEY: 'sk-test' });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.warnings.map((warning) => warning.path), ['x-openai']);
  assert.deepEqual(parsed.config?.model_list.map((deployment) => [deployment.litellm_params.api_key, deployment.litellm_params.rpm]), [['sk-test', 100], ['sk-test', 50]]);
});

test('numbers may be written as strings or come from os.environ/ references, as LiteLLM accepts them', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: a
    litellm_params: { model: openai/x, rpm: os.environ/OPENAI_RPM, timeout: "30", input_cost_per_token: "0.000003" }
litellm_settings: { request_timeout: "600" }
gatehouse: { server: { port: os.environ/GATEHOUSE_PORT } }
`, { OPENAI_RPM: '500', GATEHOUSE_PORT: '4800' });
  assert.deepEqual(parsed.errors, []);
  const params = parsed.config?.model_list[0]?.litellm_params;
  assert.deepEqual([params?.rpm, params?.timeout, params?.input_cost_per_token], [500, 30, 0.000003]);
  assert.equal(parsed.config?.litellm_settings.request_timeout, 600);
  assert.equal(parsed.config?.gatehouse.server.port, 4800);

  const invalid = parseConfig('model_list:\n  - model_name: a\n    litellm_params: { model: openai/x, rpm: "many", tpm: "" }\n');
  assert.deepEqual(invalid.errors.map((error) => error.path), ['model_list[0].litellm_params.rpm', 'model_list[0].litellm_params.tpm']);
});

test('a section left empty (every line commented out) is treated as absent, as LiteLLM does', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: a
    litellm_params: { model: openai/x }
router_settings:
#  routing_strategy: least-busy
litellm_settings:
general_settings:
environment_variables:
gatehouse:
`);
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.config?.router_settings.routing_strategy, 'simple-shuffle');
  assert.equal(parsed.config?.gatehouse.server.port, 4747);
  assert.equal(parseConfig('model_list:\n').config?.model_list.length, 0);
  assert.deepEqual(parseConfig('model_list:\n  - model_name: a\n    litellm_params:\n').errors.map((error) => error.path), ['model_list[0].litellm_params'], 'only whole sections');
});

test('booleans may be written as "true"/"false" in any case or come from os.environ/ references; nothing else passes', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: a
    litellm_params: { model: openai/x }
    model_info: { supports_reasoning: "TRUE" }
router_settings: { enable_pre_call_checks: os.environ/PRE_CALL_CHECKS }
litellm_settings: { cache: "False" }
gatehouse: { server: { store_bodies: "true" }, routes: { cloud: { enabled: os.environ/CLOUD_ON } } }
`, { PRE_CALL_CHECKS: 'true', CLOUD_ON: 'false' });
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.config?.model_list[0]?.model_info?.supports_reasoning, true);
  assert.deepEqual([parsed.config?.router_settings.enable_pre_call_checks, parsed.config?.litellm_settings.cache], [true, false]);
  assert.equal(parsed.config?.gatehouse.server.store_bodies, true);
  assert.equal(parsed.config?.gatehouse.routes.cloud?.enabled, false);

  const invalid = parseConfig('router_settings: { enable_pre_call_checks: "yes", disable_cooldowns: "1" }\nlitellm_settings: { cache: " true" }\n');
  assert.deepEqual(invalid.errors.map((error) => error.path).sort(), ['litellm_settings.cache', 'router_settings.disable_cooldowns', 'router_settings.enable_pre_call_checks']);
  assert.match(invalid.errors[0]!.message, /true or false/);
});

test('a LiteLLM key Gatehouse does not act on is warned about with what ignoring it means, not accepted silently', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: a
    litellm_params: { model: openai/x, max_retries: 2, drop_params: true, api_kye: typo }
    rpm: 3
general_settings: { master_key: sk-1, allowed_ips: [10.0.0.1], database_url: os.environ/DATABASE_URL }
litellm_settings: { success_callback: [langfuse], cache: true, cache_params: { host: redis.local } }
guardrails: [{ guardrail_name: pii, litellm_params: { guardrail: presidio, mode: pre_call } }]
`, {});
  assert.deepEqual(parsed.errors, []);
  const messages = Object.fromEntries(parsed.warnings.map((warning) => [warning.path, warning.message]));
  assert.match(messages['model_list[0].litellm_params.max_retries']!, /per model group/);
  assert.match(messages['model_list[0].litellm_params.drop_params']!, /drops no parameters/);
  assert.equal(messages['model_list[0].litellm_params.api_kye'], 'unknown key, ignored');
  assert.match(messages['model_list[0].rpm']!, /move it there/);
  assert.match(messages['general_settings.allowed_ips']!, /^NOT enforced/);
  assert.match(messages.guardrails!, /^NOT enforced: Gatehouse runs no guardrails/);
  assert.match(messages['general_settings.database_url']!, /no database/);
  assert.match(messages['litellm_settings.success_callback']!, /no logs or metrics/);
  assert.match(messages['litellm_settings.cache_params.host']!, /memory/);
});

test('LiteLLM values Gatehouse acts on differently are accepted with a warning: rpm/tpm in model_info, a Redis cache, an opt-in cache', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: a
    litellm_params: { model: openai/x }
    model_info: { rpm: 3, tpm: 20000, mode: chat }
litellm_settings: { cache: true, cache_params: { type: redis-semantic, mode: default_off } }
`, { OPENAI_API_KEY: 'sk-test' });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.warnings, [
    { path: 'model_list[0].model_info.rpm', message: 'ignored here: Gatehouse limits and weighs deployments by rpm and tpm under litellm_params; move it there' },
    { path: 'model_list[0].model_info.tpm', message: 'ignored here: Gatehouse limits and weighs deployments by rpm and tpm under litellm_params; move it there' },
    { path: 'litellm_settings.cache_params.type', message: 'redis-semantic: Gatehouse caches in its own memory instead (this process only, emptied on restart), and only identical requests hit (not similar ones)' },
    { path: 'litellm_settings.cache_params.mode', message: 'default_off: only requests that opt in are cached, and Gatehouse has no per-request opt-in, so nothing is cached' },
  ]);
  assert.equal(parseConfig('litellm_settings: { cache_params: { type: memcached } }\n').errors[0]?.path, 'litellm_settings.cache_params.type');
});

test('OpenAI and Anthropic model names without a provider prefix route to their provider, as LiteLLM infers it; other bare names fail saying what to write, and the "*" catch-all loads', () => {
  const parsed = parseConfig(`
model_list:
  - { model_name: a, litellm_params: { model: gpt-3.5-turbo } }
  - { model_name: b, litellm_params: { model: o3-mini } }
  - { model_name: c, litellm_params: { model: claude-sonnet-4-5 } }
  - { model_name: d, litellm_params: { model: openai/gpt-4.1 } }
`);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.config?.model_list.map((deployment) => deployment.litellm_params.model), ['openai/gpt-3.5-turbo', 'openai/o3-mini', 'anthropic/claude-sonnet-4-5', 'openai/gpt-4.1']);

  const refused = parseConfig('model_list:\n  - { model_name: "*", litellm_params: { model: "*" } }\n  - { model_name: m, litellm_params: { model: mistral-large } }\n');
  assert.deepEqual(refused.errors.map((error) => error.path), ['model_list[1].litellm_params.model']);
  assert.match(refused.errors[0]!.message, /must be "provider\/model"/);
});

test('litellm_params headers and organization are sent, as LiteLLM sends them: folded into extra_headers, which win', () => {
  const loaded = parseConfig('model_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o, organization: org-1, headers: { X-Team: platform } }\n', { OPENAI_API_KEY: 'sk-test' });
  assert.deepEqual(loaded.warnings, []);
  assert.deepEqual(loaded.config?.model_list[0]?.litellm_params.extra_headers, { 'OpenAI-Organization': 'org-1', 'X-Team': 'platform' });
  const both = parseConfig('model_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o, headers: { X-Tier: low, X-Team: p }, extra_headers: { X-Tier: high } }\n', { OPENAI_API_KEY: 'sk-test' });
  assert.deepEqual(both.config?.model_list[0]?.litellm_params.extra_headers, { 'X-Tier': 'high', 'X-Team': 'p' });

  const listed = parseConfig('model_list:\n  - model_name: b\n    litellm_params: { model: openai/gpt-4o, organization: [org-1, org-2] }\n', { OPENAI_API_KEY: 'sk-test' });
  assert.deepEqual(listed.errors.map((error) => error.path), ['model_list[0].litellm_params.organization']);
  assert.match(listed.errors[0]!.message, /write one deployment per organization/);
});
