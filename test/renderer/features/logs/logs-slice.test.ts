import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AdminEvent, LogEntry } from '../../../../gateway/admin/contract.ts';
import { DEFAULT_LOG_FILTERS, logEntryFromEvent, logsOnEvents, logsQueryFor, matchesLogFilters, type LogsSlice } from '../../../../renderer/features/logs/logs-slice.ts';
import { createAppStore } from '../../../../renderer/store/app-store.ts';
import { fakeApi } from '../../fake-api.ts';

const entry = (id: string, overrides: Partial<LogEntry> = {}): LogEntry => ({
  id, at: 1000, model: 'claude-sonnet-4-5', group: 'sonnet', route: 'anthropic', deployment: 'anthropic-main', protocol: 'anthropic', stream: true, status: 200,
  errorType: null, inputTokens: 1, outputTokens: 2, cacheRead: 0, cacheWrite: 0, costUsd: 0.01, latencyMs: 10, ttftMs: 5, ...overrides,
});
const endEvent = (log: LogEntry): AdminEvent => {
  const { at, ...fields } = log;
  return { ...fields, type: 'request.end', startedAt: at, at: at + 10 };
};
const slice = (overrides: Partial<LogsSlice>): LogsSlice => ({ ...createAppStore(fakeApi({})).getState(), ...overrides });

test('an end event becomes the same row the HTTP API returns', () => {
  const log = entry('r1');
  assert.deepEqual(logEntryFromEvent(endEvent(log) as Extract<AdminEvent, { type: 'request.end' }>), log);
});

test('live tail prepends matching rows newest first, skips known ids and filtered-out rows', () => {
  const state = slice({ logs: [entry('old')], logFilters: { ...DEFAULT_LOG_FILTERS, status: 'error' } });
  const next = logsOnEvents(state, [endEvent(entry('ok1', { at: 5 })), endEvent(entry('err1', { at: 6, status: 503 })), endEvent(entry('err2', { at: 7, status: 429 })), endEvent(entry('old', { status: 500 }))]);
  assert.deepEqual(next?.logs?.map((log) => log.id), ['err2', 'err1', 'old']);
  assert.equal(logsOnEvents({ ...state, liveTail: false }, [endEvent(entry('err3', { status: 500 }))]), null);
});

test('while the pointer is on the table arriving rows are held, then prepended when it leaves', () => {
  const store = createAppStore(fakeApi({}));
  store.setState({ logs: [entry('old')] });
  store.getState().holdLogs(true);
  store.getState().ingest([endEvent(entry('new1', { at: 5 }))], 0);
  store.getState().ingest([endEvent(entry('new2', { at: 6 })), endEvent(entry('new1', { at: 5 }))], 0);
  assert.deepEqual(store.getState().logs.map((log) => log.id), ['old'], 'the rows under the pointer stay where they are');
  assert.deepEqual(store.getState().heldLogs.map((log) => log.id), ['new2', 'new1'], 'held once each, newest first');
  store.getState().holdLogs(false);
  assert.deepEqual(store.getState().logs.map((log) => log.id), ['new2', 'new1', 'old']);
  assert.deepEqual(store.getState().heldLogs, []);
  store.getState().ingest([endEvent(entry('new3', { at: 7 }))], 0);
  assert.deepEqual(store.getState().logs.map((log) => log.id), ['new3', 'new2', 'new1', 'old']);
});

test('filters: route, model or group, ok/error/exact status', () => {
  const log = entry('r', { status: 429 });
  assert.equal(matchesLogFilters(log, { ...DEFAULT_LOG_FILTERS, route: 'local' }), false);
  assert.equal(matchesLogFilters(log, { ...DEFAULT_LOG_FILTERS, model: 'sonnet' }), true);
  assert.equal(matchesLogFilters(log, { ...DEFAULT_LOG_FILTERS, status: 'ok' }), false);
  assert.equal(matchesLogFilters(log, { ...DEFAULT_LOG_FILTERS, status: '429' }), true);
  assert.deepEqual(logsQueryFor({ range: '1h', route: 'local', model: '', status: 'error' }, 10_000_000, 'c1'), { since: 10_000_000 - 3_600_000, route: 'local', model: undefined, status: 'error', limit: 200, cursor: 'c1' });
  assert.equal(logsQueryFor({ ...DEFAULT_LOG_FILTERS, range: 'all' }, 0).since, undefined);
});

test('changing a filter reloads; an answer to an older filter is dropped', async () => {
  const answers: ((value: { items: LogEntry[]; nextCursor: string | null }) => void)[] = [];
  const store = createAppStore(fakeApi({ logs: () => new Promise((resolve) => answers.push(resolve)) }));
  const first = store.getState().setLogFilters({ route: 'anthropic' });
  const second = store.getState().setLogFilters({ route: 'local' });
  answers[1]?.({ items: [entry('new')], nextCursor: null });
  answers[0]?.({ items: [entry('stale')], nextCursor: 'x' });
  await Promise.all([first, second]);
  assert.deepEqual(store.getState().logs.map((log) => log.id), ['new']);
});
