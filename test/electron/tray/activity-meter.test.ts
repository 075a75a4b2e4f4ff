import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityMeter, RATE_WINDOW_MS } from '../../../electron/tray/activity-meter.ts';
import type { AdminEvent, RequestEndEvent } from '../../../gateway/admin/contract.ts';

const start = (id: string, at: number): AdminEvent => ({ type: 'request.start', id, model: 'qwen', group: 'qwen', route: 'local', deployment: 'ollama-qwen', protocol: 'anthropic', stream: true, at });
const progress = (id: string, outputTokens: number, at: number): AdminEvent => ({ type: 'request.progress', id, outputTokens, at });
const end = (id: string, outputTokens: number, at: number): RequestEndEvent => ({
  type: 'request.end', id, model: 'qwen', group: 'qwen', route: 'local', deployment: 'ollama-qwen', protocol: 'anthropic', stream: true, status: 200, errorType: null,
  inputTokens: 10, outputTokens, cacheRead: 0, cacheWrite: 0, costUsd: 0, latencyMs: 1000, ttftMs: 100, startedAt: at - 1000, at,
});

test('counts output tokens from running totals over the window, and falls to zero after it', () => {
  const meter = new ActivityMeter();
  assert.equal(meter.observe(start('a', 0)), true);
  assert.equal(meter.observe(progress('a', 100, 1000)), true);
  assert.equal(meter.observe(progress('a', 100, 1250)), false, 'no new tokens, nothing changed');
  assert.equal(meter.observe(start('a', 1300)), true, 'a retry announces the request again');
  assert.equal(meter.observe(end('a', 250, 2000)), true);
  assert.deepEqual(meter.read(2000), { tokensPerSecond: 250 / (RATE_WINDOW_MS / 1000), inFlight: 0 });
  assert.deepEqual(meter.read(1000 + RATE_WINDOW_MS), { tokensPerSecond: 150 / (RATE_WINDOW_MS / 1000), inFlight: 0 }, 'the first 100 tokens left the window');
  assert.deepEqual(meter.read(2000 + RATE_WINDOW_MS), { tokensPerSecond: 0, inFlight: 0 });
});

test('in flight counts started requests until they end; other events are ignored', () => {
  const meter = new ActivityMeter();
  meter.observe(start('a', 0));
  meter.observe(start('b', 0));
  assert.equal(meter.read(10).inFlight, 2);
  meter.observe(end('b', 0, 20));
  assert.equal(meter.observe({ type: 'route.changed', name: 'local', enabled: false, at: 30 }), false);
  assert.deepEqual(meter.read(40), { tokensPerSecond: 0, inFlight: 1 });
});
