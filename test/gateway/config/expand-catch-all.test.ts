import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../gateway/config/parse-config.ts';
import { buildDeploymentTable, groupDeployments } from '../../../gateway/router/deployment-table.ts';
import { ModelResolver, upstreamModelFor } from '../../../gateway/router/resolve-model.ts';

const QUICK_START = 'model_list:\n  - { model_name: vllm, litellm_params: { model: openai/opt-125m, api_base: "http://127.0.0.1:8000/v1", api_key: none } }\n  - model_name: "*"\n    litellm_params: { model: "*", timeout: 30 }\n  - { model_name: fast, litellm_params: { model: groq/llama-3.3-70b-versatile } }\n';

/** Where a requested name goes: the route, deployment provider and upstream model, or undefined. */
function routeOf(yaml: string, env: NodeJS.ProcessEnv, name: string): [string, string, string, string | undefined] | undefined {
  const parsed = parseConfig(yaml, env);
  assert.deepEqual(parsed.errors, []);
  const table = buildDeploymentTable(parsed.config!);
  const resolved = new ModelResolver(groupDeployments(table.deployments), parsed.config!).tryResolve(name);
  const deployment = resolved?.deployments[0];
  return deployment === undefined ? undefined : [deployment.route, deployment.provider, upstreamModelFor(deployment, resolved!.wildcardMatch), deployment.apiKey];
}

test('LiteLLM\'s catch-all serves any name of a provider whose key is set, the provider read from the name as LiteLLM reads it', () => {
  const env = { ANTHROPIC_API_KEY: 'sk-ant', OPENAI_API_KEY: 'sk-oai', GROQ_API_KEY: 'gsk' };
  assert.deepEqual(routeOf(QUICK_START, env, 'claude-sonnet-5'), ['anthropic', 'anthropic', 'claude-sonnet-5', 'sk-ant']);
  assert.deepEqual(routeOf(QUICK_START, env, 'gpt-5.1'), ['openai', 'openai', 'gpt-5.1', 'sk-oai']);
  assert.deepEqual(routeOf(QUICK_START, env, 'o3-mini'), ['openai', 'openai', 'o3-mini', 'sk-oai']);
  assert.deepEqual(routeOf(QUICK_START, env, 'groq/qwen-qwq-32b'), ['groq', 'groq', 'qwen-qwq-32b', 'gsk']);
  assert.deepEqual(routeOf(QUICK_START, env, 'ollama_chat/qwen3:8b'), ['local', 'ollama_chat', 'qwen3:8b', undefined]);
  assert.deepEqual(routeOf(QUICK_START, env, 'ollama/qwen3:8b'), ['local', 'ollama_chat', 'qwen3:8b', undefined]);
  assert.deepEqual(routeOf(QUICK_START, env, 'vllm'), ['openai', 'openai', 'opt-125m', 'none'], 'named groups come first');
  assert.deepEqual(routeOf(QUICK_START, env, 'fast'), ['groq', 'groq', 'llama-3.3-70b-versatile', 'gsk']);
  assert.equal(routeOf(QUICK_START, env, 'mistral/mistral-large'), undefined, 'no MISTRAL_API_KEY: not served, rather than sent keyless');
  assert.equal(routeOf(QUICK_START, env, 'some-local-name'), undefined, 'a bare name of no known provider is not guessed');
});

test('the entries keep their YAML paths, carry the catch-all\'s other params, and the warning says what is served and what is not', () => {
  const parsed = parseConfig(QUICK_START, { ANTHROPIC_API_KEY: 'sk-ant', GROQ_API_KEY: 'gsk' });
  const list = parsed.config!.model_list;
  assert.deepEqual([list[0]?.model_name, list[1]?.model_name, list[2]?.model_name], ['vllm', 'claude-*', 'fast'], 'others keep their index');
  assert.deepEqual(list.slice(3).map((entry) => `${entry.model_name} → ${entry.litellm_params.model}`), ['anthropic/* → anthropic/*', 'ollama/* → ollama_chat/*', 'ollama_chat/* → ollama_chat/*', 'groq/* → groq/*']);
  assert.ok(list.slice(1, 2).concat(list.slice(3)).every((entry) => entry.litellm_params.timeout === 30));
  assert.deepEqual(parsed.warnings, [{
    path: 'model_list[1].litellm_params.model',
    message: '"*" serves claude-*, anthropic/*, ollama/*, ollama_chat/*, groq/*; openai, openrouter, deepseek, together_ai, mistral, gemini, xai, fireworks_ai, cerebras are left out: their key variables are not set',
  }]);
});
