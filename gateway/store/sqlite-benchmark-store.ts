import type { BenchmarkListQuery, BenchmarkStore } from '../local/bench/benchmark-store.ts';
import type { BenchmarkResult } from '../local/bench/benchmark-types.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

const DEFAULT_LIST_LIMIT = 100;

/** Results stored before a field existed lack it in their JSON: such a field reads as null ("not measured") or empty. */
function readResult(json: string): BenchmarkResult {
  return { depth: null, toolCall: null, deployments: [], ...(JSON.parse(json) as Partial<BenchmarkResult>) } as BenchmarkResult;
}

/**
 * Benchmark results. The filterable fields are columns; the rest of the result (runs, summary,
 * placement, hardware snapshot) is one JSON document, because it is always read whole and its
 * shape grows with the benchmark.
 */
export class SqliteBenchmarkStore implements BenchmarkStore {
  readonly #database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    this.#database = database;
  }

  migrate(): void {
    this.#database.exec(`CREATE TABLE IF NOT EXISTS benchmarks (
      id TEXT PRIMARY KEY,
      started_at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      model TEXT NOT NULL,
      status TEXT NOT NULL,
      ollama_version TEXT,
      result_json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS benchmarks_model_started_at ON benchmarks (model, started_at);`);
  }

  save(result: BenchmarkResult): void {
    this.#database.prepare(`INSERT INTO benchmarks (id, started_at, kind, model, status, ollama_version, result_json) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, ollama_version = excluded.ollama_version, result_json = excluded.result_json`)
      .run(result.id, result.startedAt, result.kind, result.model, result.status, result.ollamaVersion, JSON.stringify(result));
  }

  get(id: string): BenchmarkResult | null {
    const row = this.#database.prepare('SELECT result_json FROM benchmarks WHERE id = ?').get(id) as { result_json: string } | undefined;
    return row ? readResult(row.result_json) : null;
  }

  list(query: BenchmarkListQuery = {}): BenchmarkResult[] {
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const rows = (query.model === undefined
      ? this.#database.prepare('SELECT result_json FROM benchmarks ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit)
      : this.#database.prepare('SELECT result_json FROM benchmarks WHERE model = ? ORDER BY started_at DESC, rowid DESC LIMIT ?').all(query.model, limit)) as { result_json: string }[];
    return rows.map((row) => readResult(row.result_json));
  }

  compare(ids: string[]): BenchmarkResult[] {
    return ids.map((id) => this.get(id)).filter((result): result is BenchmarkResult => result !== null);
  }

  delete(id: string): boolean {
    return this.#database.prepare('DELETE FROM benchmarks WHERE id = ?').run(id).changes > 0;
  }
}
