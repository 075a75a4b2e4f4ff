import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AdminEvent, RequestEndEvent } from '../../../../gateway/admin/contract.ts';
import { LIVE_WINDOW_SECONDS, liveSeries, overviewOnEvents, runningMs, tokensPerSecond, type OverviewSlice } from '../../../../renderer/features/overview/overview-slice.ts';

const T0 = 1_700_000_000_000;
const empty = (): OverviewSlice => ({ status: null, inFlight: {}, buckets: [], sinceStatus: { requests: 0, errors: 0 }, loadStatus: async () => undefined });
const start = (id: string, at: number, deployment = 'local-qwen'): AdminEvent => ({ type: 'request.start', id, model: 'claude-3-5-haiku', group: 'haiku', route: 'local', deployment, protocol: 'anthropic', stream: true, at });
const end = (id: string, at: number, outputTokens: number, status = 200): RequestEndEvent => ({
  type: 'request.end', id, model: 'claude-3-5-haiku', group: 'haiku', route: 'local', deployment: 'local-qwen', protocol: 'anthropic', stream: true, status,
  errorType: status >= 400 ? 'provider_server_error' : null, inputTokens: 10, outputTokens, cacheRead: 0, cacheWrite: 0, costUsd: 0, latencyMs: 900, ttftMs: 100, startedAt: T0, at,
});

function apply(state: OverviewSlice, events: AdminEvent[], now: number): OverviewSlice {
  return { ...state, ...overviewOnEvents(state, events, now) };
}

test('progress deltas land in the second they happened, per deployment; end adds the rest', () => {
  let state = apply(empty(), [start('a', T0), { type: 'request.first_token', id: 'a', at: T0 + 200 }], T0 + 200);
  assert.equal(state.inFlight.a?.firstTokenAt, T0 + 200);
  state = apply(state, [{ type: 'request.progress', id: 'a', outputTokens: 40, at: T0 + 500 }, { type: 'request.progress', id: 'a', outputTokens: 100, at: T0 + 1500 }], T0 + 1500);
  state = apply(state, [end('a', T0 + 2100, 130)], T0 + 2100);
  assert.deepEqual(state.buckets.map((bucket) => [bucket.second - T0 / 1000, bucket.tokens['local-qwen'] ?? 0, bucket.requests]), [[0, 40, 0], [1, 60, 0], [2, 30, 1]]);
  assert.deepEqual(state.inFlight, {});
  assert.deepEqual(state.sinceStatus, { requests: 1, errors: 0 });
});

test('errors are counted; an end for a request we never saw adds no phantom tokens', () => {
  const state = apply(empty(), [end('unknown', T0, 5000, 502)], T0);
  assert.deepEqual(state.sinceStatus, { requests: 1, errors: 1 });
  assert.deepEqual(state.buckets[0]?.tokens, {});
  assert.equal(state.buckets[0]?.errors, 1);
});

test('stream.ready replaces the in-flight set (after a reconnect)', () => {
  let state = apply(empty(), [start('stale', T0)], T0);
  state = apply(state, [{ type: 'stream.ready', inFlight: [start('x', T0 + 10) as Extract<AdminEvent, { type: 'request.start' }>], at: T0 + 20 }], T0 + 20);
  assert.deepEqual(Object.keys(state.inFlight), ['x']);
});

test('old seconds fall out of the window; untouched buckets keep their identity', () => {
  let state = apply(empty(), [start('a', T0), { type: 'request.progress', id: 'a', outputTokens: 10, at: T0 }], T0);
  const first = state.buckets[0];
  state = apply(state, [{ type: 'request.progress', id: 'a', outputTokens: 20, at: T0 + 5000 }], T0 + 5000);
  assert.equal(state.buckets[0], first);
  state = apply(state, [{ type: 'request.progress', id: 'a', outputTokens: 30, at: T0 + (LIVE_WINDOW_SECONDS + 1) * 1000 }], T0 + (LIVE_WINDOW_SECONDS + 1) * 1000);
  assert.equal(state.buckets.some((bucket) => bucket.second === T0 / 1000), false);
});

test('events that change nothing here return null, so the store does not re-render', () => {
  assert.equal(overviewOnEvents(empty(), [{ type: 'route.changed', name: 'local', enabled: false, at: T0 }], T0), null);
});

test('tokens/s averages whole past seconds; the series is dense and ranks models', () => {
  let state = empty();
  const events: AdminEvent[] = [start('a', T0, 'fast'), start('b', T0, 'slow')];
  for (let second = 0; second < 10; second += 1) {
    events.push({ type: 'request.progress', id: 'a', outputTokens: (second + 1) * 100, at: T0 + second * 1000 });
    events.push({ type: 'request.progress', id: 'b', outputTokens: (second + 1) * 10, at: T0 + second * 1000 });
  }
  state = apply(state, events, T0 + 10_000);
  const rates = tokensPerSecond(state.buckets, T0 + 10_000);
  assert.equal(rates.fast, 100);
  assert.equal(rates.slow, 10);
  const series = liveSeries(state.buckets, T0 + 10_000, 1);
  assert.equal(series.seconds.length, LIVE_WINDOW_SECONDS);
  assert.deepEqual(series.tokens.map((entry) => entry.model), ['fast', 'other']);
  assert.equal(series.tokens[0]?.values.at(-1), 100);
  assert.equal(series.tokens[1]?.values.at(-1), 10);
});

test('a request seen after the page clock last ticked has run 0 ms, or its time to first token, never a negative time', () => {
  let state = apply(empty(), [start('a', T0 + 700)], T0 + 700);
  assert.equal(runningMs(state.inFlight.a!, T0), 0);
  assert.equal(runningMs(state.inFlight.a!, T0 + 1700), 1000);
  state = apply(state, [{ type: 'request.first_token', id: 'a', at: T0 + 734 }], T0 + 734);
  assert.equal(runningMs(state.inFlight.a!, T0), 34);
});
