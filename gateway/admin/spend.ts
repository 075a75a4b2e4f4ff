/** GET /admin/spend (rollups grouped by day, model or route, with totals and budgets) and GET /admin/spend.csv. */
import { invalidRequest } from '../errors/index.ts';
import { localDay } from '../store/sqlite-log-store.ts';
import type { SpendRow as StoredSpendRow } from '../store/log-store.ts';
import { SPEND_CSV_COLUMNS, type SpendResponse, type SpendRow } from './contract.ts';
import type { AdminContext, QueryOf } from './admin-api.ts';
import { toBudget } from './routes.ts';

const DEFAULT_DAYS = 30;
/** Ten years of daily rows: a bound on the work one request can ask for. */
const MAX_DAYS = 3660;

const dayOffset = (day: string, offset: number): string => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return localDay(new Date(year, month - 1, date + offset).getTime());
};

function resolveRange(query: QueryOf<'spend'>): { from: string; to: string } {
  const to = query.to ?? localDay(Date.now());
  const from = query.from ?? dayOffset(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw invalidRequest(`from (${from}) is after to (${to}).`);
  if (from < dayOffset(to, -MAX_DAYS)) throw invalidRequest(`The range ${from}..${to} is longer than ${MAX_DAYS} days.`);
  return { from, to };
}

const totals = (rows: StoredSpendRow[]) => ({
  costUsd: rows.reduce((sum, row) => sum + row.costUsd, 0),
  requests: rows.reduce((sum, row) => sum + row.requests, 0),
});

function groupRows(rows: StoredSpendRow[], keyOf: (row: StoredSpendRow) => string, keys: string[] = []): SpendRow[] {
  const grouped = new Map<string, SpendRow>(keys.map((key) => [key, { key, costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0 }]));
  for (const row of rows) {
    const key = keyOf(row);
    const into = grouped.get(key) ?? { key, costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0 };
    into.costUsd += row.costUsd;
    into.requests += row.requests;
    into.inputTokens += row.inputTokens;
    into.outputTokens += row.outputTokens;
    grouped.set(key, into);
  }
  return [...grouped.values()];
}

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = dayOffset(day, 1)) days.push(day);
  return days;
}

export function getSpend(context: AdminContext, query: QueryOf<'spend'>): SpendResponse {
  const { from, to } = resolveRange(query);
  const { logStore, router } = context.runtime;
  const rows = logStore.spend(from, to);
  const today = localDay(Date.now());
  const grouped = query.groupBy === 'day'
    ? groupRows(rows, (row) => row.day, daysBetween(from, to))
    : groupRows(rows, (row) => (query.groupBy === 'model' ? row.model : row.route)).sort((left, right) => right.costUsd - left.costUsd);
  return {
    from,
    to,
    groupBy: query.groupBy,
    rows: grouped,
    today: totals(logStore.spend(today, today)),
    month: totals(logStore.spend(`${today.slice(0, 8)}01`, today)),
    budgets: router.snapshot().budgets.map(toBudget),
  };
}

/** RFC 4180 quoting, and a leading quote on text that a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/** One row per day × route × model. The daily rollup has no cache-token columns, so those cells are empty (unknown), not 0. */
export function spendCsv(context: AdminContext, query: QueryOf<'spendCsv'>): { filename: string; text: string } {
  const { from, to } = resolveRange(query);
  const lines = [SPEND_CSV_COLUMNS.join(',')];
  for (const row of context.runtime.logStore.spend(from, to)) {
    lines.push([row.day, row.route, row.model, row.requests, row.inputTokens, row.outputTokens, null, null, row.costUsd].map(csvCell).join(','));
  }
  return { filename: `gatehouse-spend-${from}-to-${to}.csv`, text: `${lines.join('\r\n')}\r\n` };
}
