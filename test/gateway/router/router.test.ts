import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestMicrosecondsPerOperation } from '../../helpers/best-time-per-operation.ts';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { createRouter, type PlannedAttempt, type PlanRequest, type Router } from '../../../gateway/router/router.ts';
import { configFrom, FakeClock, FixedSpend, MemoryRouteStore, messagesRequest, seededRandom } from './router-fixtures.ts';

const serverError = new GatewayError('provider_server_error', 502, 'upstream 500', { upstreamStatus: 500 });
const badKey = new GatewayError('provider_unauthenticated', 502, 'bad key', { upstreamStatus: 401 });

const BASE = {
  model_list: [
    { model_name: 'sonnet', litellm_params: { model: 'anthropic/claude-sonnet-4-5', order: 1 }, model_info: { id: 'a1' } },
    { model_name: 'sonnet', litellm_params: { model: 'openai/anthropic/claude-sonnet-4.5', api_base: 'https://openrouter.ai/api/v1', order: 2 }, model_info: { id: 'or1' } },
    { model_name: 'local', litellm_params: { model: 'ollama_chat/qwen3:8b' }, model_info: { id: 'q1' } },
    { model_name: 'big', litellm_params: { model: 'openai/gpt-4.1' }, model_info: { id: 'big1' } },
  ],
  router_settings: { num_retries: 2, fallbacks: [{ sonnet: ['local'] }], context_window_fallbacks: [{ sonnet: ['big'] }] },
  gatehouse: { routes: { local: { free: true } } },
};

function setup(raw: object = BASE, spend = new FixedSpend(), store = new MemoryRouteStore()) {
  const clock = new FakeClock();
  const router = createRouter(configFrom(raw), { clock: clock.read, random: seededRandom(1), routeStateStore: store, spend });
  return { clock, router, store };
}

const request = (model = 'sonnet', overrides: Partial<PlanRequest> = {}): PlanRequest => ({ model, canonical: () => messagesRequest({ model }), estimatedInputTokens: () => 1000, ...overrides });

function fail(router: Router, deploymentId: string, error: GatewayError): void {
  router.onStart(deploymentId);
  router.onFailure(deploymentId, error);
}

test('order first, a retry moves to an untried deployment at once, then backs off on the same one, then falls back', () => {
  const { router } = setup();
  const plan = router.plan(request());
  const first = plan.first();
  assert.deepEqual([first.deployment.id, first.reason, first.number, first.delayMs, first.timeoutMs, first.upstreamModel], ['a1', 'primary', 1, 0, 600_000, 'claude-sonnet-4-5']);
  fail(router, 'a1', serverError);
  const second = plan.next(serverError)!;
  assert.deepEqual([second.deployment.id, second.reason, second.delayMs], ['or1', 'retry', 0]);
  fail(router, 'or1', serverError);
  const third = plan.next(serverError)!;
  assert.equal(third.reason, 'retry');
  assert.ok(third.delayMs >= 0 && third.delayMs <= 1000);
  fail(router, third.deployment.id, serverError);
  const fourth = plan.next(serverError)!;
  assert.deepEqual([fourth.deployment.id, fourth.group, fourth.reason, fourth.number], ['q1', 'local', 'fallback', 4]);
  fail(router, 'q1', serverError);
  assert.equal(plan.next(serverError)?.reason, 'retry');
});

test('a caller error stops; a context-window rejection goes to context_window_fallbacks', () => {
  const { router } = setup();
  const plan = router.plan(request());
  plan.first();
  assert.equal(plan.next(new GatewayError('provider_rejected', 400, 'max_tokens: invalid', { upstreamStatus: 400 })), undefined);
  const again = router.plan(request());
  again.first();
  const next = again.next(new GatewayError('provider_rejected', 400, 'prompt is too long: 250000 tokens > 200000 maximum', { upstreamStatus: 400 }));
  assert.deepEqual([next?.deployment.id, next?.reason], ['big1', 'context_window_fallback']);
});

