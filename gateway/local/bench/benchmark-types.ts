/** A benchmark result as stored and shown. Every rate is null when the server did not report its counters: unknown, never 0. */
import type { HardwareSnapshot } from '../hardware/hardware-types.ts';

export type BenchmarkTargetKind = 'ollama' | 'openai' | 'anthropic';
export type BenchmarkStatus = 'done' | 'error' | 'cancelled';
/** The same phases as the admin contract's `bench.progress` event. */
export type BenchmarkPhase = 'load' | 'warmup' | 'prompt' | 'generate' | 'done' | 'error' | 'cancelled';

export interface BenchmarkRun {
  index: number;
  promptTokens: number | null;
  promptTokensPerSecond: number | null;
  generatedTokens: number | null;
  generationTokensPerSecond: number | null;
  /** Client-side: request sent → first non-empty content or thinking. */
  ttftMs: number | null;
  totalMs: number;
}

export interface Statistic {
  median: number;
  mean: number;
  standardDeviation: number;
  samples: number;
}

export interface BenchmarkSummary {
  promptTokensPerSecond: Statistic | null;
  generationTokensPerSecond: Statistic | null;
  ttftMs: Statistic | null;
}

/** Where the loaded model sits, from /api/ps after the runs. */
export interface ModelPlacement {
  sizeBytes: number;
  vramBytes: number | null;
  ramBytes: number | null;
  gpuFraction: number | null;
  contextLength: number | null;
}

export interface BenchmarkResult {
  id: string;
  kind: BenchmarkTargetKind;
  model: string;
  /** The server's base URL (Ollama, the gateway, or a cloud API). */
  target: string;
  startedAt: number;
  finishedAt: number;
  status: BenchmarkStatus;
  error: string | null;
  runsRequested: number;
  runs: BenchmarkRun[];
  summary: BenchmarkSummary;
  /** Client-measured load time (cold, Ollama only). */
  loadMs: number | null;
  /** Ollama's own load_duration for that load. */
  serverLoadMs: number | null;
  placement: ModelPlacement | null;
  numCtx: number | null;
  quantization: string | null;
  ollamaVersion: string | null;
  hardware: HardwareSnapshot | null;
}

export interface BenchmarkProgress {
  id: string;
  model: string;
  phase: BenchmarkPhase;
  /** 1-based index of the current run; 0 during load and warm-up. */
  run: number;
  runs: number;
  /** Set when phase is done, error or cancelled. */
  result: BenchmarkResult | null;
}
