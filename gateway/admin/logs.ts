/** GET /admin/logs (paged, filtered) and GET /admin/logs/:id. */
import { GatewayError } from '../errors/index.ts';
import type { LogStore } from '../store/log-store.ts';
import type { LogDetail, LogsResponse } from './contract.ts';
import type { AdminContext, QueryOf } from './admin-api.ts';
import { toLogEntry } from './to-log-entry.ts';

export function listLogs(context: AdminContext, query: QueryOf<'logs'>): LogsResponse {
  const page = context.runtime.logStore.query(query);
  return { items: page.records.map(toLogEntry), nextCursor: page.nextCursor };
}

export function logDetail(context: AdminContext, id: string): LogDetail {
  const record = context.runtime.logStore.get(id);
  if (!record) throw new GatewayError('caller_not_found', 404, `No logged request with id "${id}"; it may be older than the log keeps.`);
  const entry = toLogEntry(record);
  return {
    ...entry,
    upstreamProtocol: record.provider,
    timings: { queuedMs: null, ttftMs: record.ttftMs, totalMs: record.latencyMs },
    // The store keeps the outcome of the last try and the number of tries, not each try: one row for the one that answered.
    attempts: record.deploymentId === null ? [] : [{ deployment: record.deploymentId, status: record.status, errorType: entry.errorType, latencyMs: record.latencyMs }],
    error: entry.errorType === null ? null : { type: entry.errorType, message: record.errorMessage ?? '' },
    requestBody: record.requestBody ?? null,
    responseBody: record.responseBody ?? null,
  };
}

const PAGE_SIZE = 1000;

/** Requests matching `filter`, walking every page (the store caps a page at 1000 rows). */
export function countLogged(logStore: LogStore, filter: { since: number; status?: 'error' }): number {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = logStore.query({ ...filter, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    count += page.records.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return count;
}

