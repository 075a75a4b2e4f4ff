import type { AdminEvent, LogDetail, LogEntry, LogsQuery, RequestEndEvent } from '../../../gateway/admin/contract.ts';
import { reportFailure, type SliceCreator } from '../../store/slice.ts';

export const LOG_RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, all: null } as const;
export type LogRange = keyof typeof LOG_RANGES;

export interface LogFilters {
  range: LogRange;
  route: string;
  model: string;
  /** '', 'ok', 'error' or an HTTP status as text. */
  status: string;
}

/** Rows kept in memory; the table is virtualized, this only bounds memory during a long live tail. */
export const MAX_LOG_ROWS = 10_000;
const PAGE_SIZE = 200;

export interface LogsSlice {
  logs: LogEntry[];
  logsCursor: string | null;
  logsLoading: boolean;
  logFilters: LogFilters;
  liveTail: boolean;
  /** The pointer is on the table: rows arriving now wait in heldLogs, so the row under it does not move away mid-click. */
  logsHeld: boolean;
  heldLogs: LogEntry[];
  selectedLogId: string | null;
  selectedLog: LogDetail | null;
  setLogFilters(filters: Partial<LogFilters>): Promise<void>;
  loadLogs(): Promise<void>;
  loadMoreLogs(): Promise<void>;
  setLiveTail(enabled: boolean): void;
  holdLogs(held: boolean): void;
  openLog(id: string): Promise<void>;
  closeLog(): void;
}

export const DEFAULT_LOG_FILTERS: LogFilters = { range: '24h', route: '', model: '', status: '' };

export function logsQueryFor(filters: LogFilters, now: number, cursor?: string): LogsQuery {
  const span = LOG_RANGES[filters.range];
  return {
    since: span === null ? undefined : now - span,
    route: filters.route || undefined,
    model: filters.model || undefined,
    status: filters.status === '' ? undefined : (filters.status as LogsQuery['status']),
    limit: PAGE_SIZE,
    cursor,
  };
}

/** The same filter the server applies, for rows arriving on the live tail. */
export function matchesLogFilters(entry: LogEntry, filters: LogFilters): boolean {
  if (filters.route !== '' && entry.route !== filters.route) return false;
  if (filters.model !== '' && entry.model !== filters.model && entry.group !== filters.model) return false;
  if (filters.status === 'ok') return entry.status < 400;
  if (filters.status === 'error') return entry.status >= 400;
  if (filters.status !== '') return entry.status === Number(filters.status);
  return true;
}

export function logEntryFromEvent(event: RequestEndEvent): LogEntry {
  const { type: _type, startedAt, at: _endedAt, ...fields } = event;
  return { ...fields, at: startedAt };
}

/** Newest first, at most MAX_LOG_ROWS: the table's order and memory bound. */
function prepended(fresh: readonly LogEntry[], rows: readonly LogEntry[]): LogEntry[] {
  return [...fresh].sort((left, right) => right.at - left.at).concat(rows).slice(0, MAX_LOG_ROWS);
}

/** Prepends finished requests to the table while live tail is on, or holds them while the pointer is on it. */
export function logsOnEvents(state: LogsSlice, events: readonly AdminEvent[]): Partial<LogsSlice> | null {
  if (!state.liveTail) return null;
  const fresh: LogEntry[] = [];
  const known = new Set([...state.heldLogs, ...state.logs.slice(0, PAGE_SIZE)].map((entry) => entry.id));
  for (const event of events) {
    if (event.type !== 'request.end' || known.has(event.id)) continue;
    const entry = logEntryFromEvent(event);
    if (matchesLogFilters(entry, state.logFilters)) fresh.push(entry);
  }
  if (fresh.length === 0) return null;
  if (state.logsHeld) return { heldLogs: prepended(fresh, state.heldLogs) };
  return { logs: prepended(fresh, state.logs) };
}

export const createLogsSlice: SliceCreator<LogsSlice> = (set, get, api) => ({
  logs: [],
  logsCursor: null,
  logsLoading: false,
  logFilters: DEFAULT_LOG_FILTERS,
  liveTail: true,
  logsHeld: false,
  heldLogs: [],
  selectedLogId: null,
  selectedLog: null,
  setLogFilters: (filters) => {
    set((state) => ({ logFilters: { ...state.logFilters, ...filters } }));
    return get().loadLogs();
  },
  loadLogs: () => reportFailure(get, async () => {
    set({ logsLoading: true });
    try {
      const filters = get().logFilters;
      const page = await api.logs(logsQueryFor(filters, Date.now()));
      // A newer filter change may have raced this answer; only the latest one wins.
      if (get().logFilters === filters) set({ logs: page.items, logsCursor: page.nextCursor, heldLogs: [] });
    } finally {
      set({ logsLoading: false });
    }
  }),
  loadMoreLogs: () => reportFailure(get, async () => {
    const { logsCursor, logsLoading, logFilters } = get();
    if (logsCursor === null || logsLoading) return;
    set({ logsLoading: true });
    try {
      const page = await api.logs(logsQueryFor(logFilters, Date.now(), logsCursor));
      set((state) => ({ logs: [...state.logs, ...page.items].slice(0, MAX_LOG_ROWS), logsCursor: page.nextCursor }));
    } finally {
      set({ logsLoading: false });
    }
  }),
  setLiveTail: (liveTail) => set({ liveTail }),
  holdLogs: (held) => set((state) => {
    if (held) return { logsHeld: true };
    return { logsHeld: false, heldLogs: [], logs: state.heldLogs.length === 0 ? state.logs : prepended(state.heldLogs, state.logs) };
  }),
  openLog: (id) => reportFailure(get, async () => {
    set({ selectedLogId: id, selectedLog: null });
    const detail = await api.logDetail(id);
    if (get().selectedLogId === id) set({ selectedLog: detail });
  }),
  closeLog: () => set({ selectedLogId: null, selectedLog: null }),
});
