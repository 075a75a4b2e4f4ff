/**
 * Anthropic usage that is priced apart from plain input and output tokens must reach the
 * recorded cost, streamed or not: 1-hour cache writes (2x input against 1.25x for 5-minute ones,
 * split out in usage.cache_creation) and server-side web searches (Claude Code's WebSearch, $10 per
 * thousand, counted in usage.server_tool_use, whose final count comes in message_delta), at the
 * deployment's own search_context_cost_per_query when its config prices it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

interface UsageCase {
  what: string;
  /** The model group asked for. */
  model: 'sonnet' | 'sonnet-priced-in-config';
  /** The usage of the whole answer (JSON), and what message_start and message_delta say of it (streamed). */
  usage: Record<string, unknown>;
  atStart: Record<string, unknown>;
  atDelta: Record<string, unknown>;
  /**
   * Claude Sonnet 4.5 in genai-prices: $3/M input, $15/M output, $3.75/M 5-minute and $6/M 1-hour
   * cache writes, $10 per thousand web searches; in config: CONFIGURED_PRICES.
   */
  expectedUsd: number;
}

const CACHE_WRITES = { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 0, cache_creation_input_tokens: 400, cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 300 } };
// The shape of Anthropic's web-search example (docs: web-search-tool, streaming).
const WEB_SEARCHES = { input_tokens: 10_682, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 510, server_tool_use: { web_search_requests: 2 } };

const CASES: UsageCase[] = [
  {
    what: '1-hour cache writes are billed at their own rate',
    model: 'sonnet',
    usage: CACHE_WRITES,
    atStart: { ...CACHE_WRITES, output_tokens: 1 },
    atDelta: { output_tokens: 100 },
    expectedUsd: (1000 * 3 + 100 * 15 + 100 * 3.75 + 300 * 6) / 1e6,
  },
  {
    what: 'web searches are billed per search on top of the tokens',
    model: 'sonnet',
    usage: WEB_SEARCHES,
    atStart: { ...WEB_SEARCHES, output_tokens: 3, server_tool_use: { web_search_requests: 0 } },
    atDelta: WEB_SEARCHES,
    expectedUsd: (10_682 * 3 + 510 * 15) / 1e6 + (2 * 10) / 1000,
  },
  {
    what: 'web searches on a deployment priced in config cost its search_context_size_medium each',
    model: 'sonnet-priced-in-config',
    usage: WEB_SEARCHES,
    atStart: { ...WEB_SEARCHES, output_tokens: 3, server_tool_use: { web_search_requests: 0 } },
    atDelta: WEB_SEARCHES,
    expectedUsd: 10_682 * 2e-6 + 510 * 1e-5 + 2 * 0.02,
  },
];

const CONFIGURED_PRICES = `input_cost_per_token: 2e-6, output_cost_per_token: 1e-5,
      search_context_cost_per_query: { search_context_size_low: 0.01, search_context_size_medium: 0.02, search_context_size_high: 0.03 }`;

let upstream: MockUpstream;
let harness: TestGateway;

before(async () => {
  upstream = await startMockUpstream();
  harness = await startTestGateway(`
model_list:
  - model_name: sonnet
    litellm_params: { model: anthropic/claude-sonnet-4-5, api_base: ${upstream.url}, api_key: sk-ant-usage-cost-test-0123456789 }
  - model_name: sonnet-priced-in-config
    litellm_params: {
      model: anthropic/claude-sonnet-4-5, api_base: ${upstream.url}, api_key: sk-ant-usage-cost-test-0123456789,
      ${CONFIGURED_PRICES} }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
`);
  const message = { id: 'msg_usage', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [] as unknown[], stop_reason: null as string | null, stop_sequence: null };
  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  upstream.script((request) => {
    // The prompt names the case; an OpenAI client's arrives as a text block.
    const prompt = (request.body.messages as { content: string | { text: string }[] }[])[0]!.content;
    const usageCase = CASES.find((candidate) => candidate.what === (typeof prompt === 'string' ? prompt : prompt[0]!.text))!;
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
        body: JSON.stringify({ model: usageCase.model, max_tokens: 1024, stream, messages: [{ role: 'user', content: usageCase.what }] }),
      });
      assert.equal(response.status, 200);
      await response.text();
      const record = harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
      assert.equal(record?.cacheWriteTokens, usageCase.usage.cache_creation_input_tokens);
      assert.ok(record && Math.abs(record.costUsd - usageCase.expectedUsd) < 1e-12, `cost ${record?.costUsd}, expected ${usageCase.expectedUsd}`);
    });
  }
}

test('an OpenAI client\'s web search, asked at the high context size, is charged at medium: LiteLLM charges Anthropic\'s count at medium whatever the size', async () => {
  const usageCase = CASES.find((candidate) => candidate.model === 'sonnet-priced-in-config')!;
  const response = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_MASTER_KEY}` },
    body: JSON.stringify({ model: usageCase.model, web_search_options: { search_context_size: 'high' }, messages: [{ role: 'user', content: usageCase.what }] }),
  });
  assert.equal(response.status, 200);
  await response.text();
  assert.equal((upstream.requests.at(-1)!.body.tools as { type: string }[])[0]!.type, 'web_search_20250305');
  const record = harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
  assert.ok(record && Math.abs(record.costUsd - usageCase.expectedUsd) < 1e-12, `cost ${record?.costUsd}, expected ${usageCase.expectedUsd}`);
});
