import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDeploymentTable, contextWindowOf, groupDeployments } from '../../../gateway/router/deployment-table.ts';
import { computeCost } from '../../../gateway/pricing/compute-cost.ts';
import { configFrom } from './router-fixtures.ts';
import { parseConfig } from '../../../gateway/config/parse-config.ts';

test('deployments split provider and model and derive protocol, api_base and route', () => {
  const { deployments, problems } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'sonnet', litellm_params: { model: 'anthropic/claude-sonnet-4-5', api_key: 'sk-a' } },
      { model_name: 'sonnet', litellm_params: { model: 'openai/anthropic/claude-sonnet-4.5', api_base: 'https://openrouter.ai/api/v1/' } },
      { model_name: 'local', litellm_params: { model: 'ollama_chat/qwen3:8b', num_ctx: 32768 } },
      { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4.1', rpm: 10, weight: 2 }, model_info: { id: 'openai-main', route: 'work' } },
      { model_name: 'ds', litellm_params: { model: 'deepseek/deepseek-chat' } },
    ],
  }));
  assert.deepEqual(problems, []);
  const [anthropic, openrouter, ollama, openai, deepseek] = deployments;
  assert.deepEqual([anthropic?.id, anthropic?.provider, anthropic?.upstreamModel, anthropic?.protocol, anthropic?.apiBase, anthropic?.route, anthropic?.apiKey],
    ['sonnet:anthropic/claude-sonnet-4-5', 'anthropic', 'claude-sonnet-4-5', 'anthropic', 'https://api.anthropic.com', 'anthropic', 'sk-a']);
  assert.deepEqual([openrouter?.upstreamModel, openrouter?.protocol, openrouter?.apiBase, openrouter?.route, openrouter?.pricingProviderId],
    ['anthropic/claude-sonnet-4.5', 'openai', 'https://openrouter.ai/api/v1', 'openrouter', 'openrouter']);
  assert.deepEqual([ollama?.protocol, ollama?.apiBase, ollama?.route, ollama?.isFree, ollama?.params.numCtx], ['ollama', 'http://127.0.0.1:11434', 'local', true, 32768]);
  assert.deepEqual([openai?.id, openai?.route, openai?.params.rpm, openai?.params.weight, openai?.isFree], ['openai-main', 'work', 10, 2, false]);
  assert.deepEqual([deepseek?.protocol, deepseek?.apiBase, deepseek?.route], ['openai', 'https://api.deepseek.com/v1', 'deepseek']);
});

test('a deployment\'s context window: the num_ctx an Ollama model is sent (default included), max_input_tokens, the smaller of both', () => {
  const { deployments } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'local', litellm_params: { model: 'ollama_chat/qwen3:8b' } },
      { model_name: 'local', litellm_params: { model: 'ollama_chat/qwen3:8b', num_ctx: 40960 }, model_info: { max_input_tokens: 131072 } },
      { model_name: 'cloud', litellm_params: { model: 'anthropic/claude-sonnet-4-5' } },
      { model_name: 'cloud', litellm_params: { model: 'openai/gpt-4.1' }, model_info: { max_input_tokens: 1_000_000 } },
    ],
  }));
  assert.deepEqual(deployments.map(contextWindowOf), [65536, 40960, undefined, 1_000_000]);
  assert.deepEqual(deployments.map((deployment) => deployment.params.numCtx), [65536, 40960, undefined, undefined], 'every Ollama deployment carries the num_ctx it is sent');
});

test('duplicate derived ids get a suffix; entries that cannot load are skipped with the YAML path of the field at fault', () => {
  const { deployments, problems } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'g', litellm_params: { model: 'openai/gpt-4.1' } },
      { model_name: 'g', litellm_params: { model: 'openai/gpt-4.1' } },
      { model_name: 'v', litellm_params: { model: 'hosted_vllm/qwen' } },
      { model_name: 'v', litellm_params: { model: 'hosted_vllm/qwen', api_base: 'http://gpu:8000/v1' } },
      { model_name: 't', litellm_params: { model: 'anthropc/claude-sonnet-4-5' } },
      { model_name: 'g', litellm_params: { model: 'openai/gpt-4.1-mini' }, model_info: { id: 'mini' } },
      { model_name: 'g', litellm_params: { model: 'openai/gpt-4.1-nano' }, model_info: { id: 'mini' } },
    ],
  }));
  assert.deepEqual(deployments.map((deployment) => deployment.id), ['g:openai/gpt-4.1', 'g:openai/gpt-4.1#2', 'v:hosted_vllm/qwen', 'mini']);
  assert.deepEqual(problems, [
    { path: 'model_list[2].litellm_params.api_base', message: 'the "v" entry is skipped: "hosted_vllm/" has no default api_base; set litellm_params.api_base to the server\'s URL' },
    { path: 'model_list[4].litellm_params.model', message: 'the "t" entry is skipped: "anthropc/" is not a provider Gatehouse knows; fix the prefix, or set litellm_params.api_base for an OpenAI-compatible server' },
    { path: 'model_list[6].model_info.id', message: 'the "g" entry is skipped: model_info.id "mini" is already the id of an earlier entry; give each its own' },
  ]);
  assert.deepEqual([...groupDeployments(deployments).keys()], ['g', 'v']);
});

