/**
 * Anthropic bills its server-side web search (Claude Code's WebSearch tool) at $10 per thousand
 * searches on top of the tokens, and reports the count in usage.server_tool_use; the recorded
 * cost must include it, streamed or not.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

// The shape of Anthropic's web-search example (docs: web-search-tool, streaming): the final count comes in message_delta.
const USAGE = { input_tokens: 10_682, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 510, server_tool_use: { web_search_requests: 2 } };
// Claude Sonnet 4.5 in genai-prices: $3/M input, $15/M output, $10 per thousand web searches.
const EXPECTED_USD = (10_682 * 3 + 510 * 15) / 1e6 + (2 * 10) / 1000;

let upstream: MockUpstream;
let harness: TestGateway;

before(async () => {
  upstream = await startMockUpstream();
  harness = await startTestGateway(`
model_list:
  - model_name: sonnet
    litellm_params: { model: anthropic/claude-sonnet-4-5, api_base: ${upstream.url}, api_key: sk-ant-web-search-test-0123456789 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`);
  const message = { id: 'msg_search', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [] as unknown[], stop_reason: null as string | null, stop_sequence: null };
  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  upstream.script((request) => (request.body.stream === true
    ? {
      kind: 'sse',
      frames: [
        frame('message_start', { type: 'message_start', message: { ...message, usage: { ...USAGE, output_tokens: 3, server_tool_use: { web_search_requests: 0 } } } }),
        frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'found it' } }),
        frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
        frame('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: USAGE }),
        frame('message_stop', { type: 'message_stop' }),
      ],
    }
    : { kind: 'json', body: { ...message, content: [{ type: 'text', text: 'found it' }], stop_reason: 'end_turn', usage: USAGE } }));
});
after(async () => {
  await harness.stop();
  await upstream.close();
});

for (const stream of [false, true]) {
  test(`web searches are billed per search on top of the tokens (${stream ? 'streamed' : 'not streamed'})`, async () => {
    const response = await fetch(`${harness.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': TEST_MASTER_KEY },
      body: JSON.stringify({ model: 'sonnet', max_tokens: 1024, stream, messages: [{ role: 'user', content: 'search the web' }] }),
    });
    assert.equal(response.status, 200);
    await response.text();
    const record = harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
    assert.ok(record && Math.abs(record.costUsd - EXPECTED_USD) < 1e-12, `cost ${record?.costUsd}, expected ${EXPECTED_USD}`);
  });
}
