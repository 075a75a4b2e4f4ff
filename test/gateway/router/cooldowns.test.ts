import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { Cooldowns } from '../../../gateway/router/cooldowns.ts';
import { classifyFailure } from '../../../gateway/router/failure-class.ts';
import { FakeClock } from './router-fixtures.ts';

const serverError = new GatewayError('provider_server_error', 502, 'upstream 500', { upstreamStatus: 500 });
const rateLimited = new GatewayError('provider_rate_limited', 429, 'slow down', { upstreamStatus: 429, retryAfterSeconds: 2 });
const badKey = new GatewayError('provider_unauthenticated', 502, 'bad key', { upstreamStatus: 401 });
const badRequest = new GatewayError('provider_rejected', 400, 'messages: field required', { upstreamStatus: 400 });

function setup(settings: { allowedFails?: number; cooldownSeconds?: number; disabled?: boolean } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 0, 15, 12, 0, 0));
  const cooldowns = new Cooldowns({ allowedFails: settings.allowedFails, cooldownSeconds: settings.cooldownSeconds ?? 5, disabled: settings.disabled ?? false }, clock.read);
  const fail = (error: GatewayError, groupSize = 3, cooldownSeconds?: number) => cooldowns.recordFailure({ deploymentId: 'd', cooldownSeconds, groupSize }, classifyFailure(error), error);
  return { clock, cooldowns, fail };
}

test('without allowed_fails: the first failure of a minute never trips the >50% rule; the second does', () => {
  const { clock, cooldowns, fail } = setup();
  assert.equal(fail(serverError), undefined);
  assert.equal(cooldowns.isCoolingDown('d'), false);
  clock.advance(1000);
  assert.equal(fail(serverError), clock.now + 5000);
  assert.equal(cooldowns.isCoolingDown('d'), true);
  clock.advance(4999);
  assert.equal(cooldowns.isCoolingDown('d'), true);
  clock.advance(1);
  assert.equal(cooldowns.isCoolingDown('d'), false);
  assert.equal(cooldowns.coolingUntil('d'), 0);
});

test('successes keep the failure rate at or below 50%; counts reset each minute', () => {
  const { clock, cooldowns, fail } = setup();
  cooldowns.recordSuccess('d');
  cooldowns.recordSuccess('d');
  assert.equal(fail(serverError), undefined);
  assert.equal(fail(serverError), undefined, '2 of 4 is not more than half');
  assert.ok(fail(serverError) !== undefined, '3 of 5 is');
  clock.advance(60_000);
  assert.deepEqual([cooldowns.state('d').failuresThisMinute, cooldowns.state('d').successesThisMinute], [0, 0]);
});

test('a 429 cools down at once in a multi-deployment group but not in a single-deployment group', () => {
  assert.ok(setup().fail(rateLimited) !== undefined);
  const single = setup();
  assert.equal(single.fail(rateLimited, 1), undefined);
  assert.equal(single.fail(rateLimited, 1), undefined);
});

test('401/404 cool down immediately, even a single deployment; caller errors never count', () => {
  const { cooldowns, fail } = setup();
  assert.equal(fail(badRequest), undefined);
  assert.equal(fail(badRequest), undefined);
  assert.equal(cooldowns.state('d').failuresThisMinute, 0);
  assert.ok(setup().fail(badKey, 1) !== undefined);
});

test('with allowed_fails: more than that many failures in the minute cool down, for the deployment cooldown_time', () => {
  const { clock, fail } = setup({ allowedFails: 2 });
  assert.equal(fail(serverError, 1), undefined);
  assert.equal(fail(serverError, 1), undefined);
  assert.equal(fail(serverError, 1, 30), clock.now + 30_000);
});

test('disable_cooldowns turns all of it off', () => {
  const { cooldowns, fail } = setup({ disabled: true });
  fail(badKey);
  fail(serverError);
  assert.equal(cooldowns.isCoolingDown('d'), false);
});
