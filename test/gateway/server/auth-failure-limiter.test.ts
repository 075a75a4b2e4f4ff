import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthFailureLimiter, MAX_FAILURES_PER_WINDOW } from '../../../gateway/server/auth-failure-limiter.ts';

test('an address that keeps guessing stays blocked while a flood of other addresses comes and goes', () => {
  const limiter = new AuthFailureLimiter('gateway keys', () => 1_000);
  for (let attempt = 0; attempt < MAX_FAILURES_PER_WINDOW; attempt += 1) limiter.recordFailure('10.0.0.1');
  for (let other = 0; other < 3000; other += 1) {
    limiter.recordFailure(`192.168.${other >> 8}.${other & 255}`);
    // The guesser is told no every time it tries, and those tries keep its record.
    if (other % 100 === 0) assert.throws(() => limiter.assertAllowed('10.0.0.1'), { status: 429 });
  }
});

test('the number of addresses remembered is bounded: one that stops guessing is forgotten under a flood', () => {
  const limiter = new AuthFailureLimiter('gateway keys', () => 1_000);
  for (let attempt = 0; attempt < MAX_FAILURES_PER_WINDOW; attempt += 1) limiter.recordFailure('10.0.0.1');
  for (let other = 0; other < 3000; other += 1) limiter.recordFailure(`192.168.${other >> 8}.${other & 255}`);
  assert.doesNotThrow(() => limiter.assertAllowed('10.0.0.1'));
});
