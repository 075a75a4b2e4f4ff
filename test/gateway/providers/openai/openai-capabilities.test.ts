import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openAICapabilities } from '../../../../gateway/providers/openai/openai-capabilities.ts';

test("OpenAI's own API: max_completion_tokens, and reasoning_effort only for reasoning models", () => {
  assert.deepEqual(openAICapabilities('https://api.openai.com/v1', 'gpt-4.1', {}), { reasoning: false, maxTokensField: 'max_completion_tokens' });
  assert.deepEqual(openAICapabilities('https://api.openai.com/v1', 'o4-mini', {}), { reasoning: true, maxTokensField: 'max_completion_tokens' });
  assert.equal(openAICapabilities('https://api.openai.com/v1', 'gpt-5-mini', {}).reasoning, true);
});

test('other OpenAI-compatible servers get the request as sent unless the config says otherwise', () => {
  assert.deepEqual(openAICapabilities('http://127.0.0.1:8000/v1', 'qwen3-coder', {}), {});
  assert.deepEqual(openAICapabilities('https://openrouter.ai/api/v1', 'x', { supportsReasoning: false, maxOutputTokens: 8192 }), { reasoning: false, maxOutputTokens: 8192, maxReasoningEffort: 'max' });
  assert.equal(openAICapabilities('https://api.openai.com/v1', 'gpt-4.1', { supportsReasoning: true }).reasoning, true, 'the config wins');
});

test('reasoning_effort may reach "max" only where it is accepted: OpenRouter and DeepSeek, not OpenAI or local servers', () => {
  assert.equal(openAICapabilities('https://openrouter.ai/api/v1', 'anthropic/claude-sonnet-4.5', {}).maxReasoningEffort, 'max');
  assert.equal(openAICapabilities('https://api.deepseek.com', 'deepseek-reasoner', {}).maxReasoningEffort, 'max');
  assert.equal(openAICapabilities('https://api.openai.com/v1', 'gpt-5', {}).maxReasoningEffort, undefined);
  assert.equal(openAICapabilities('http://127.0.0.1:8000/v1', 'deepseek-r1', {}).maxReasoningEffort, undefined);
});

test('DeepSeek, by host or by model name, gets the thinking history back as reasoning_content', () => {
  assert.equal(openAICapabilities('https://api.deepseek.com', 'deepseek-v4-pro', {}).reasoningContentInHistory, true);
  assert.equal(openAICapabilities('https://api.deepseek.com/v1', 'some-alias', {}).reasoningContentInHistory, true);
  assert.equal(openAICapabilities('https://openrouter.ai/api/v1', 'deepseek/deepseek-r1', {}).reasoningContentInHistory, true);
  assert.equal(openAICapabilities('https://api.openai.com/v1', 'gpt-5', {}).reasoningContentInHistory, undefined);
  assert.equal(openAICapabilities('http://127.0.0.1:8000/v1', 'qwen3-coder', {}).reasoningContentInHistory, undefined);
});

test('Azure OpenAI is described by model as OpenAI is: its reasoning models get max_completion_tokens, its others max_tokens and no reasoning_effort', () => {
  const azure = 'https://myres.openai.azure.com';
  assert.deepEqual(openAICapabilities(azure, 'gpt-4o', {}, 'azure'), { reasoning: false });
  assert.deepEqual(openAICapabilities(azure, 'o3-mini', {}, 'azure'), { reasoning: true, maxTokensField: 'max_completion_tokens' });
  assert.equal(openAICapabilities(azure, 'prod-o3-eastus', {}, 'azure').reasoning, true, 'LiteLLM too reads o1/o3/gpt-5 anywhere in a deployment name');
  assert.equal(openAICapabilities(azure, 'team-gpt-5-mini', {}, 'azure').reasoning, true);
  assert.equal(openAICapabilities(azure, 'gpt-4o-2024-08-06', {}, 'azure').reasoning, false, 'the o of 4o is not an o-series model');
  assert.equal(openAICapabilities(azure, 'gpt-4o', { supportsReasoning: true }, 'azure').maxTokensField, 'max_completion_tokens', 'the config wins');
});
