/**
 * A running benchmark in words for the panel's running line: what it measures ("claude-sonnet
 * via gateway") and the step it is on, named for a reader rather than by the event's phase
 * (`depth` is "long-prompt run (16k)").
 */
import type { BenchProgressEvent } from '../../../gateway/admin/contract.ts';
import { formatTokenCount } from '../../shared/format/format.ts';

type Progress = Pick<BenchProgressEvent, 'kind' | 'model' | 'phase' | 'run' | 'runs' | 'depthTokens'>;

const STEPS: Record<BenchProgressEvent['phase'], (progress: Progress) => string> = {
  load: () => 'loading the model',
  warmup: () => 'warm-up',
  prompt: ({ run, runs }) => `run ${run}/${runs} (reading the prompt)`,
  generate: ({ run, runs }) => `run ${run}/${runs}`,
  depth: ({ depthTokens }) => (depthTokens === null ? 'long-prompt run' : `long-prompt run (${formatTokenCount(depthTokens)})`),
  tools: () => 'tool-call test',
  done: () => 'done',
  error: () => 'failed',
  cancelled: () => 'cancelled',
};

export function describeBenchProgress(progress: Progress): string {
  const target = progress.kind === 'gateway' ? `${progress.model} via gateway` : progress.model;
  return `${target}: ${STEPS[progress.phase](progress)}`;
}
