import type { AdminEvent, Budget, RequestEndEvent, SpendResponse, SpendRow } from '../../../gateway/admin/contract.ts';
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

/** `rows` with one request added to the row under `key` (a new row if there is none). */
function addToRow(rows: SpendRow[], key: string, event: RequestEndEvent): SpendRow[] {
  const known = rows.some((row) => row.key === key);
  const added = (row: SpendRow): SpendRow => ({
    key: row.key,
    costUsd: row.costUsd + event.costUsd,
    requests: row.requests + 1,
    inputTokens: row.inputTokens + event.inputTokens,
    outputTokens: row.outputTokens + event.outputTokens,
  });
  if (known) return rows.map((row) => (row.key === key ? added(row) : row));
  return [...rows, added({ key, costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0 })];
}

const byCost = (rows: SpendRow[]): SpendRow[] => [...rows].sort((left, right) => right.costUsd - left.costUsd);

/**
 * Adds finished requests to today's and this month's totals, and to today's share of the loaded
 * breakdowns, by the rules of the gateway's daily rollup: a request counts on the day it started,
 * under its model group (else the model asked for) and its route, and only if it reached a
 * deployment. So the live figures agree with the next fetch, and "last N days" never trails
 * "today". A request that ends on a later day than the totals are for starts that day's (and
 * maybe month's) totals afresh: a dashboard left open past midnight would otherwise show
 * yesterday's spend plus today's as "today".
 */
export function spendOnEvents(state: SpendSlice, events: readonly AdminEvent[]): Partial<SpendSlice> | null {
  if (state.spendToday === null || state.spendMonth === null || state.spendTotalsDay === null) return null;
  let today = state.spendToday;
  let month = state.spendMonth;
  let totalsDay = state.spendTotalsDay;
  let { spendByDay: byDay, spendByModel: byModel, spendByRoute: byRoute } = state;
  for (const event of events) {
    if (event.type !== 'request.end' || event.deployment === null) continue;
    const day = localDay(event.startedAt);
    // A late event from before the day the totals are for is not today's spend.
    if (day < totalsDay) continue;
    if (day > totalsDay) {
      if (monthOf(day) !== monthOf(totalsDay)) month = NO_SPEND;
      today = NO_SPEND;
      totalsDay = day;
    }
    today = { costUsd: today.costUsd + event.costUsd, requests: today.requests + 1 };
    month = { costUsd: month.costUsd + event.costUsd, requests: month.requests + 1 };
    // The breakdowns cover the loaded range; a new day reloads them (see the store's ingest).
    if (state.spendRange?.to === day) {
      byDay = addToRow(byDay, day, event);
      byModel = addToRow(byModel, event.group ?? event.model, event);
      byRoute = addToRow(byRoute, event.route ?? '', event);
    }
  }
  if (today === state.spendToday) return null;
  return {
    spendToday: today,
    spendMonth: month,
    spendTotalsDay: totalsDay,
    ...(byDay === state.spendByDay ? {} : { spendByDay: byDay, spendByModel: byCost(byModel), spendByRoute: byCost(byRoute) }),
  };
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
