import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { DEFAULT_RETRY_OPTIONS, RetryPolicy } from '../../../gateway/router/retry-policy.ts';

const serverError = new GatewayError('provider_server_error', 502, 'boom', { upstreamStatus: 500 });

test('full jitter: the delay is random × min(cap, base × 2^n)', () => {
  const policy = new RetryPolicy({ ...DEFAULT_RETRY_OPTIONS, numRetries: 3, perErrorRetries: undefined }, () => 0.5);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((index) => policy.delayMs(index, serverError)), [250, 500, 1000, 2000, 4000, 4000]);
  const edges = new RetryPolicy({ ...DEFAULT_RETRY_OPTIONS, numRetries: 3, perErrorRetries: undefined }, () => 0);
  assert.equal(edges.delayMs(3, serverError), 0);
});

test('retry-after is honoured when longer than the backoff, and abandoned beyond the cap', () => {
  const policy = new RetryPolicy({ ...DEFAULT_RETRY_OPTIONS, numRetries: 2, perErrorRetries: undefined }, () => 0.1);
  assert.equal(policy.delayMs(0, new GatewayError('provider_rate_limited', 429, 'slow', { retryAfterSeconds: 3 })), 3000);
  assert.equal(policy.delayMs(0, new GatewayError('provider_rate_limited', 429, 'slow', { retryAfterSeconds: 0 })), 50);
  assert.equal(policy.delayMs(0, new GatewayError('provider_rate_limited', 429, 'slow', { retryAfterSeconds: 3600 })), undefined);
});

test('retry_policy counts per LiteLLM error class, with DefaultRetries and num_retries behind them', () => {
  const policy = new RetryPolicy({ ...DEFAULT_RETRY_OPTIONS, numRetries: 1, perErrorRetries: { RateLimitErrorRetries: 4, DefaultRetries: 2 } }, Math.random);
  assert.equal(policy.retriesFor(new GatewayError('provider_rate_limited', 429, 'x')), 4);
  assert.equal(policy.retriesFor(serverError), 2);
  assert.equal(new RetryPolicy({ ...DEFAULT_RETRY_OPTIONS, numRetries: 1, perErrorRetries: undefined }, Math.random).retriesFor(serverError), 1);
});