const contextTooLong = new GatewayError('provider_rejected', 400, 'prompt is too long: 250000 tokens > 200000 maximum', { upstreamStatus: 400 });

/** One deployment per group, no retries: each failure moves straight to the fallbacks. */
function groupsConfig(names: string[], routerSettings: object): object {
  return {
    model_list: names.map((name) => ({ model_name: name, litellm_params: { model: `openai/${name}`, api_base: 'https://example.test/v1' }, model_info: { id: name } })),
    router_settings: { num_retries: 0, ...routerSettings },
  };
}

/** The groups a plan goes through when every attempt fails with `errors` (the last one repeating). */
function groupsTried(router: Router, model: string, errors: GatewayError[]): string[] {
  const plan = router.plan(request(model));
  const groups: string[] = [];
  for (let attempt: PlannedAttempt | undefined = plan.first(), index = 0; attempt !== undefined; index += 1) {
    groups.push(`${attempt.group}:${attempt.reason}`);
    const error = errors[Math.min(index, errors.length - 1)]!;
    fail(router, attempt.deployment.id, error);
    attempt = plan.next(error);
  }
  return groups;
}

test('a fallback group that fails follows its own list for that failure, then the list that led to it (LiteLLM run_async_fallback)', () => {
  const { router } = setup(groupsConfig(['sonnet', 'mid', 'big', 'local'], {
    fallbacks: [{ sonnet: ['mid', 'local'] }],
    context_window_fallbacks: [{ mid: ['big'] }],
  }));
  assert.deepEqual(groupsTried(router, 'sonnet', [serverError, contextTooLong, serverError]), [
    'sonnet:primary', 'mid:fallback', 'big:context_window_fallback', 'local:fallback',
  ]);
});

test('fallbacks go depth first, cut cycles and stop at max_fallbacks', () => {
  const { router } = setup(groupsConfig(['a', 'b', 'c', 'd', 'e', 'f'], {
    fallbacks: [{ a: ['b', 'c'] }, { b: ['a', 'd'] }, { c: ['c', 'e'] }, { d: ['f'] }],
    max_fallbacks: 4,
  }));
  assert.deepEqual(groupsTried(router, 'a', [serverError]), ['a:primary', 'b:fallback', 'd:fallback', 'f:fallback', 'c:fallback']);
});

test('fallbacks listed under the name the client sent are found when a wildcard group serves it; group-keyed ones still are', () => {
  const config = (fallbacks: object[]) => ({
    model_list: [
      { model_name: 'claude-*', litellm_params: { model: 'anthropic/claude-*' }, model_info: { id: 'wild' } },
      { model_name: 'local', litellm_params: { model: 'ollama_chat/qwen3:8b' }, model_info: { id: 'q1' } },
      { model_name: 'big', litellm_params: { model: 'openai/gpt-4.1' }, model_info: { id: 'big1' } },
    ],
    router_settings: { num_retries: 0, fallbacks },
  });
  const byName = setup(config([{ 'claude-*': ['local'] }, { 'claude-opus-4': ['big'] }])).router;
  assert.deepEqual(groupsTried(byName, 'claude-opus-4', [serverError]), ['claude-*:primary', 'big:fallback']);
  const byGroup = setup(config([{ 'claude-*': ['local'] }, { 'claude-opus-4': ['big'] }])).router;
  assert.deepEqual(groupsTried(byGroup, 'claude-haiku-4', [serverError]), ['claude-*:primary', 'local:fallback']);
});

