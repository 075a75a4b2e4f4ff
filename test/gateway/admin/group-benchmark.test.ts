/**
 * POST /admin/local/bench with `group`: a configured model group measured through the gateway's
 * own /v1/messages (a real test gateway over the mock upstream), with `bench.progress` events,
 * the deployment that answered, the requests in the log, validation errors and cancel.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { benchResultSchema, logsResponseSchema } from '../../../gateway/admin/contract.ts';
import { openAdminEventStream, type AdminEventStream } from '../../helpers/admin-event-stream.ts';
import { anthropicTextStream, openaiTextStream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { startAdminFixture, type AdminFixture } from './admin-fixture.ts';

let fixture: AdminFixture;
let events: AdminEventStream;

before(async () => {
  fixture = await startAdminFixture();
  events = await openAdminEventStream(fixture.url, fixture.token);
});

after(async () => {
  events.close();
  await fixture.stop();
});

const benchResults = async () => ((await fixture.admin('/admin/local/bench')).body as { results: unknown[] }).results.map((result) => benchResultSchema.parse(result));

/** Starts a group benchmark on another test gateway than the fixture's, through its admin API. */
function benchGroupOn(gateway: { url: string; adminToken: string }, group: string): Promise<Response> {
  return fetch(`${gateway.url}/admin/local/bench`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ group, runs: 1 }),
  });
}

async function waitFor<Value>(read: () => Promise<Value | undefined>, what: string): Promise<Value> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('group benchmark through the gateway', () => {
  test('an OpenAI group is measured as Claude Code sees it: Anthropic in, translated upstream, the deployment named, every request logged', async () => {
    fixture.upstream.script((request) => (request.path === '/v1/chat/completions' ? { kind: 'sse', frames: openaiTextStream('A reply streamed in several small pieces'), delayMs: 2 } : undefined));
    const sentBefore = fixture.upstream.requests.length;
    const { status, body } = await fixture.admin('/admin/local/bench', { method: 'POST', json: { group: 'gpt-mock', runs: 2 } });
    assert.equal(status, 202);
    const { id } = body as { id: string };
    const done = await events.next('bench.progress', (event) => event.id === id && event.phase === 'done');
    const phases = events.events.flatMap((event) => (event.type === 'bench.progress' && event.id === id ? [event.phase] : []));
    assert.deepEqual(phases, ['warmup', 'generate', 'generate', 'done']);
    assert.ok(events.events.every((event) => event.type !== 'bench.progress' || event.id !== id || event.kind === 'gateway'), 'every progress event says it is through the gateway');
    assert.equal(done.model, 'gpt-mock');
    const result = done.result!;
    assert.equal(result.status, 'done', result.error ?? '');
    assert.equal(result.kind, 'gateway');
    assert.deepEqual(result.deployments, ['openai-mock']);
    assert.ok(result.generationTokensPerSecond !== null && result.generationTokensPerSecond > 0);
    assert.ok(result.ttftMs !== null && result.ttftMs > 0);
    assert.deepEqual({ numCtx: result.numCtx, loadMs: result.loadMs, depth: result.depth, toolCall: result.toolCall }, { numCtx: null, loadMs: null, depth: null, toolCall: null });

    const sent = fixture.upstream.requests.slice(sentBefore);
    assert.equal(sent.length, 3, 'the warm-up and two runs');
    for (const request of sent) {
      assert.equal(request.path, '/v1/chat/completions', 'translated from the Anthropic request the benchmark sent');
      assert.equal(request.body.model, 'gpt-upstream');
    }
    assert.deepEqual((await benchResults()).find((stored) => stored.id === id), result);

    const logged = await waitFor(async () => {
      const { items } = logsResponseSchema.parse((await fixture.admin('/admin/logs?limit=20')).body);
      const ours = items.filter((item) => item.group === 'gpt-mock' && item.deployment === 'openai-mock');
      return ours.length >= 3 ? ours : undefined;
    }, 'the three benchmark requests in the log');
    assert.equal(logged.length, 3);
    fixture.upstream.script(undefined);
    await fixture.admin(`/admin/local/bench/${id}`, { method: 'DELETE' });
  });

  test('validation: neither or both of model and group is a 400; an unknown group is a 404 that names the configured ones', async () => {
    for (const json of [{ runs: 2 }, { model: 'qwen3:8b', group: 'gpt-mock' }, { group: '' }]) {
      const { status, body } = await fixture.admin('/admin/local/bench', { method: 'POST', json });
      assert.equal(status, 400, JSON.stringify(json));
      assert.equal((body as { error: { type: string } }).error.type, 'caller_invalid_request');
    }
    const both = await fixture.admin('/admin/local/bench', { method: 'POST', json: { model: 'qwen3:8b', group: 'gpt-mock' } });
    assert.match((both.body as { error: { message: string } }).error.message, /exactly one of "model".*or "group"/);

    const unknown = await fixture.admin('/admin/local/bench', { method: 'POST', json: { group: 'no-such-group' } });
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { error: { type: 'caller_not_found', message: 'No model group "no-such-group" to benchmark; configured groups: claude-mock, gpt-mock.' } });
  });

  test('cancel by delete: the running benchmark stops, its upstream request is dropped, and the partial result is stored as cancelled', async () => {
    fixture.upstream.script((request) => (request.body.max_tokens === 8 ? undefined : { kind: 'sse', frames: anthropicTextStream('never finishes'), stallAfter: 2 }));
    const { body } = await fixture.admin('/admin/local/bench', { method: 'POST', json: { group: 'claude-mock', runs: 3 } });
    const { id } = body as { id: string };
    await events.next('bench.progress', (event) => event.id === id && event.phase === 'generate');
    assert.equal((await benchResults()).find((result) => result.id === id)?.status, 'running');
    await waitFor(async () => (fixture.upstream.openRequests() > 0 ? true : undefined), 'the stalled upstream request');

    assert.equal((await fixture.admin(`/admin/local/bench/${id}`, { method: 'DELETE' })).status, 204);
    const cancelled = await events.next('bench.progress', (event) => event.id === id && event.phase === 'cancelled');
    assert.equal(cancelled.result?.status, 'cancelled');
    await waitFor(async () => (fixture.upstream.openRequests() === 0 ? true : undefined), 'the gateway to drop its upstream request');
    const stored = await waitFor(async () => (await benchResults()).find((result) => result.id === id && result.status !== 'running'), 'the stored result');
    assert.equal(stored.status, 'cancelled');
    fixture.upstream.script(undefined);
    assert.equal((await fixture.admin(`/admin/local/bench/${id}`, { method: 'DELETE' })).status, 204, 'a stored result deletes');
  });
});

