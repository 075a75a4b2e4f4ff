import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './sqlite-database.ts';
import type { LogPage, LogQuery, LogStore, RequestRecord, SpendRow, StoreHealth, UnwrittenRecords } from './log-store.ts';

const FLUSH_DELAY_MS = 25;
const MAX_RETRY_DELAY_MS = 5_000;
/** Past this many unwritten records the oldest are dropped (and counted) rather than exhausting memory. */
const MAX_QUEUED = 200_000;

interface RequestRow {
  id: string;
  started_at: number;
  client_protocol: string;
  model_requested: string;
  model_group: string | null;
  route: string | null;
  deployment_id: string | null;
  provider: string | null;
  stream: number;
  status: number;
  error_type: string | null;
  error_message: string | null;
  latency_ms: number;
  ttft_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number;
  attempts: number;
  request_body: string | null;
  response_body: string | null;
}

/** The calendar day in the machine's time zone: "spend today" means the user's today. */
export function localDay(epochMs: number): string {
  const date = new Date(epochMs);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

function toRecord(row: RequestRow): RequestRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    clientProtocol: row.client_protocol as RequestRecord['clientProtocol'],
    modelRequested: row.model_requested,
    group: row.model_group,
    route: row.route,
    deploymentId: row.deployment_id,
    provider: row.provider as RequestRecord['provider'],
    stream: row.stream === 1,
    status: row.status,
    errorType: row.error_type,
    errorMessage: row.error_message,
    latencyMs: row.latency_ms,
    ttftMs: row.ttft_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadTokens: row.cache_read_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    costUsd: row.cost_usd,
    attempts: row.attempts,
    requestBody: row.request_body,
    responseBody: row.response_body,
  };
}

/**
 * The request log in SQLite. `record()` only queues; a timer writes the queue in one
 * transaction every few ms, off the request path. When the disk refuses (locked, full),
 * records stay queued and the write is retried with backoff, so nothing is lost.
 */
export class SqliteLogStore implements LogStore {
  readonly #database: SqliteDatabase;
  readonly #insert: Statement;
  readonly #rollup: Statement;
  readonly #byId: Statement;
  #queue: RequestRecord[] = [];
  #timer: NodeJS.Timeout | null = null;
  #retryDelayMs = 0;
  #lastError: string | null = null;
  #dropped = 0;
  #closed = false;

  constructor(database: SqliteDatabase) {
    this.#database = database;
    // Positional parameters, in the table's column order: binding an array is markedly cheaper than a 22-key object.
    this.#insert = database.prepare(`INSERT OR REPLACE INTO requests VALUES (${new Array(22).fill('?').join(', ')})`);
    this.#rollup = database.prepare(`INSERT INTO spend_daily VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (day, route, model, deployment_id) DO UPDATE SET
        requests = requests + excluded.requests, input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens, cost_usd = cost_usd + excluded.cost_usd`);
    this.#byId = database.prepare('SELECT * FROM requests WHERE id = ?');
  }

  record(entry: RequestRecord): void {
    if (this.#closed) return;
    this.#queue.push(entry);
    if (this.#queue.length > MAX_QUEUED) {
      this.#queue.shift();
      this.#dropped += 1;
    }
    this.#schedule(FLUSH_DELAY_MS);
  }

  #schedule(delayMs: number): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#tryFlush();
    }, delayMs);
    this.#timer.unref();
  }

  #tryFlush(): void {
    try {
      this.flush();
    } catch {
      // flush() recorded the error; try again later with backoff.
      this.#retryDelayMs = Math.min(MAX_RETRY_DELAY_MS, Math.max(100, this.#retryDelayMs * 2));
      this.#schedule(this.#retryDelayMs);
    }
  }

  flush(): void {
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    try {
      this.#database.transaction(() => {
        // One rollup row per day × route × model × deployment in the batch, not one upsert per request.
        const rollups = new Map<string, [string, string, string, string, number, number, number, number]>();
        for (const entry of batch) {
          this.#insert.run(
            entry.id, entry.startedAt, entry.clientProtocol, entry.modelRequested, entry.group, entry.route,
            entry.deploymentId, entry.provider, entry.stream ? 1 : 0, entry.status, entry.errorType, entry.errorMessage,
            entry.latencyMs, entry.ttftMs, entry.inputTokens, entry.outputTokens, entry.cacheReadTokens,
            entry.cacheWriteTokens, entry.costUsd, entry.attempts, entry.requestBody ?? null, entry.responseBody ?? null,
          );
          if (entry.deploymentId === null) continue;
          const day = localDay(entry.startedAt);
          const route = entry.route ?? '';
          const model = entry.group ?? entry.modelRequested;
          const key = `${day}\u0000${route}\u0000${model}\u0000${entry.deploymentId}`;
          const row = rollups.get(key);
          if (row) {
            row[4] += 1;
            row[5] += entry.inputTokens;
            row[6] += entry.outputTokens;
            row[7] += entry.costUsd;
          } else {
            rollups.set(key, [day, route, model, entry.deploymentId, 1, entry.inputTokens, entry.outputTokens, entry.costUsd]);
          }
        }
        for (const row of rollups.values()) this.#rollup.run(...row);
      })();
    } catch (error) {
      this.#lastError = `The request log could not be written (${(error as Error).message}); ${this.#queue.length} records are kept in memory and will be retried.`;
      throw error;
    }
    this.#queue = this.#queue === batch ? [] : this.#queue.slice(batch.length);
    this.#lastError = null;
    this.#retryDelayMs = 0;
  }

