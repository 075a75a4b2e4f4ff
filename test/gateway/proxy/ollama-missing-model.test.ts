/** A deployment naming an Ollama model that was never pulled: the client is told how to get it. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startOllamaTestServer, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let ollama: OllamaTestServer;
let harness: TestGateway;

before(async () => {
  ollama = await startOllamaTestServer();
  harness = await startTestGateway(`
model_list:
  - model_name: big-local
    litellm_params: { model: ollama_chat/qwen3:8b, api_base: ${ollama.url} }
    model_info: { id: ollama-big, route: local }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
gatehouse:
  ollama: { host: ${ollama.url} }
`);
});

after(async () => {
  await harness.stop();
  await ollama.close();
});

test('Ollama\'s 404 for a model it does not have is a 404 that says to pull the model', async () => {
  // The wording of Ollama's /api/chat since the model lookup moved ahead of scheduling (server/routes.go ChatHandler): no advice of its own.
  ollama.scriptChat({ httpStatus: 404, httpError: "model 'qwen3:8b' not found" });
  const anthropic = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
  await assert.rejects(anthropic.messages.create({ model: 'big-local', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof Anthropic.NotFoundError);
    assert.match(error.message, /not found/);
    assert.match(error.message, /ollama pull qwen3:8b/);
    return true;
  });
});
