import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError, type ErrorType } from '../../../gateway/errors/index.ts';
import { classifyFailure } from '../../../gateway/router/failure-class.ts';

const classify = (type: ErrorType, status: number, message = 'x', upstreamStatus?: number) =>
  classifyFailure(new GatewayError(type, status, message, upstreamStatus === undefined ? {} : { upstreamStatus }));

test('upstream trouble is retryable and counts toward cooldown', () => {
  for (const type of ['provider_rate_limited', 'provider_overloaded', 'provider_server_error', 'provider_timeout', 'provider_unreachable', 'provider_bad_response'] as const) {
    assert.deepEqual(classify(type, 502), { retryable: true, countsTowardCooldown: true, immediateCooldown: false, fallback: 'general' }, type);
  }
  assert.equal(classify('provider_rejected', 502, 'timeout', 408).retryable, true);
});

test('a misconfigured deployment cools down at once and falls back without retrying', () => {
  assert.deepEqual(classify('provider_unauthenticated', 502, 'bad key', 401), { retryable: false, countsTowardCooldown: true, immediateCooldown: true, fallback: 'general' });
  assert.equal(classify('provider_rejected', 502, 'model not found', 404).immediateCooldown, true);
});

test('client errors stop, except context-window and content-policy rejections, which pick their own fallbacks', () => {
  assert.deepEqual(classify('provider_rejected', 400, 'max_tokens: must be positive', 400), { retryable: false, countsTowardCooldown: false, immediateCooldown: false, fallback: 'none' });
  assert.equal(classify('provider_rejected', 400, 'prompt is too long: 210000 tokens > 200000 maximum', 400).fallback, 'context_window');
  assert.equal(classify('provider_rejected', 400, "This model's maximum context length is 128000 tokens", 400).fallback, 'context_window');
  assert.equal(classify('provider_rejected', 400, 'Output blocked by content filtering policy', 400).fallback, 'content_policy');
  assert.equal(classify('caller_payload_too_large', 413).fallback, 'context_window');
  assert.equal(classify('caller_invalid_request', 400).fallback, 'none');
  assert.equal(classify('caller_timeout', 499).countsTowardCooldown, false);
});
