import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { anthropicTextStream, startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let upstream: MockUpstream;

before(async () => {
  upstream = await startMockUpstream();
});
after(async () => {
  await upstream.close();
});

/** One priced cloud deployment whose route allows a cent a day; the mock reports 12 in (+3 cache read) / 6 out tokens. */
const config = (withFreeRoute: boolean) => `
model_list:
  - model_name: claude-mock
    litellm_params: { model: anthropic/claude-upstream, api_base: ${upstream.url}, input_cost_per_token: 0.0005, output_cost_per_token: 0.001 }
    model_info: { id: priced, route: cloud }
${withFreeRoute ? `  - model_name: local-model
    litellm_params: { model: openai/local, api_base: ${upstream.url}/v1 }
    model_info: { id: free-local, route: local }` : ''}
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
gatehouse:
  routes:
    cloud: { max_budget: 0.01, budget_duration: day }
${withFreeRoute ? '    local: { free: true }' : ''}
`;

async function exhaust(harness: TestGateway): Promise<Anthropic> {
  const client = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
  const first = await client.messages.create({ model: 'claude-mock', max_tokens: 16, messages: [{ role: 'user', content: 'spend' }] });
  assert.equal(first.type, 'message');
  const record = harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
  // Cache reads are billed at the input rate when the deployment sets no cache rate.
  assert.ok(record && Math.abs(record.costUsd - ((12 + 3) * 0.0005 + 6 * 0.001)) < 1e-9, `the first request cost 0.0135, over the 0.01 budget (was ${record?.costUsd})`);
  return client;
}

test('over budget with no free route: 429 that names the budget, the spend and when it resets', async () => {
  const harness = await startTestGateway(config(false));
  try {
    const client = await exhaust(harness);
    await assert.rejects(client.messages.create({ model: 'claude-mock', max_tokens: 16, messages: [{ role: 'user', content: 'more' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.match((error as Error).message, /cloud/);
      assert.match((error as Error).message, /budget/i);
      assert.ok(Number((error as InstanceType<typeof Anthropic.RateLimitError>).headers?.get('retry-after')) > 0);
      return true;
    });
  } finally {
    await harness.stop();
  }
});

test('over budget with a free route: the next request is served by the free deployment', async () => {
  const harness = await startTestGateway(config(true));
  try {
    const client = await exhaust(harness);
    const { data: message, response } = await client.messages.create({ model: 'claude-mock', max_tokens: 16, messages: [{ role: 'user', content: 'more' }] }).withResponse();
    assert.equal(message.type, 'message');
    assert.equal(response.headers.get('x-gatehouse-deployment'), 'free-local');
    assert.equal(response.headers.get('x-gatehouse-route'), 'local');
  } finally {
    await harness.stop();
  }
});

test('a stream cut mid-way counts toward the budget: what it consumed is billed in the log and spent in the budget', async () => {
  const harness = await startTestGateway(config(false));
  try {
    // 30 input tokens at 0.0005 are already $0.015 when the socket drops, over the $0.01 budget.
    upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('an answer cut short', 'claude-mock', { input_tokens: 30, output_tokens: 5 }), dropAfter: 4, delayMs: 20 }));
    const client = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
    const cut = await client.messages.create({ model: 'claude-mock', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'spend' }] });
    await assert.rejects(async () => {
      for await (const event of cut) void event;
    });
    upstream.script(undefined);
    const record = harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
    assert.ok(record && record.costUsd > 0.01, `the cut stream is billed (was ${record?.costUsd})`);
    await assert.rejects(client.messages.create({ model: 'claude-mock', max_tokens: 16, messages: [{ role: 'user', content: 'more' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError, `the budget is used up (got ${String(error)})`);
      return true;
    });
  } finally {
    upstream.script(undefined);
    await harness.stop();
  }
});
