import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { GatewayMetrics } from '../../../gateway/metrics/gateway-metrics.ts';

function recordSample(metrics: GatewayMetrics): void {
  metrics.recordRequest({
    route: 'anthropic', group: 'sonnet', deployment: 'a1', status: 200, errorType: '',
    latencySeconds: 3.2, ttftSeconds: 0.8, inputTokens: 1200, outputTokens: 300, cacheReadTokens: 5000, cacheCreationTokens: 0, costUsd: 0.0126,
  });
  metrics.recordRequest({
    route: 'local', group: 'local', deployment: 'q1', status: 502, errorType: 'provider_unreachable',
    latencySeconds: 0.01, ttftSeconds: undefined, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd: 0,
  });
  metrics.recordRetry('sonnet', 'a1');
  metrics.recordFallback('sonnet', 'local', 'fallback');
  metrics.recordCacheLookup(false);
}

const sampler = () => [
  { route: 'anthropic', group: 'sonnet', deployment: 'a1', inFlight: 2, coolingDown: false },
  { route: 'local', group: 'local', deployment: 'q1', inFlight: 0, coolingDown: true },
];

test('the exposition carries requests, latency, TTFT, tokens, cost, retries, fallbacks, in-flight and cooldowns', async () => {
  const metrics = new GatewayMetrics({ sampleDeployments: sampler });
  recordSample(metrics);
  const { contentType, body: text } = await metrics.scrape();
  assert.match(contentType, /^text\/plain; version=0\.0\.4/);
  for (const line of [
    'gatehouse_requests_total{route="anthropic",group="sonnet",deployment="a1",status="200",error_type=""} 1',
    'gatehouse_requests_total{route="local",group="local",deployment="q1",status="502",error_type="provider_unreachable"} 1',
    'gatehouse_request_duration_seconds_bucket{le="4",route="anthropic",group="sonnet",deployment="a1"} 1',
    'gatehouse_time_to_first_token_seconds_count{route="anthropic",group="sonnet",deployment="a1"} 1',
    'gatehouse_tokens_total{route="anthropic",group="sonnet",deployment="a1",kind="cache_read"} 5000',
    'gatehouse_spend_usd_total{route="anthropic",group="sonnet",deployment="a1"} 0.0126',
    'gatehouse_retries_total{group="sonnet",deployment="a1"} 1',
    'gatehouse_fallbacks_total{from_group="sonnet",to_group="local",reason="fallback"} 1',
    'gatehouse_in_flight_requests{route="anthropic",group="sonnet",deployment="a1"} 2',
    'gatehouse_cooldowns_active 1',
    'gatehouse_cache_lookups_total{result="miss"} 1',
  ]) assert.ok(text.includes(line), `missing: ${line}`);
  assert.doesNotMatch(text, /time_to_first_token_seconds_count\{[^}]*deployment="q1"/);
});

test('each instance has its own registry', async () => {
  const first = new GatewayMetrics();
  const second = new GatewayMetrics();
  recordSample(first);
  assert.doesNotMatch((await second.scrape()).body, /gatehouse_requests_total\{/);
});

test('promtool check metrics accepts the exposition (skipped when promtool is not installed)', async (context) => {
  if (spawnSync('promtool', ['--version']).error !== undefined) {
    context.skip('promtool not installed (Debian/Ubuntu package: prometheus)');
    return;
  }
  const metrics = new GatewayMetrics({ sampleDeployments: sampler, includeProcessMetrics: true });
  recordSample(metrics);
  const result = spawnSync('promtool', ['check', 'metrics'], { input: (await metrics.scrape()).body, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  assert.equal(`${result.stdout}${result.stderr}`.trim(), '');
});

test('one scrape reads the deployments once for both gauges, and the next scrape reads them afresh', async () => {
  let reads = 0;
  let inFlight = 1;
  const metrics = new GatewayMetrics({ sampleDeployments: () => {
    reads += 1;
    return [{ route: 'local', group: 'local', deployment: 'q1', inFlight, coolingDown: true }];
  } });
  assert.match((await metrics.scrape()).body, /gatehouse_in_flight_requests\{[^}]*\} 1\n/);
  assert.equal(reads, 1);
  inFlight = 3;
  assert.match((await metrics.scrape()).body, /gatehouse_in_flight_requests\{[^}]*\} 3\n/);
  assert.equal(reads, 2);
});