  #flushForRead(): void {
    try {
      this.flush();
    } catch {
      this.#schedule(Math.max(100, this.#retryDelayMs));
    }
  }

  query(query: LogQuery): LogPage {
    this.#flushForRead();
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.since !== undefined) { where.push('started_at >= @since'); params.since = query.since; }
    if (query.until !== undefined) { where.push('started_at < @until'); params.until = query.until; }
    if (query.route) { where.push('route = @route'); params.route = query.route; }
    if (query.model) { where.push('(model_requested = @model OR model_group = @model OR deployment_id = @model)'); params.model = query.model; }
    if (query.status === 'ok') where.push('status BETWEEN 200 AND 299 AND error_type IS NULL');
    else if (query.status === 'error') where.push('(status NOT BETWEEN 200 AND 299 OR error_type IS NOT NULL)');
    else if (typeof query.status === 'number') { where.push('status = @status'); params.status = query.status; }
    if (query.cursor) {
      const [at, id] = [Number(query.cursor.split(':')[0]), query.cursor.slice(query.cursor.indexOf(':') + 1)];
      where.push('(started_at < @cursorAt OR (started_at = @cursorAt AND id < @cursorId))');
      params.cursorAt = at;
      params.cursorId = id;
    }
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
    const sql = `SELECT * FROM requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT ${limit + 1}`;
    const rows = this.#database.prepare(sql).all(params) as RequestRow[];
    const page = rows.slice(0, limit).map(toRecord);
    const last = page.at(-1);
    return { records: page, nextCursor: rows.length > limit && last ? `${last.startedAt}:${last.id}` : null };
  }

  get(id: string): RequestRecord | undefined {
    this.#flushForRead();
    const row = this.#byId.get(id) as RequestRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  spend(from: string, to: string): SpendRow[] {
    this.#flushForRead();
    return this.#database.prepare(`SELECT day, route, model, SUM(requests) AS requests, SUM(input_tokens) AS inputTokens,
        SUM(output_tokens) AS outputTokens, SUM(cost_usd) AS costUsd
      FROM spend_daily WHERE day >= ? AND day <= ? GROUP BY day, route, model ORDER BY day, route, model`).all(from, to) as SpendRow[];
  }

  spentSince(since: number, scope: { route?: string; deploymentId?: string } = {}): number {
    this.#flushForRead();
    const conditions = ['started_at >= @since'];
    if (scope.route !== undefined) conditions.push('route = @route');
    if (scope.deploymentId !== undefined) conditions.push('deployment_id = @deploymentId');
    const row = this.#database.prepare(`SELECT COALESCE(SUM(cost_usd), 0) AS total FROM requests WHERE ${conditions.join(' AND ')}`)
      .get({ since, ...scope }) as { total: number };
    return row.total;
  }

  health(): StoreHealth {
    const lastError = this.#dropped > 0
      ? `${this.#lastError ?? 'The request log fell behind.'} ${this.#dropped} records were dropped to bound memory.`
      : this.#lastError;
    return { ok: lastError === null, queued: this.#queue.length, lastError };
  }

  close(): UnwrittenRecords | null {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#closed = true;
    try {
      this.flush();
      return null;
    } catch (error) {
      const lost = this.#queue.length;
      this.#queue = [];
      return { lost, reason: (error as Error).message };
    }
  }
}
