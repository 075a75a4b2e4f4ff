import type { RequestRecord } from '../store/log-store.ts';
import type { LogEntry } from './contract.ts';

/** A stored request as the dashboard's log table shows it. */
export function toLogEntry(record: RequestRecord): LogEntry {
  return {
    id: record.id,
    at: record.startedAt,
    model: record.modelRequested,
    group: record.group,
    route: record.route,
    deployment: record.deploymentId,
    protocol: record.clientProtocol,
    stream: record.stream,
    status: record.status,
    errorType: record.errorType as LogEntry['errorType'],
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    cacheRead: record.cacheReadTokens,
    cacheWrite: record.cacheWriteTokens,
    costUsd: record.costUsd,
    latencyMs: record.latencyMs,
    ttftMs: record.ttftMs,
  };
}
