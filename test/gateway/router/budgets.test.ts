import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDeploymentTable } from '../../../gateway/router/deployment-table.ts';
import { Budgets, budgetExceededError, periodBounds } from '../../../gateway/router/budgets.ts';
import { configFrom, FakeClock, FixedSpend } from './router-fixtures.ts';

const config = configFrom({
  model_list: [
    { model_name: 'g', litellm_params: { model: 'openai/gpt-4.1', max_budget: 1, budget_duration: '1d' }, model_info: { id: 'paid' } },
    { model_name: 'g', litellm_params: { model: 'anthropic/claude-sonnet-4-5' }, model_info: { id: 'claude' } },
    { model_name: 'g', litellm_params: { model: 'ollama_chat/qwen3:8b' }, model_info: { id: 'local' } },
  ],
  litellm_settings: { max_budget: 50, budget_duration: 'month' },
  gatehouse: { routes: { anthropic: { max_budget: 5, budget_duration: 'week' } } },
});
const { deployments } = buildDeploymentTable(config);
const [paid, claude, local] = deployments as [typeof deployments[number], typeof deployments[number], typeof deployments[number]];

test('calendar periods are local-time day, Monday week and month', () => {
  const wednesdayNoon = new Date(2026, 0, 14, 12, 30).getTime();
  assert.deepEqual(periodBounds('day', wednesdayNoon), { start: new Date(2026, 0, 14).getTime(), end: new Date(2026, 0, 15).getTime() });
  assert.deepEqual(periodBounds('week', wednesdayNoon), { start: new Date(2026, 0, 12).getTime(), end: new Date(2026, 0, 19).getTime() });
  const sunday = new Date(2026, 0, 18, 23, 59).getTime();
  assert.equal(periodBounds('week', sunday).start, new Date(2026, 0, 12).getTime());
  assert.deepEqual(periodBounds('month', new Date(2026, 11, 31, 23).getTime()), { start: new Date(2026, 11, 1).getTime(), end: new Date(2027, 0, 1).getTime() });
});

test('stored spend is the baseline, live costs add to it, and the budget resets with its period', () => {
  const clock = new FakeClock(new Date(2026, 0, 14, 9, 0).getTime());
  const spend = new FixedSpend({ 'deployment:paid': 0.9, 'route:anthropic': 1 });
  const budgets = new Budgets(config, deployments, spend, clock.read);
  assert.equal(budgets.exceeded(paid), undefined);
  budgets.record(paid, 0.15);
  const breach = budgets.exceeded(paid);
  assert.equal(breach?.label, 'deployment "paid" budget');
  assert.equal(breach?.resetsAt, new Date(2026, 0, 15).getTime());
  assert.ok(Math.abs((breach?.spentUsd ?? 0) - 1.05) < 1e-9);
  const error = budgetExceededError(breach!, clock.now);
  assert.deepEqual([error.type, error.status, error.retryAfterSeconds], ['policy_budget_exceeded', 429, 15 * 3600]);
  assert.match(error.message, /deployment "paid" budget is used up: \$1\.05 spent of \$1\.00 this day; it resets at /);
  clock.now = new Date(2026, 0, 15, 0, 0).getTime();
  assert.equal(budgets.exceeded(paid), undefined, 'a new day reads the store again');
  assert.equal(spend.calls.filter((call) => call.scope.kind === 'deployment').at(-1)?.since.getTime(), clock.now);
});

test('route and global budgets apply to their deployments; free deployments are never blocked', () => {
  const clock = new FakeClock(new Date(2026, 0, 14, 9, 0).getTime());
  const budgets = new Budgets(config, deployments, new FixedSpend({ global: 60 }), clock.read);
  assert.equal(budgets.exceeded(claude)?.label, 'global budget');
  assert.equal(budgets.exceeded(local), undefined);
  const routeOnly = new Budgets(config, deployments, new FixedSpend({ 'route:anthropic': 5 }), clock.read);
  assert.equal(routeOnly.exceeded(claude)?.label, 'route "anthropic" budget');
  assert.equal(routeOnly.exceeded(paid), undefined);
  assert.deepEqual(routeOnly.list().map((budget) => [budget.label, budget.period]), [['global budget', 'month'], ['route "anthropic" budget', 'week'], ['deployment "paid" budget', 'day']]);
});
