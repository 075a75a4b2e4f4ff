import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayMetrics } from '../../../gateway/metrics/gateway-metrics.ts';
import type { RequestOutcome } from '../../../gateway/metrics/request-series.ts';

const outcome = (overrides: Partial<RequestOutcome>): RequestOutcome => ({
  route: 'local', group: 'qwen', deployment: 'q1', status: 200, errorType: '',
  latencySeconds: 1, ttftSeconds: undefined, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd: 0,
  ...overrides,
});

const lines = async (metrics: GatewayMetrics, prefix: string) => (await metrics.scrape()).body.split('\n').filter((line) => line.startsWith(prefix));

test('latency buckets are cumulative, with +Inf, _sum and _count, as prom-client lays them out', async () => {
  const metrics = new GatewayMetrics();
  for (const latencySeconds of [0.05, 0.3, 0.1, 700]) metrics.recordRequest(outcome({ latencySeconds }));
  const buckets = await lines(metrics, 'gatehouse_request_duration_seconds');
  const labels = 'route="local",group="qwen",deployment="q1"';
  for (const expected of [
    `gatehouse_request_duration_seconds_bucket{le="0.1",${labels}} 2`,
    `gatehouse_request_duration_seconds_bucket{le="0.25",${labels}} 2`,
    `gatehouse_request_duration_seconds_bucket{le="0.5",${labels}} 3`,
    `gatehouse_request_duration_seconds_bucket{le="600",${labels}} 3`,
    `gatehouse_request_duration_seconds_bucket{le="+Inf",${labels}} 4`,
    `gatehouse_request_duration_seconds_sum{${labels}} 700.45`,
    `gatehouse_request_duration_seconds_count{${labels}} 4`,
  ]) assert.ok(buckets.includes(expected), `missing ${expected} in\n${buckets.join('\n')}`);
  assert.equal(buckets.filter((line) => line.includes('_bucket')).length, 14);
});

test('outcomes, token kinds and spend add up per route × group × deployment; zero series are left out', async () => {
  const metrics = new GatewayMetrics();
  metrics.recordRequest(outcome({ inputTokens: 10, outputTokens: 5, costUsd: 0.5 }));
  metrics.recordRequest(outcome({ inputTokens: 7, outputTokens: 1, costUsd: 0.25 }));
  metrics.recordRequest(outcome({ status: 429, errorType: 'policy_rate_limited' }));
  metrics.recordRequest(outcome({ deployment: 'q2' }));
  const labels = 'route="local",group="qwen",deployment="q1"';
  assert.deepEqual(await lines(metrics, 'gatehouse_requests_total{'), [
    `gatehouse_requests_total{${labels},status="200",error_type=""} 2`,
    `gatehouse_requests_total{${labels},status="429",error_type="policy_rate_limited"} 1`,
    'gatehouse_requests_total{route="local",group="qwen",deployment="q2",status="200",error_type=""} 1',
  ]);
  assert.deepEqual(await lines(metrics, 'gatehouse_tokens_total{'), [
    `gatehouse_tokens_total{${labels},kind="input"} 17`,
    `gatehouse_tokens_total{${labels},kind="output"} 6`,
  ]);
  assert.deepEqual(await lines(metrics, 'gatehouse_spend_usd_total{'), [`gatehouse_spend_usd_total{${labels}} 0.75`]);
  assert.deepEqual(await lines(metrics, 'gatehouse_time_to_first_token_seconds'), []);
});

test('resetting the registry clears the per-request series', async () => {
  const metrics = new GatewayMetrics();
  metrics.recordRequest(outcome({}));
  const registry = await metrics.registry();
  registry.resetMetrics();
  assert.deepEqual(await lines(metrics, 'gatehouse_requests_total{'), []);
  assert.equal((await registry.getMetricsAsJSON()).find((metric) => metric.name === 'gatehouse_requests_total')?.values.length, 0);
});
