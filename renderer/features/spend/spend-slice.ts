import type { AdminEvent, Budget, SpendResponse, SpendRow } from '../../../gateway/admin/contract.ts';
import { reportFailure, type SliceCreator } from '../../store/slice.ts';

interface Totals {
  costUsd: number;
  requests: number;
}

export interface SpendSlice {
  spendDays: number;
  spendByDay: SpendRow[];
  spendByModel: SpendRow[];
  spendByRoute: SpendRow[];
  spendRange: { from: string; to: string } | null;
  /** Kept current between fetches by adding each finished request's cost. */
  spendToday: Totals | null;
  spendMonth: Totals | null;
  budgets: Budget[];
  loadSpend(days?: number): Promise<void>;
}

/** `YYYY-MM-DD` in local time, as the gateway keys its rollups. */
export function localDay(at: number): string {
  const date = new Date(at);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function spendOnEvents(state: SpendSlice, events: readonly AdminEvent[]): Partial<SpendSlice> | null {
  if (state.spendToday === null || state.spendMonth === null) return null;
  let costUsd = 0;
  let requests = 0;
  for (const event of events) {
    if (event.type !== 'request.end') continue;
    costUsd += event.costUsd;
    requests += 1;
  }
  if (requests === 0) return null;
  const add = (totals: Totals): Totals => ({ costUsd: totals.costUsd + costUsd, requests: totals.requests + requests });
  return { spendToday: add(state.spendToday), spendMonth: add(state.spendMonth) };
}

export const createSpendSlice: SliceCreator<SpendSlice> = (set, get, api) => ({
  spendDays: 30,
  spendByDay: [],
  spendByModel: [],
  spendByRoute: [],
  spendRange: null,
  spendToday: null,
  spendMonth: null,
  budgets: [],
  loadSpend: (days = get().spendDays) => reportFailure(get, async () => {
    const now = Date.now();
    const range = { from: localDay(now - (days - 1) * 86_400_000), to: localDay(now) };
    const [byDay, byModel, byRoute]: SpendResponse[] = await Promise.all([
      api.spend({ ...range, groupBy: 'day' }),
      api.spend({ ...range, groupBy: 'model' }),
      api.spend({ ...range, groupBy: 'route' }),
    ]);
    set({
      spendDays: days,
      spendRange: range,
      spendByDay: byDay.rows,
      spendByModel: byModel.rows,
      spendByRoute: byRoute.rows,
      spendToday: byDay.today,
      spendMonth: byDay.month,
      budgets: byDay.budgets,
    });
  }),
});
