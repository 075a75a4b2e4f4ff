import type { ThinkingConfig } from '../anthropic/types.ts';
import type { ReasoningEffort } from '../openai/types.ts';

/** Anthropic's smallest allowed thinking budget. */
const MINIMUM_BUDGET = 1024;

/** The lower bound of each LiteLLM bucket, so a round trip through both mappings is stable. */
const BUDGET_BY_EFFORT: Record<string, number> = { minimal: MINIMUM_BUDGET, low: 1024, medium: 2048, high: 4096, xhigh: 8192, max: 16384 };

/**
 * Anthropic requires max_tokens > budget_tokens, so the budget is capped below the client's
 * max_tokens (none given: the caller sizes max_tokens around the budget); when that leaves less
 * than Anthropic's minimum, thinking is left off. `none` and unknown efforts mean no thinking.
 */
export function mapReasoningEffortToThinking(effort: ReasoningEffort | undefined, maxTokens: number | undefined): Extract<ThinkingConfig, { type: 'enabled' }> | undefined {
  const budget = effort === undefined ? undefined : BUDGET_BY_EFFORT[effort];
  if (budget === undefined) return undefined;
  const cappedBudget = maxTokens === undefined ? budget : Math.min(budget, maxTokens - 1);
  return cappedBudget < MINIMUM_BUDGET ? undefined : { type: 'enabled', budget_tokens: cappedBudget };
}
