/**
 * Anthropic usage that is priced apart from plain input and output tokens must reach the
 * recorded cost, streamed or not: 1-hour cache writes (2x input against 1.25x for 5-minute ones,
 * split out in usage.cache_creation) and server-side web searches (Claude Code's WebSearch, $10 per
 * thousand, counted in usage.server_tool_use, whose final count comes in message_delta).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

interface UsageCase {
  what: string;
  /** The usage of the whole answer (JSON), and what message_start and message_delta say of it (streamed). */
  usage: Record<string, unknown>;
  atStart: Record<string, unknown>;
  atDelta: Record<string, unknown>;
  /** Claude Sonnet 4.5 in genai-prices: $3/M input, $15/M output, $3.75/M 5-minute and $6/M 1-hour cache writes, $10 per thousand web searches. */
  expectedUsd: number;
}

const CACHE_WRITES = { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 0, cache_creation_input_tokens: 400, cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 300 } };
// The shape of Anthropic's web-search example (docs: web-search-tool, streaming).
const WEB_SEARCHES = { input_tokens: 10_682, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 510, server_tool_use: { web_search_requests: 2 } };

const CASES: UsageCase[] = [
  {
    what: '1-hour cache writes are billed at their own rate',
    usage: CACHE_WRITES,
    atStart: { ...CACHE_WRITES, output_tokens: 1 },
    atDelta: { output_tokens: 100 },
    expectedUsd: (1000 * 3 + 100 * 15 + 100 * 3.75 + 300 * 6) / 1e6,
  },
  {
    what: 'web searches are billed per search on top of the tokens',
    usage: WEB_SEARCHES,
    atStart: { ...WEB_SEARCHES, output_tokens: 3, server_tool_use: { web_search_requests: 0 } },
    atDelta: WEB_SEARCHES,
    expectedUsd: (10_682 * 3 + 510 * 15) / 1e6 + (2 * 10) / 1000,
  },
];

let upstream: MockUpstream;
let harness: TestGateway;

before(async () => {
  upstream = await startMockUpstream();
  harness = await startTestGateway(`
model_list:
  - model_name: sonnet
    litellm_params: { model: anthropic/claude-sonnet-4-5, api_base: ${upstream.url}, api_key: sk-ant-usage-cost-test-0123456789 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`);
  const message = { id: 'msg_usage', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [] as unknown[], stop_reason: null as string | null, stop_sequence: null };
  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  upstream.script((request) => {
    // The prompt names the case.
    const usageCase = CASES.find((candidate) => candidate.what === (request.body.messages as { content: string }[])[0]!.content)!;
    return request.body.stream === true
      ? {
        kind: 'sse',
        frames: [
          frame('message_start', { type: 'message_start', message: { ...message, usage: usageCase.atStart } }),
          frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
          frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'done' } }),
          frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
          frame('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: usageCase.atDelta }),
          frame('message_stop', { type: 'message_stop' }),
        ],
      }
      : { kind: 'json', body: { ...message, content: [{ type: 'text', text: 'done' }], stop_reason: 'end_turn', usage: usageCase.usage } };
  });
});
after(async () => {
  await harness.stop();
  await upstream.close();
});

for (const usageCase of CASES) {
  for (const stream of [false, true]) {
    test(`${usageCase.what} (${stream ? 'streamed' : 'not streamed'})`, async () => {
      const response = await fetch(`${harness.gateway.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': TEST_MASTER_KEY },
        body: JSON.stringify({ model: 'sonnet', max_tokens: 1024, stream, messages: [{ role: 'user', content: usageCase.what }] }),
      });
      assert.equal(response.status, 200);
      await response.text();
      const record = harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
      assert.equal(record?.cacheWriteTokens, usageCase.usage.cache_creation_input_tokens);
      assert.ok(record && Math.abs(record.costUsd - usageCase.expectedUsd) < 1e-12, `cost ${record?.costUsd}, expected ${usageCase.expectedUsd}`);
    });
  }
}
