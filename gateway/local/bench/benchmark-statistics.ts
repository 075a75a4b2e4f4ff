/** Summaries over runs, ignoring runs whose figure is unknown rather than counting them as 0. */
import type { BenchmarkRun, BenchmarkSummary, Statistic } from './benchmark-types.ts';

export function summarise(values: Array<number | null>): Statistic | null {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value)).sort((left, right) => left - right);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  const median = known.length % 2 === 1 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
  const mean = known.reduce((total, value) => total + value, 0) / known.length;
  const variance = known.length > 1 ? known.reduce((total, value) => total + (value - mean) ** 2, 0) / (known.length - 1) : 0;
  return { median, mean, standardDeviation: Math.sqrt(variance), samples: known.length };
}

export function summariseRuns(runs: BenchmarkRun[]): BenchmarkSummary {
  return {
    promptTokensPerSecond: summarise(runs.map((run) => run.promptTokensPerSecond)),
    generationTokensPerSecond: summarise(runs.map((run) => run.generationTokensPerSecond)),
    ttftMs: summarise(runs.map((run) => run.ttftMs)),
  };
}

/** tokens / nanoseconds × 1e9, as Ollama's docs define it; null when either counter is missing. */
export function tokensPerSecond(count: number | undefined, durationNanos: number | undefined): number | null {
  if (typeof count !== 'number' || typeof durationNanos !== 'number' || durationNanos <= 0) return null;
  return (count / durationNanos) * 1e9;
}
