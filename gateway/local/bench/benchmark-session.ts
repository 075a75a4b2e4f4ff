/**
 * The bookkeeping every benchmark shares: a result that fills in as runs finish, progress
 * reports, and one ending whatever happens — a failure or a cancel still returns (and so can
 * store) the runs completed so far instead of throwing them away.
 */
import { randomUUID } from 'node:crypto';
import { summariseRuns } from './benchmark-statistics.ts';
import type { BenchmarkPhase, BenchmarkProgress, BenchmarkResult, BenchmarkRun, BenchmarkTargetKind } from './benchmark-types.ts';
import type { HardwareSnapshot } from '../hardware/hardware-types.ts';

export const DEFAULT_BENCHMARK_RUNS = 3;
export const MAX_BENCHMARK_RUNS = 20;

export interface BenchmarkSessionOptions {
  kind: BenchmarkTargetKind;
  model: string;
  target: string;
  runs?: number;
  numCtx?: number | null;
  hardware?: HardwareSnapshot | null;
  onProgress?: (progress: BenchmarkProgress) => void;
  signal?: AbortSignal;
  id?: string;
  now?: () => number;
}

export interface BenchmarkSession {
  readonly result: BenchmarkResult;
  /** `depthTokens`: the long prompt's size, when `phase` is `depth`. */
  report(phase: BenchmarkPhase, run: number, depthTokens?: number): void;
  addRun(run: BenchmarkRun): void;
}

export async function runBenchmarkSession(options: BenchmarkSessionOptions, body: (session: BenchmarkSession) => Promise<void>): Promise<BenchmarkResult> {
  const now = options.now ?? Date.now;
  const runsRequested = Math.min(MAX_BENCHMARK_RUNS, Math.max(1, Math.floor(options.runs ?? DEFAULT_BENCHMARK_RUNS)));
  const result: BenchmarkResult = {
    id: options.id ?? randomUUID(),
    kind: options.kind,
    model: options.model,
    target: options.target,
    startedAt: now(),
    finishedAt: now(),
    status: 'done',
    error: null,
    runsRequested,
    runs: [],
    summary: summariseRuns([]),
    loadMs: null,
    serverLoadMs: null,
    placement: null,
    numCtx: options.numCtx ?? null,
    quantization: null,
    ollamaVersion: null,
    hardware: options.hardware ?? null,
    depth: null,
    toolCall: null,
    deployments: [],
  };
  const emit = (phase: BenchmarkPhase, run: number, depthTokens: number | null, finished: boolean) =>
    options.onProgress?.({ id: result.id, model: options.model, phase, run, runs: runsRequested, depthTokens, result: finished ? result : null });
  const session: BenchmarkSession = {
    result,
    report: (phase, run, depthTokens) => emit(phase, run, depthTokens ?? null, false),
    addRun(run) {
      result.runs.push(run);
      result.summary = summariseRuns(result.runs);
    },
  };
  try {
    await body(session);
  } catch (error) {
    const cancelled = options.signal?.aborted === true;
    result.status = cancelled ? 'cancelled' : 'error';
    result.error = cancelled ? 'cancelled' : error instanceof Error ? error.message : String(error);
  }
  result.finishedAt = now();
  emit(result.status === 'done' ? 'done' : result.status, result.runs.length, null, true);
  return result;
}