test('a bad key cools the deployment down: the plan moves on now, and later plans skip it until the cooldown ends', () => {
  const { router, clock } = setup();
  const plan = router.plan(request());
  assert.equal(plan.first().deployment.id, 'a1');
  fail(router, 'a1', badKey);
  assert.equal(router.isCoolingDown('a1'), true);
  assert.deepEqual([plan.next(badKey)?.deployment.id, plan.next(badKey)?.reason], ['or1', 'fallback']);
  assert.equal(router.plan(request()).first().deployment.id, 'or1');
  const snapshot = router.snapshot().deployments.find((deployment) => deployment.id === 'a1');
  assert.deepEqual([snapshot?.healthy, snapshot?.coolingUntil, snapshot?.failuresThisMinute, snapshot?.inFlight], [false, clock.now + 5000, 1, 0]);
  assert.match(snapshot?.lastError ?? '', /provider_unauthenticated/);
  assert.equal(router.snapshot().cooldownsActive, 1);
  clock.advance(5000);
  assert.equal(router.plan(request()).first().deployment.id, 'a1');
});

test('when every deployment is cooling down and there is no fallback: 503 with retry-after', () => {
  const { router, clock } = setup({ ...BASE, router_settings: {} });
  fail(router, 'a1', badKey);
  clock.advance(2000);
  fail(router, 'or1', badKey);
  assert.throws(() => router.plan(request()).first(), (error: unknown) => GatewayError.isInstance(error) && error.type === 'gateway_unavailable' && error.retryAfterSeconds === 3);
});

test('the 503 for a group that is all cooling down says when the first cooldown ends', () => {
  const { router, clock } = setup({ ...BASE, router_settings: {} });
  fail(router, 'a1', badKey);
  clock.advance(2000);
  fail(router, 'or1', badKey);
  assert.throws(() => router.plan(request()).first(), (error: unknown) => {
    assert.ok(GatewayError.isInstance(error));
    assert.match(error.message, new RegExp(`until ${new Date(clock.now + 3000).toISOString()} \\(in 3 s\\)`));
    return true;
  });
});

test('disabled routes are skipped at once, persisted, and named in a 503 when nothing is left', () => {
  const { router, store } = setup({ ...BASE, router_settings: {} });
  router.setRouteEnabled('anthropic', false);
  assert.deepEqual(store.saved, [['anthropic', false]]);
  assert.equal(router.plan(request()).first().deployment.id, 'or1');
  router.setRouteEnabled('openrouter', false);
  assert.throws(() => router.plan(request()).first(), (error: unknown) => {
    assert.ok(GatewayError.isInstance(error));
    assert.deepEqual([error.type, error.status], ['policy_route_disabled', 503]);
    assert.match(error.message, /"anthropic", "openrouter"/);
    return true;
  });
  const withFallback = setup();
  withFallback.router.setRouteEnabled('anthropic', false);
  withFallback.router.setRouteEnabled('openrouter', false);
  assert.equal(withFallback.router.plan(request()).first().deployment.id, 'q1');
});

test('over budget: fall back to a free route when one is marked free, else 429 naming the budget', () => {
  const overBudget = { ...BASE, router_settings: {}, litellm_settings: { max_budget: 10, budget_duration: 'day' } };
  const { router } = setup(overBudget, new FixedSpend({ global: 10 }));
  const attempt = router.plan(request()).first();
  assert.deepEqual([attempt.deployment.id, attempt.reason, attempt.group], ['q1', 'budget_free_fallback', 'local']);
  const noFreeRoute = setup({ ...overBudget, gatehouse: {} }, new FixedSpend({ global: 10 }));
  assert.throws(() => noFreeRoute.router.plan(request()).first(), (error: unknown) => GatewayError.isInstance(error) && error.type === 'policy_budget_exceeded' && /global budget/.test(error.message));
});

test('live costs count toward budgets', () => {
  const { router } = setup({ ...BASE, router_settings: {}, gatehouse: {}, litellm_settings: { max_budget: 1 } });
  const attempt = router.plan(request()).first();
  router.onStart(attempt.deployment.id);
  router.onSuccess(attempt.deployment.id, { latencyMs: 900, ttftMs: 300, inputTokens: 1000, outputTokens: 100, costUsd: 1.5 });
  assert.throws(() => router.plan(request()).first(), (error: unknown) => GatewayError.isInstance(error) && error.type === 'policy_budget_exceeded');
  const snapshot = router.snapshot().deployments.find((deployment) => deployment.id === attempt.deployment.id);
  assert.deepEqual([snapshot?.requestsThisMinute, snapshot?.tokensThisMinute, snapshot?.ttftMs, snapshot?.inFlight], [1, 1100, 300, 0]);
});

