import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SpendQuery, SpendResponse } from '../../../../gateway/admin/contract.ts';
import { localDay } from '../../../../renderer/features/spend/spend-slice.ts';
import { createAppStore } from '../../../../renderer/store/app-store.ts';
import { fakeApi } from '../../fake-api.ts';

test('loads day/model/route breakdowns for the range, then adds live costs to today and month', async () => {
  const queries: SpendQuery[] = [];
  const store = createAppStore(fakeApi({
    spend: async (query): Promise<SpendResponse> => {
      queries.push(query);
      return { from: query.from ?? '', to: query.to ?? '', groupBy: query.groupBy ?? 'day', rows: [{ key: query.groupBy ?? 'day', costUsd: 1, requests: 1, inputTokens: 1, outputTokens: 1 }], today: { costUsd: 1, requests: 10 }, month: { costUsd: 5, requests: 50 }, budgets: [] };
    },
  }));
  await store.getState().loadSpend(7);
  assert.deepEqual(queries.map((query) => query.groupBy), ['day', 'model', 'route']);
  assert.equal(queries[0]?.to, localDay(Date.now()));
  assert.equal(store.getState().spendByModel[0]?.key, 'model');
  store.getState().ingest([{
    type: 'request.end', id: 'r', model: 'm', group: null, route: null, deployment: null, protocol: 'openai', stream: false, status: 200, errorType: null,
    inputTokens: 1, outputTokens: 1, cacheRead: 0, cacheWrite: 0, costUsd: 0.25, latencyMs: 1, ttftMs: null, startedAt: 1, at: 2,
  }], 2);
  assert.deepEqual(store.getState().spendToday, { costUsd: 1.25, requests: 11 });
  assert.deepEqual(store.getState().spendMonth, { costUsd: 5.25, requests: 51 });
});

test('localDay is the local calendar day', () => {
  assert.equal(localDay(new Date(2026, 0, 5, 23, 59).getTime()), '2026-01-05');
});
