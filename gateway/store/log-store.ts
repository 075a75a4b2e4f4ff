import type { WireProtocol } from '../providers/provider.ts';

/** One request through the gateway, as it is logged. Never holds a secret. */
export interface RequestRecord {
  id: string;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  clientProtocol: 'anthropic' | 'openai' | 'responses';
  /** The model name the client asked for. */
  modelRequested: string;
  /** The model group (model_name) that served it, when one was resolved. */
  group: string | null;
  route: string | null;
  deploymentId: string | null;
  provider: WireProtocol | null;
  stream: boolean;
  /** HTTP status the client saw (200 for a stream that later failed; see errorType). */
  status: number;
  errorType: string | null;
  errorMessage: string | null;
  latencyMs: number;
  ttftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  attempts: number;
  requestBody?: string | null;
  responseBody?: string | null;
}

export interface LogQuery {
  since?: number;
  until?: number;
  route?: string;
  model?: string;
  /** 'ok' (2xx), 'error' (everything else), or an exact status code. */
  status?: 'ok' | 'error' | number;
  limit?: number;
  /** Opaque cursor from the previous page (the last record's startedAt:id). */
  cursor?: string;
}

export interface LogPage {
  records: RequestRecord[];
  nextCursor: string | null;
}

export interface SpendRow {
  day: string;
  route: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface StoreHealth {
  ok: boolean;
  /** Records waiting to be written (they are kept in memory while the disk refuses). */
  queued: number;
  lastError: string | null;
}

/** The request log. Only sqlite-log-store.ts knows it is SQLite (R5). */
export interface LogStore {
  /** Queues a record; never blocks the request path and never throws. */
  record(entry: RequestRecord): void;
  query(query: LogQuery): LogPage;
  get(id: string): RequestRecord | undefined;
  spend(from: string, to: string): SpendRow[];
  /** Sum of cost since a time, optionally for one route or deployment (budgets). */
  spentSince(since: number, scope?: { route?: string; deploymentId?: string }): number;
  health(): StoreHealth;
  /** Writes everything queued; used on shutdown. */
  flush(): void;
  /**
   * Writes what is queued and stops taking records. Never throws, so that a shutdown goes on to
   * close the database: what the disk refused (those records are lost) is returned instead.
   */
  close(): UnwrittenRecords | null;
}

/** Records a closing store could not write. */
export interface UnwrittenRecords {
  lost: number;
  /** The database's refusal ("database is locked", "database or disk is full"). */
  reason: string;
}