test('rpm limits: a full deployment is skipped, and a full group is a 429 until the minute turns', () => {
  const limited = { model_list: [{ model_name: 'g', litellm_params: { model: 'openai/gpt-4.1', rpm: 1 }, model_info: { id: 'only' } }] };
  const { router, clock } = setup(limited);
  const attempt = router.plan(request('g')).first();
  router.onStart(attempt.deployment.id);
  router.onSuccess(attempt.deployment.id, { latencyMs: 1, inputTokens: 1, outputTokens: 1, costUsd: 0 });
  assert.throws(() => router.plan(request('g')).first(), (error: unknown) => GatewayError.isInstance(error) && error.type === 'policy_rate_limited' && (error.retryAfterSeconds ?? 0) > 0);
  clock.advance(60_000);
  assert.equal(router.plan(request('g')).first().deployment.id, 'only');
});

test('Claude Code rules and the override header choose the group', () => {
  const { router } = setup({ ...BASE, gatehouse: { claude_code: { background: 'local', think: 'big' } } });
  const haiku = router.plan(request('claude-haiku-4-5-20251001'));
  assert.deepEqual([haiku.group, haiku.via], ['local', 'background']);
  const thinking = router.plan({ ...request('sonnet'), canonical: () => messagesRequest({ thinking: { type: 'adaptive' } }) });
  assert.deepEqual([thinking.group, thinking.via], ['big', 'think']);
  const pinned = router.plan({ ...request('claude-haiku-4-5'), overrideGroup: 'sonnet,or1' });
  assert.deepEqual([pinned.group, pinned.via, pinned.first().deployment.id], ['sonnet', 'override', 'or1']);
  assert.throws(() => router.plan(request('gpt-5')), (error: unknown) => GatewayError.isInstance(error) && error.status === 404);
});

test('reload swaps the table and keeps health for surviving ids; the cache follows litellm_settings.cache and cache_params.mode', () => {
  const { router } = setup();
  assert.equal(router.responseCache, undefined);
  fail(router, 'a1', badKey);
  router.reload(configFrom({ ...BASE, litellm_settings: { cache: true, cache_params: { ttl: 60 } } }));
  assert.equal(router.isCoolingDown('a1'), true);
  assert.ok(router.responseCache !== undefined);
  router.reload(configFrom({ ...BASE, litellm_settings: { cache: true, cache_params: { mode: 'default_off' } } }));
  assert.equal(router.responseCache, undefined, 'default_off caches only requests that opt in, and none can');
  router.reload(configFrom({ model_list: [{ model_name: 'solo', litellm_params: { model: 'openai/gpt-4.1' } }] }));
  assert.deepEqual(router.deployments().map((deployment) => deployment.id), ['solo:openai/gpt-4.1']);
  assert.deepEqual(router.problems, []);
});

test('plan() + first() on a 3-deployment group stays under 20 µs on average', () => {
  const { router } = setup({
    model_list: ['a', 'b', 'c'].map((id) => ({ model_name: 'g', litellm_params: { model: `openai/${id}`, rpm: 100_000, weight: 1 }, model_info: { id } })),
    router_settings: { num_retries: 2, fallbacks: [{ g: ['g'] }] },
  });
  const planRequest = request('g');
  for (let warm = 0; warm < 2000; warm += 1) router.plan(planRequest).first();
  const averageMicros = bestMicrosecondsPerOperation(5, () => {
    for (let call = 0; call < 2_000; call += 1) router.plan(planRequest).first();
    return 2_000;
  });
  assert.ok(averageMicros < 20, `plan() took ${averageMicros.toFixed(2)} µs on average (best of 5 rounds)`);
});
