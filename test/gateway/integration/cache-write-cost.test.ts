/**
 * Anthropic reports how many cache writes went to the 1-hour cache (2x input) rather than the
 * 5-minute one (1.25x); the recorded cost must charge each at its rate, streamed or not.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

const USAGE = { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 0, cache_creation_input_tokens: 400, cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 300 } };
// Claude Sonnet 4.5 in genai-prices: $3/M input, $15/M output, $3.75/M 5-minute and $6/M 1-hour cache writes.
const EXPECTED_USD = (1000 * 3 + 100 * 15 + 100 * 3.75 + 300 * 6) / 1e6;

let upstream: MockUpstream;
let harness: TestGateway;

before(async () => {
  upstream = await startMockUpstream();
  harness = await startTestGateway(`
model_list:
  - model_name: sonnet
    litellm_params: { model: anthropic/claude-sonnet-4-5, api_base: ${upstream.url}, api_key: sk-ant-cache-write-test-0123456789 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`);
  const message = { id: 'msg_cache', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [] as unknown[], stop_reason: null as string | null, stop_sequence: null };
  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  upstream.script((request) => (request.body.stream === true
    ? {
      kind: 'sse',
      frames: [
        frame('message_start', { type: 'message_start', message: { ...message, usage: { ...USAGE, output_tokens: 1 } } }),
        frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'cached' } }),
        frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
        frame('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 100 } }),
        frame('message_stop', { type: 'message_stop' }),
      ],
    }
    : { kind: 'json', body: { ...message, content: [{ type: 'text', text: 'cached' }], stop_reason: 'end_turn', usage: USAGE } }));
});
after(async () => {
  await harness.stop();
  await upstream.close();
});

for (const stream of [false, true]) {
  test(`1-hour cache writes are billed at their own rate (${stream ? 'streamed' : 'not streamed'})`, async () => {
    const response = await fetch(`${harness.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': TEST_MASTER_KEY },
      body: JSON.stringify({ model: 'sonnet', max_tokens: 200, stream, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200);
    await response.text();
    const record = harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
    assert.equal(record?.cacheWriteTokens, 400);
    assert.ok(record && Math.abs(record.costUsd - EXPECTED_USD) < 1e-12, `cost ${record?.costUsd}, expected ${EXPECTED_USD}`);
  });
}
