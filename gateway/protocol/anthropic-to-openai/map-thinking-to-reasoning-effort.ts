import type { Effort, ThinkingConfig } from '../anthropic/types.ts';
import type { ReasoningEffort } from '../openai/types.ts';

/** LiteLLM's default buckets (reasoning_effort_utils.py), largest threshold first. */
const BUDGET_BUCKETS: readonly [minimumBudget: number, effort: ReasoningEffort][] = [
  [16384, 'max'],
  [8192, 'xhigh'],
  [4096, 'high'],
  [2048, 'medium'],
  [1024, 'low'],
];

/**
 * Anthropic's thinking budget becomes an OpenAI reasoning effort. Adaptive thinking has no
 * budget, so it takes the request's own `output_config.effort`, else medium.
 */
export function mapThinkingToReasoningEffort(thinking: ThinkingConfig | undefined, effort: Effort | undefined): ReasoningEffort | undefined {
  if (thinking === undefined || thinking.type === 'disabled') return undefined;
  if (thinking.type === 'adaptive') return effort ?? 'medium';
  const bucket = BUDGET_BUCKETS.find(([minimumBudget]) => thinking.budget_tokens >= minimumBudget);
  return bucket?.[1] ?? 'minimal';
}
