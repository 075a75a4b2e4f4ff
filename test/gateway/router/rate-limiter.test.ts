import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDeploymentTable } from '../../../gateway/router/deployment-table.ts';
import { RateLimiter } from '../../../gateway/router/rate-limiter.ts';
import { configFrom, FakeClock } from './router-fixtures.ts';

const [limited] = buildDeploymentTable(configFrom({
  model_list: [{ model_name: 'g', litellm_params: { model: 'openai/gpt-4.1', rpm: 2, tpm: 1000, max_parallel_requests: 1 } }],
})).deployments;

test('max_parallel_requests holds until release; rpm and tpm count per clock minute', () => {
  const clock = new FakeClock(Date.UTC(2026, 0, 15, 12, 0, 10));
  const limiter = new RateLimiter(clock.read);
  const deployment = limited!;
  assert.equal(limiter.check(deployment), 'ok');
  limiter.acquire(deployment.id);
  assert.equal(limiter.check(deployment), 'parallel');
  limiter.release(deployment.id, 400);
  assert.equal(limiter.check(deployment), 'ok');
  limiter.acquire(deployment.id);
  limiter.release(deployment.id, 700);
  assert.equal(limiter.check(deployment), 'rpm');
  assert.deepEqual({ ...limiter.load(deployment.id) }, { inFlight: 0, minute: Math.floor(clock.now / 60_000), requestsThisMinute: 2, tokensThisMinute: 1100 });
  assert.equal(limiter.msUntilWindowReset(), 50_000);
  clock.advance(50_000);
  assert.equal(limiter.check(deployment), 'ok');
  limiter.acquire(deployment.id);
  limiter.release(deployment.id, 1000);
  assert.equal(limiter.check(deployment), 'tpm');
});

test('release never drives in-flight below zero', () => {
  const limiter = new RateLimiter(() => 0);
  limiter.release('unknown', 0);
  assert.equal(limiter.load('unknown').inFlight, 0);
});
