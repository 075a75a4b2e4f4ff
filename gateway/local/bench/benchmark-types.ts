/** A benchmark result as stored and shown. Every rate is null when the server did not report its counters: unknown, never 0. */
import type { HardwareSnapshot } from '../hardware/hardware-types.ts';

/** `gateway`: a model group measured through the gateway's own proxy (Anthropic protocol), as Claude Code sees it. */
export type BenchmarkTargetKind = 'ollama' | 'openai' | 'anthropic' | 'gateway';
export type BenchmarkStatus = 'done' | 'error' | 'cancelled';
/** The same phases as the admin contract's `bench.progress` event. */
export type BenchmarkPhase = 'load' | 'warmup' | 'prompt' | 'generate' | 'depth' | 'tools' | 'done' | 'error' | 'cancelled';

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

/** One run with a long prompt, the size of the context Claude Code sends before any conversation. */
export interface DepthRun {
  /** The prompt size aimed at; `run.promptTokens` is what Ollama counted. */
  targetTokens: number;
  run: BenchmarkRun;
}

/**
 * Whether the model called a Claude-Code-like tool when asked to: `pass` (a call to it with
 * arguments its schema accepts), `fail` (it answered otherwise; `reason` says how), or `error`
 * (Ollama refused tools for the model, so Claude Code cannot use it at all).
 */
export interface ToolCallCheck {
  verdict: 'pass' | 'fail' | 'error';
  reason: string | null;
  tool: string;
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
  /** Ollama only; null when not run (skipped, an endpoint benchmark, a result stored before, a run that stopped first). */
  depth: DepthRun | null;
  toolCall: ToolCallCheck | null;
  /** The deployments that answered, in the order first seen, from the gateway's `x-gatehouse-deployment` header; empty when not through the gateway. */
  deployments: string[];
}

export interface BenchmarkProgress {
  id: string;
  model: string;
  phase: BenchmarkPhase;
  /** 1-based index of the current run; 0 during load and warm-up; the last run's during depth and tools. */
  run: number;
  runs: number;
  /** During `depth`: the long prompt's size aimed at; null in every other phase. */
  depthTokens: number | null;
  /** Set when phase is done, error or cancelled. */
  result: BenchmarkResult | null;
}
