/**
 * The benchmark's two Claude Code checks in words: the depth run as "at 16k: 812 t/s prompt,
 * TTFT 20.3 s" (or as short figures for the line under a result's own), and the tool-call smoke
 * test as its verdict with the reason it did not pass.
 */
import type { BenchResult } from '../../../gateway/admin/contract.ts';
import { formatMs, formatRate, formatTokenCount } from '../../shared/format/format.ts';

export type VerdictTone = 'good' | 'warn' | 'bad';

type DepthOutcome = Pick<BenchResult, 'depth' | 'toolCall'>;

/**
 * A local benchmark asked to leave the depth run out is the only finished run with a tool-call
 * verdict but no depth run, since the smoke test follows the depth run otherwise (and group
 * benchmarks have neither).
 */
const depthSkipped = ({ depth, toolCall }: DepthOutcome): boolean => depth === null && toolCall !== null;

/** "skipped" for a depth run left out on request (see depthSkipped); a dash when none was run for any other reason. */
export function describeDepth(result: DepthOutcome): string {
  const { depth } = result;
  if (depth === null) return depthSkipped(result) ? 'skipped' : '—';
  // Unknown is "?", never 0: Ollama leaves counters out, and 0 t/s would read as a broken model.
  const prompt = depth.promptTokensPerSecond === null ? '?' : formatRate(depth.promptTokensPerSecond);
  const ttft = depth.ttftMs === null ? '?' : formatMs(depth.ttftMs);
  return `at ${formatTokenCount(depth.targetTokens)}: ${prompt} t/s prompt, TTFT ${ttft}`;
}

/** "4,120 / 128": prompt and generation rates in one cell, `missing` for a rate not measured. */
export function formatRatePair(prompt: number | null, generation: number | null, missing = '—'): string {
  return `${prompt === null ? missing : formatRate(prompt)} / ${generation === null ? missing : formatRate(generation)}`;
}

/**
 * The depth run as the short line under the rates ("at 16k: 2,710 / 97.5") and under the TTFT
 * ("6.24 s"), the table's headings naming the units; "long prompt skipped" when left out on
 * request (see depthSkipped), null when there is nothing to say.
 */
export function depthFigures(result: DepthOutcome): { rates: string; ttft: string } | null {
  const { depth } = result;
  if (depth === null) return depthSkipped(result) ? { rates: 'long prompt skipped', ttft: '' } : null;
  return {
    rates: `at ${formatTokenCount(depth.targetTokens)}: ${formatRatePair(depth.promptTokensPerSecond, depth.generationTokensPerSecond, '?')}`,
    ttft: depth.ttftMs === null ? '?' : formatMs(depth.ttftMs),
  };
}

const TONES: Record<NonNullable<BenchResult['toolCall']>['verdict'], VerdictTone> = { pass: 'good', fail: 'warn', error: 'bad' };

/** "Tools: pass", or "Tools: fail" with why; the reason apart so that a badge holds only the verdict. */
export function describeToolCall(check: BenchResult['toolCall']): { label: string; tone: VerdictTone; reason: string | null } | null {
  if (check === null) return null;
  return { label: `Tools: ${check.verdict}`, tone: TONES[check.verdict], reason: check.reason };
}
