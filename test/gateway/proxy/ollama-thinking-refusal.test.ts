/**
 * Claude Code asks every model for thinking, and Ollama answers 400 `"<model>" does not support
 * thinking` when `think` goes to a model without the capability. The turn must still be answered.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startOllamaTestServer, createTestModel, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let ollama: OllamaTestServer;
let harness: TestGateway;
let anthropic: Anthropic;

before(async () => {
  ollama = await startOllamaTestServer({ models: [createTestModel('qwen2.5-coder:7b', { capabilities: ['completion', 'tools', 'insert'] })] });
  harness = await startTestGateway(`
model_list:
  - model_name: coder-local
    litellm_params: { model: ollama_chat/qwen2.5-coder:7b, api_base: ${ollama.url} }
    model_info: { id: ollama-coder, route: local }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
gatehouse:
  ollama: { host: ${ollama.url} }
`);
  anthropic = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
});

after(async () => {
  await harness.stop();
  await ollama.close();
});

const chatBodies = () => ollama.requests.filter((recorded) => recorded.path === '/api/chat').map((recorded) => recorded.body as { think?: unknown });

test('a thinking request to a model without the thinking capability is answered, sent again without `think`', async () => {
  ollama.scriptChat({ content: 'Plain answer.' });
  const before = chatBodies().length;
  const final = await anthropic.messages.stream({
    model: 'coder-local',
    max_tokens: 256,
    thinking: { type: 'adaptive' } as unknown as Anthropic.ThinkingConfigParam,
    messages: [{ role: 'user', content: 'hi' }],
  }).finalMessage();
  assert.equal((final.content[0] as { text: string }).text, 'Plain answer.');
  const sent = chatBodies().slice(before);
  assert.equal(sent.length, 2);
  assert.equal(sent[0]?.think, true);
  assert.equal(sent[1]?.think, undefined);
});

test('model_info.supports_reasoning: false leaves `think` out from the start', async () => {
  const configured = await startTestGateway(`
model_list:
  - model_name: coder-local
    litellm_params: { model: ollama_chat/qwen2.5-coder:7b, api_base: ${ollama.url} }
    model_info: { id: ollama-coder, route: local, supports_reasoning: false }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
gatehouse:
  ollama: { host: ${ollama.url} }
`);
  try {
    ollama.scriptChat({ content: 'Plain answer.' });
    const before = chatBodies().length;
    const client = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: configured.gateway.url, maxRetries: 0 });
    const message = await client.messages.create({ model: 'coder-local', max_tokens: 256, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((message.content[0] as { text: string }).text, 'Plain answer.');
    const sent = chatBodies().slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.think, undefined);
  } finally {
    await configured.stop();
  }
});

test('another 400 from Ollama is still the client\'s error, sent once', async () => {
  ollama.scriptChat({ httpStatus: 400, httpError: 'invalid options: num_predict' });
  const before = chatBodies().length;
  await assert.rejects(anthropic.messages.create({ model: 'coder-local', max_tokens: 256, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof Anthropic.BadRequestError);
    assert.match(error.message, /invalid options/);
    return true;
  });
  assert.equal(chatBodies().length - before, 1);
});