test('the group is pinned: a Claude Code rule that would send its name elsewhere does not apply to the benchmark', async () => {
  const pinned = await startTestGateway(`
model_list:
  - model_name: claude-haiku-local
    litellm_params: { model: anthropic/claude-upstream, api_base: ${fixture.upstream.url}, api_key: sk-ant-planted-secret-0123456789 }
    model_info: { id: haiku-deployment }
  - model_name: gpt-mock
    litellm_params: { model: openai/gpt-upstream, api_base: ${fixture.upstream.url}/v1, api_key: sk-openai-planted-secret-0123456789 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
gatehouse:
  claude_code: { background: gpt-mock }
`);
  const pinnedEvents = await openAdminEventStream(pinned.gateway.url, pinned.gateway.adminToken);
  try {
    const sentBefore = fixture.upstream.requests.length;
    const response = await benchGroupOn(pinned.gateway, 'claude-haiku-local');
    const { id } = (await response.json()) as { id: string };
    const done = await pinnedEvents.next('bench.progress', (event) => event.id === id && event.phase === 'done');
    assert.equal(done.result?.status, 'done', done.result?.error ?? '');
    assert.deepEqual(done.result?.deployments, ['haiku-deployment'], 'not gpt-mock, where the background rule sends haiku-class names');
    assert.deepEqual(fixture.upstream.requests.slice(sentBefore).map((request) => request.path), ['/v1/messages', '/v1/messages']);
  } finally {
    pinnedEvents.close();
    await pinned.stop();
  }
});

test('a gateway without a key benchmarks a group through itself too: its proxy takes any request', async () => {
  const keyless = await startTestGateway(`
model_list:
  - model_name: claude-mock
    litellm_params: { model: anthropic/claude-upstream, api_base: ${fixture.upstream.url}, api_key: sk-ant-planted-secret-0123456789 }
`);
  const keylessEvents = await openAdminEventStream(keyless.gateway.url, keyless.gateway.adminToken);
  try {
    const response = await benchGroupOn(keyless.gateway, 'claude-mock');
    assert.equal(response.status, 202, await response.clone().text());
    const { id } = (await response.json()) as { id: string };
    const done = await keylessEvents.next('bench.progress', (event) => event.id === id && event.phase === 'done');
    assert.equal(done.result?.status, 'done', done.result?.error ?? '');
  } finally {
    keylessEvents.close();
    await keyless.stop();
  }
});

test('a group benchmark running at shutdown is cancelled first, so the server does not wait out its grace period for the gateway\'s own requests', async () => {
  const closing = await startTestGateway(`
model_list:
  - model_name: claude-mock
    litellm_params: { model: anthropic/claude-upstream, api_base: ${fixture.upstream.url}, api_key: sk-ant-planted-secret-0123456789 }
general_settings: { master_key: ${TEST_MASTER_KEY} }
`);
  fixture.upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('never finishes'), stallAfter: 2 }));
  try {
    const openBefore = fixture.upstream.openRequests();
    const response = await benchGroupOn(closing.gateway, 'claude-mock');
    assert.equal(response.status, 202);
    await waitFor(async () => (fixture.upstream.openRequests() > openBefore ? true : undefined), 'the stalled warm-up');
    const started = performance.now();
    await closing.gateway.close({ graceMs: 10_000 });
    assert.ok(performance.now() - started < 5_000, `closed in ${Math.round(performance.now() - started)} ms`);
  } finally {
    fixture.upstream.script(undefined);
    await closing.stop();
  }
});
