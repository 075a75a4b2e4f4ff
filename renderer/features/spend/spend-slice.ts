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
  /** The local day `spendToday` is for, and so the month `spendMonth` is for. */
  spendTotalsDay: string | null;
  budgets: Budget[];
  loadSpend(days?: number): Promise<void>;
}

/** `YYYY-MM-DD` in local time, as the gateway keys its rollups. */
export function localDay(at: number): string {
  const date = new Date(at);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const NO_SPEND: Totals = { costUsd: 0, requests: 0 };
const monthOf = (day: string): string => day.slice(0, 7);

/**
 * Adds finished requests to today's and this month's totals. A request that ends on a later day
 * than the totals are for starts that day's (and maybe month's) totals afresh: a dashboard left
 * open past midnight would otherwise show yesterday's spend plus today's as "today".
 */
export function spendOnEvents(state: SpendSlice, events: readonly AdminEvent[]): Partial<SpendSlice> | null {
  if (state.spendToday === null || state.spendMonth === null || state.spendTotalsDay === null) return null;
  let today = state.spendToday;
  let month = state.spendMonth;
  let totalsDay = state.spendTotalsDay;
  for (const event of events) {
    if (event.type !== 'request.end') continue;
    const day = localDay(event.at);
    // A late event from before the day the totals are for is not today's spend.
    if (day < totalsDay) continue;
    if (day > totalsDay) {
      if (monthOf(day) !== monthOf(totalsDay)) month = NO_SPEND;
      today = NO_SPEND;
      totalsDay = day;
    }
    today = { costUsd: today.costUsd + event.costUsd, requests: today.requests + 1 };
    month = { costUsd: month.costUsd + event.costUsd, requests: month.requests + 1 };
  }
  if (today === state.spendToday) return null;
  return { spendToday: today, spendMonth: month, spendTotalsDay: totalsDay };
}

export const createSpendSlice: SliceCreator<SpendSlice> = (set, get, api, clock) => ({
  spendDays: 30,
  spendByDay: [],
  spendByModel: [],
  spendByRoute: [],
  spendRange: null,
  spendToday: null,
  spendMonth: null,
  spendTotalsDay: null,
  budgets: [],
  loadSpend: (days = get().spendDays) => reportFailure(get, async () => {
    const now = clock();
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
      spendTotalsDay: range.to,
      budgets: byDay.budgets,
    });
  }),
});