test('a provider Gatehouse cannot speak to is skipped with why and what to use instead, even with an api_base', () => {
  const unsupported = ['bedrock', 'vertex_ai', 'vertex_ai_beta', 'sagemaker', 'sagemaker_chat', 'watsonx', 'oci', 'text-completion-openai', 'text-completion-codestral', 'azure_text'];
  const { deployments, problems } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'ok', litellm_params: { model: 'anthropic/claude-sonnet-4-5' } },
      ...unsupported.map((prefix, index) => ({ model_name: `m${index}`, litellm_params: { model: `${prefix}/some-model`, ...(index % 2 === 0 ? { api_base: 'https://proxy.example/v1' } : {}) } })),
    ],
  }));
  assert.deepEqual(deployments.map((deployment) => deployment.id), ['ok:anthropic/claude-sonnet-4-5']);
  assert.deepEqual(problems.map((problem) => problem.path), unsupported.map((_prefix, index) => `model_list[${index + 1}].litellm_params.model`));
  problems.forEach((problem, index) => {
    assert.match(problem.message, new RegExp(`^the "m${index}" entry is skipped: "${unsupported[index]}/" `));
    assert.doesNotMatch(problem.message, /api_base/, 'an api_base would not help');
    assert.ok(!problem.message.includes('\n'), 'one line');
  });
  assert.match(problems[0]!.message, /AWS SigV4 .*CLAUDE_CODE_USE_BEDROCK=1.*anthropic\/ with an Anthropic API key.*LiteLLM in front .*openai\/ deployment/);
  assert.match(problems[1]!.message, /Google Cloud OAuth.*CLAUDE_CODE_USE_VERTEX=1/);
  assert.match(problems[7]!.message, /legacy \/completions API \(text, not chat\).*openai\//);
});

test('gatehouse.ollama defaults apply to ollama deployments and a route marked free makes deployments free', () => {
  const { deployments } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'q', litellm_params: { model: 'ollama/qwen3:8b' } },
      { model_name: 'lm', litellm_params: { model: 'lm_studio/qwen' }, model_info: { route: 'desk' } },
    ],
    gatehouse: { ollama: { host: 'http://10.0.0.2:11434', context_length: 65536, keep_alive: '30m' }, routes: { desk: { free: true } } },
  }));
  assert.deepEqual([deployments[0]?.apiBase, deployments[0]?.params.numCtx, deployments[0]?.params.keepAlive], ['http://10.0.0.2:11434', 65536, '30m']);
  assert.deepEqual([deployments[1]?.apiBase, deployments[1]?.isFree, deployments[1]?.params.numCtx], ['http://127.0.0.1:1234/v1', true, undefined]);
});

test('prices in model_info, where LiteLLM\'s custom-pricing docs put them, override the catalogue like those in litellm_params', () => {
  const { deployments } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'azure', litellm_params: { model: 'azure/my-gpt-4o', api_base: 'https://example.openai.azure.com' }, model_info: { input_cost_per_token: 0.000421, output_cost_per_token: 0.00052, cache_read_input_token_cost: 0.0001 } },
      { model_name: 'both', litellm_params: { model: 'openai/gpt-4.1', input_cost_per_token: 0.000002 }, model_info: { input_cost_per_token: 0.000009, output_cost_per_token: 0.000008 } },
      { model_name: 'q', litellm_params: { model: 'ollama_chat/qwen3:8b' }, model_info: { input_cost_per_token: 0.000001 } },
    ],
  }));
  const [azure, both, ollama] = deployments;
  assert.deepEqual([azure?.params.price?.standard.input, azure?.params.price?.standard.output, azure?.params.price?.standard.cacheRead], [0.000421, 0.00052, 0.0001]);
  assert.deepEqual(computeCost(azure!, { input_tokens: 1000, output_tokens: 100 }), { usd: 1000 * 0.000421 + 100 * 0.00052, source: 'config' });
  // litellm_params is the deployment's own setting and wins, field by field.
  assert.deepEqual([both?.params.price?.standard.input, both?.params.price?.standard.output], [0.000002, 0.000008]);
  assert.deepEqual([ollama?.isFree, ollama?.params.price?.standard.input], [false, 0.000001]);
});

test('a deployment priced at 0 is free, as LiteLLM\'s zero-cost models are: no budget blocks it', () => {
  const { deployments } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'q', litellm_params: { model: 'ollama_chat/qwen3:8b', input_cost_per_token: 0, output_cost_per_token: 0 } },
      { model_name: 'onprem', litellm_params: { model: 'hosted_vllm/llama', api_base: 'http://gpu:8000/v1' }, model_info: { input_cost_per_token: 0, output_cost_per_token: 0 } },
      { model_name: 'paid-out', litellm_params: { model: 'openai/gpt-4.1', input_cost_per_token: 0, output_cost_per_token: 0.000008 } },
      { model_name: 'paid-cache', litellm_params: { model: 'openai/gpt-4.1', input_cost_per_token: 0, output_cost_per_token: 0, cache_read_input_token_cost: 0.000001 } },
    ],
  }));
  assert.deepEqual(deployments.map((deployment) => deployment.isFree), [true, true, false, false]);
});

