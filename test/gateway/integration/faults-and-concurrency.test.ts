/**
 * Upstreams that fail on purpose: what the client sees in each protocol, that retries and
 * fallbacks happen only before the first byte, and that every request leaves one record.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { startMockUpstream, anthropicTextStream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let healthy: MockUpstream;
let failing: MockUpstream;
let refusedPort: number;
let harness: TestGateway;
let client: Anthropic;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

before(async () => {
  healthy = await startMockUpstream();
  failing = await startMockUpstream();
  refusedPort = await closedPort();
  harness = await startTestGateway(`
model_list:
  - model_name: pool
    litellm_params: { model: anthropic/a, api_base: ${healthy.url} }
    model_info: { id: healthy-1 }
  - model_name: pool
    litellm_params: { model: anthropic/b, api_base: ${healthy.url} }
    model_info: { id: healthy-2 }
  - model_name: pool
    litellm_params: { model: anthropic/c, api_base: ${failing.url} }
    model_info: { id: failing }
  - model_name: flaky
    litellm_params: { model: anthropic/flaky, api_base: ${failing.url}, timeout: 1 }
    model_info: { id: flaky }
  - model_name: backup
    litellm_params: { model: anthropic/backup, api_base: ${healthy.url} }
    model_info: { id: backup }
  - model_name: refused
    litellm_params: { model: anthropic/x, api_base: http://127.0.0.1:${refusedPort} }
    model_info: { id: refused }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings:
  num_retries: 1
  allowed_fails: 100
  fallbacks: [{ flaky: [backup] }]
`);
  client = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
});

after(async () => {
  await harness.stop();
  await healthy.close();
  await failing.close();
});

const ask = (model: string) => client.messages.create({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
const records = () => harness.gateway.runtime.logStore.query({ limit: 1000 }).records;

for (const [label, reply] of [
  ['500', { kind: 'json', status: 500, body: { type: 'error', error: { type: 'api_error', message: 'boom' } } }],
  ['529 overloaded', { kind: 'json', status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } }],
  ['a connection reset', { kind: 'reset' }],
  ['a hang before the first byte', { kind: 'hang' }],
] as const) {
  test(`${label} on the primary falls back to the next group and the client never sees it`, async () => {
    failing.script(() => reply);
    const before = failing.requests.length;
    const message = await ask('flaky');
    assert.equal((message.content[0] as { text: string }).text, 'Hello from the Anthropic mock');
    assert.ok(failing.requests.length > before, 'the failing upstream was tried first');
    const record = records().find((entry) => entry.modelRequested === 'flaky' && entry.deploymentId === 'backup');
    assert.ok(record, 'the request is recorded against the deployment that served it');
    assert.ok(record.attempts >= 2);
    failing.script(undefined);
  });
}

test('a refused connection with nothing to fall back to is a 502 that says what happened', async () => {
  await assert.rejects(ask('refused'), (error: unknown) => {
    assert.ok(error instanceof Anthropic.APIError);
    assert.equal((error as InstanceType<typeof Anthropic.APIError>).status, 502);
    assert.match((error as Error).message, /refused the connection/);
    return true;
  });
});

test('a stream dropped after the first byte ends with an error event, not a retry', async () => {
  failing.script(() => ({ kind: 'sse', frames: anthropicTextStream('partial answer that will be cut'), dropAfter: 4, delayMs: 30 }));
  const before = failing.requests.length;
  const stream = client.messages.stream({ model: 'flaky', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
  await assert.rejects(stream.finalMessage());
  assert.equal(failing.requests.length, before + 1, 'no retry after bytes reached the client');
  failing.script(undefined);
});

test('malformed SSE from the upstream becomes a protocol error, and the gateway keeps serving', async () => {
  failing.script(() => ({ kind: 'sse', frames: ['event: message_start\ndata: {not json\n\n'] }));
  const response = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'flaky', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const text = await response.text();
  assert.ok(response.status === 200 || response.status >= 500);
  assert.doesNotMatch(text, /Hello from the Anthropic mock/);
  failing.script(undefined);
  const message = await ask('pool');
  assert.equal(message.type, 'message');
});

test('200 concurrent streams over 3 deployments with one failing: nothing lost, counts add up', async () => {
  failing.script(() => ({ kind: 'json', status: 503, body: { type: 'error', error: { type: 'overloaded_error', message: 'down' } } }));
  const before = records().length;
  const results = await Promise.allSettled(Array.from({ length: 200 }, async () => {
    const stream = client.messages.stream({ model: 'pool', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    return (await stream.finalMessage()).content;
  }));
  const failures = results.filter((result) => result.status === 'rejected');
  assert.equal(failures.length, 0, `every request succeeded through a healthy deployment (${failures.length} failed)`);
  const added = records().slice(0, records().length - before);
  assert.equal(added.length, 200, 'exactly one record per request');
  assert.ok(added.every((record) => record.status === 200 && record.deploymentId !== 'failing'));
  assert.ok(added.every((record) => record.outputTokens === 5 && record.inputTokens === 12));
  failing.script(undefined);
});
