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

test('a max_tokens above the model output limit is not a context-window error; the phrases LiteLLM reads as one are', () => {
  const rejected = (message: string) => classify('provider_rejected', 400, message, 400).fallback;
  // Anthropic and Groq: a model with a larger context window refuses these just the same.
  assert.equal(rejected('max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens for claude-opus-4-1-20250805'), 'none');
  assert.equal(rejected('`max_tokens` must be less than or equal to `8192`, the maximum value for `max_tokens` is less than the `context_window` for this model'), 'none');
  assert.equal(rejected('Invalid max_tokens value, the valid range of max_tokens is [1, 8192]'), 'none');
  assert.equal(rejected("Invalid 'user': string too long. Expected a string with maximum length 64, but got a string with length 80 instead."), 'none');
  for (const message of [
    'input length and `max_tokens` exceed context limit: 197626 + 21333 > 200000, decrease input length or `max_tokens` and try again',
    "This endpoint's maximum context length is 200000 tokens. However, you requested about 250000 tokens",
    'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
    'Please reduce the length of the messages or completion. Current length is 140000 while limit is 131072',
    'the request exceeds the available context size, try increasing it',
  ]) assert.equal(rejected(message), 'context_window', message);
});