test('LM Studio serves local models: free unless priced, not billed at a cloud model\'s catalogue price', () => {
  const { deployments } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'lm', litellm_params: { model: 'lm_studio/devstral-small-2505' } },
      { model_name: 'lm-priced', litellm_params: { model: 'lm_studio/devstral-small-2505', input_cost_per_token: 0.000001 } },
    ],
  }));
  const [lm, priced] = deployments;
  assert.equal(lm?.isFree, true);
  assert.deepEqual(computeCost(lm!, { input_tokens: 1_000_000, output_tokens: 1_000_000 }), { usd: 0, source: 'free' });
  assert.equal(priced?.isFree, false);
});

test('azure/ deployments: Claude ones speak the Messages API, others OpenAI\'s; both are on the azure route and priced as Azure', () => {
  const { deployments, problems } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'gpt', litellm_params: { model: 'azure/my-gpt4o-deployment', api_base: 'https://myres.openai.azure.com/', api_version: '2024-10-21', azure_ad_token: 'eyJ.token' }, model_info: { base_model: 'azure/gpt-4o' } },
      { model_name: 'sonnet', litellm_params: { model: 'azure/Claude-Sonnet-4-5', api_base: 'https://myres.services.ai.azure.com/anthropic', api_key: 'k' } },
      { model_name: 'named', litellm_params: { model: 'azure/gpt-4.1', api_base: 'https://myres.openai.azure.com' } },
      { model_name: 'nobase', litellm_params: { model: 'azure/gpt-4.1' } },
    ],
  }));
  const [gpt, sonnet, named] = deployments;
  assert.deepEqual([gpt?.protocol, gpt?.route, gpt?.apiBase, gpt?.apiVersion, gpt?.azureAdToken, gpt?.pricingProviderId, gpt?.pricingModel],
    ['openai', 'azure', 'https://myres.openai.azure.com', '2024-10-21', 'eyJ.token', 'azure', 'gpt-4o']);
  assert.deepEqual([sonnet?.protocol, sonnet?.route, sonnet?.pricingModel], ['anthropic', 'azure', 'Claude-Sonnet-4-5']);
  assert.equal(computeCost(gpt!, { input_tokens: 1_000_000, output_tokens: 0 }).source, 'genai-prices', 'priced by base_model, written with its azure/ prefix as in LiteLLM\'s docs');
  assert.equal(computeCost(named!, { input_tokens: 1_000_000, output_tokens: 0 }).source, 'genai-prices', 'a deployment named after its model is priced by that name');
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.message ?? '', /"azure\/" has no default api_base/);
});

test('litellm_params.max_tokens is the deployment\'s limit for a request that sets none', () => {
  const parsed = parseConfig('model_list:\n  - model_name: g\n    litellm_params: { model: openai/gpt-4.1, api_key: k, max_tokens: "8192" }\n', {});
  assert.deepEqual(parsed.warnings, []);
  assert.equal(buildDeploymentTable(parsed.config!).deployments[0]?.params.defaultMaxTokens, 8192);
});

test('a "*" catch-all that cannot be written out per provider (it names one server) is skipped with what to write instead, and the rest of the config loads', () => {
  const parsed = parseConfig('model_list:\n  - { model_name: "*", litellm_params: { model: "*", api_base: "http://127.0.0.1:8000/v1" } }\n  - { model_name: claude-*, litellm_params: { model: anthropic/claude-*, api_key: k } }\n', {});
  const table = buildDeploymentTable(parsed.config!);
  assert.deepEqual(table.deployments.map((deployment) => deployment.group), ['claude-*']);
  assert.deepEqual(table.problems.map((problem) => problem.path), ['model_list[0].litellm_params.model']);
  assert.match(table.problems[0]!.message, /the "\*" entry is skipped: "\*" with its own api_base or api_key.*write model: openai\/\* with its api_base/);
});

test('an entry whose Entra ID sign-in is incomplete is skipped at the field; a complete one is carried to the provider', () => {
  const azure = { model: 'azure/prod-4o', api_base: 'https://myres.openai.azure.com' };
  const { deployments, problems } = buildDeploymentTable(configFrom({
    model_list: [
      { model_name: 'a', litellm_params: { ...azure, tenant_id: 't', client_id: 'c', client_secret: 's' } },
      { model_name: 'b', litellm_params: { ...azure, tenant_id: 't', client_id: 'c' } },
    ],
  }));
  assert.deepEqual(deployments.map((deployment) => [deployment.group, deployment.azureSignIn]), [['a', { kind: 'client-secret', tenantId: 't', clientId: 'c', clientSecret: 's' }]]);
  assert.deepEqual(problems.map((problem) => problem.path), ['model_list[1].litellm_params.tenant_id']);
});
