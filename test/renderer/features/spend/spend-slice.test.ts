import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestEndEvent, SpendQuery, SpendResponse } from '../../../../gateway/admin/contract.ts';
import { localDay } from '../../../../renderer/features/spend/spend-slice.ts';
import { createAppStore } from '../../../../renderer/store/app-store.ts';
import { fakeApi } from '../../fake-api.ts';

const requestEnd = (at: number, costUsd: number, fields: Partial<RequestEndEvent> = {}): RequestEndEvent => ({
  type: 'request.end', id: `r${at}`, model: 'm', group: null, route: 'cloud', deployment: 'cloud-m', protocol: 'openai', stream: false, status: 200, errorType: null,
  inputTokens: 1, outputTokens: 1, cacheRead: 0, cacheWrite: 0, costUsd, latencyMs: 1, ttftMs: null, startedAt: at - 1, at, ...fields,
});

/** A store on a settable clock whose spend answers carry the given today/month totals. */
function spendStore(start: number, totals: Pick<SpendResponse, 'today' | 'month'>) {
  const clock = { now: start };
  const queries: SpendQuery[] = [];
  const store = createAppStore(fakeApi({
    spend: async (query): Promise<SpendResponse> => {
      queries.push(query);
      return { from: query.from ?? '', to: query.to ?? '', groupBy: query.groupBy ?? 'day', rows: [{ key: query.groupBy ?? 'day', costUsd: 1, requests: 1, inputTokens: 1, outputTokens: 1 }], ...totals, budgets: [] };
    },
  }), () => clock.now);
  return { store, clock, queries };
}

test('loads day/model/route breakdowns for the range, then adds live costs to today and month', async () => {
  const noon = new Date(2026, 0, 5, 12, 0).getTime();
  const { store, queries } = spendStore(noon, { today: { costUsd: 1, requests: 10 }, month: { costUsd: 5, requests: 50 } });
  await store.getState().loadSpend(7);
  assert.deepEqual(queries.map((query) => query.groupBy), ['day', 'model', 'route']);
  assert.deepEqual(store.getState().spendRange, { from: '2025-12-30', to: '2026-01-05' });
  assert.equal(store.getState().spendByModel[0]?.key, 'model');
  store.getState().ingest([requestEnd(noon + 1000, 0.25)], noon + 1000);
  assert.deepEqual(store.getState().spendToday, { costUsd: 1.25, requests: 11 });
  assert.deepEqual(store.getState().spendMonth, { costUsd: 5.25, requests: 51 });
  assert.equal(queries.length, 3, 'no reload within the day');
});

test('a request after midnight starts a new day, and one in a new month a new month, then reloads', async () => {
  const lateOnJan5 = new Date(2026, 0, 5, 23, 59).getTime();
  const { store, clock, queries } = spendStore(lateOnJan5, { today: { costUsd: 1, requests: 10 }, month: { costUsd: 5, requests: 50 } });
  await store.getState().loadSpend(7);

  const earlyOnJan6 = new Date(2026, 0, 6, 0, 1).getTime();
  clock.now = earlyOnJan6;
  store.getState().ingest([requestEnd(lateOnJan5 + 30_000, 0.5), requestEnd(earlyOnJan6, 0.25)], earlyOnJan6);
  assert.deepEqual(store.getState().spendToday, { costUsd: 0.25, requests: 1 }, 'yesterday is not part of today');
  assert.deepEqual(store.getState().spendMonth, { costUsd: 5.75, requests: 52 }, 'the month goes on');
  assert.equal(store.getState().spendTotalsDay, '2026-01-06');
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(queries.slice(3).map((query) => [query.groupBy, query.to]), [['day', '2026-01-06'], ['model', '2026-01-06'], ['route', '2026-01-06']]);

  const firstOfFebruary = new Date(2026, 1, 1, 0, 1).getTime();
  clock.now = firstOfFebruary;
  store.getState().ingest([requestEnd(firstOfFebruary, 2)], firstOfFebruary);
  assert.deepEqual(store.getState().spendToday, { costUsd: 2, requests: 1 });
  assert.deepEqual(store.getState().spendMonth, { costUsd: 2, requests: 1 }, 'January is not part of February');
});

test('localDay is the local calendar day', () => {
  assert.equal(localDay(new Date(2026, 0, 5, 23, 59).getTime()), '2026-01-05');
});

test('live requests land in the same rows the server rolls them into, so "last N days" never trails "today"', async () => {
  const noon = new Date(2026, 0, 5, 12, 0).getTime();
  const today = '2026-01-05';
  const row = (key: string, costUsd: number, requests: number) => ({ key, costUsd, requests, inputTokens: 0, outputTokens: 0 });
  const rows: Record<string, SpendResponse['rows']> = {
    day: [row('2026-01-04', 3, 30), row(today, 1, 10)],
    model: [row('sonnet', 4, 40)],
    route: [row('anthropic', 4, 40)],
  };
  const store = createAppStore(fakeApi({
    spend: async (query): Promise<SpendResponse> => ({
      from: query.from ?? '', to: query.to ?? '', groupBy: query.groupBy ?? 'day', rows: rows[query.groupBy ?? 'day'] ?? [],
      today: { costUsd: 1, requests: 10 }, month: { costUsd: 4, requests: 40 }, budgets: [],
    }),
  }), () => noon);
  await store.getState().loadSpend(7);
  store.getState().ingest([
    requestEnd(noon + 1000, 0.5, { model: 'claude-sonnet-4-5', group: 'sonnet', route: 'anthropic', deployment: 'anthropic-main', inputTokens: 100, outputTokens: 20 }),
    requestEnd(noon + 2000, 0, { model: 'qwen3:8b', group: 'qwen', route: 'local', deployment: 'local-qwen', inputTokens: 8, outputTokens: 5 }),
    // An unknown model never reaches a deployment: the server's rollup leaves it out, so the live totals must too.
    requestEnd(noon + 3000, 0, { model: 'no-such-model', group: null, route: null, deployment: null, status: 404, errorType: 'caller_not_found' }),
  ], noon + 3000);
  const state = store.getState();
  assert.deepEqual(state.spendToday, { costUsd: 1.5, requests: 12 });
  assert.deepEqual(state.spendByDay, [row('2026-01-04', 3, 30), { key: today, costUsd: 1.5, requests: 12, inputTokens: 108, outputTokens: 25 }]);
  assert.deepEqual(state.spendByModel, [{ key: 'sonnet', costUsd: 4.5, requests: 41, inputTokens: 100, outputTokens: 20 }, { key: 'qwen', costUsd: 0, requests: 1, inputTokens: 8, outputTokens: 5 }]);
  assert.deepEqual(state.spendByRoute, [{ key: 'anthropic', costUsd: 4.5, requests: 41, inputTokens: 100, outputTokens: 20 }, { key: 'local', costUsd: 0, requests: 1, inputTokens: 8, outputTokens: 5 }]);
  const lastDays = state.spendByDay.reduce((sum, entry) => sum + entry.requests, 0);
  assert.ok(lastDays >= (state.spendToday?.requests ?? 0));
});
