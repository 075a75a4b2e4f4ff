/** Where benchmark results live; gateway/store/sqlite-benchmark-store.ts is the implementation. */
import type { BenchmarkResult } from './benchmark-types.ts';

export interface BenchmarkListQuery {
  model?: string;
  limit?: number;
}

export interface BenchmarkStore {
  save(result: BenchmarkResult): void;
  get(id: string): BenchmarkResult | null;
  /** Newest first. */
  list(query?: BenchmarkListQuery): BenchmarkResult[];
  /** The results with these ids, in the order asked for; unknown ids are skipped. */
  compare(ids: string[]): BenchmarkResult[];
  /** Returns whether a result was deleted. */
  delete(id: string): boolean;
}
