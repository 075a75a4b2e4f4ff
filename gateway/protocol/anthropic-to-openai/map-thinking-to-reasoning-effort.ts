import type { Effort, ThinkingConfig } from '../anthropic/types.ts';
import type { ReasoningEffort } from '../openai/types.ts';
import { isThinkingOff } from '../anthropic/is-thinking-off.ts';

/** LiteLLM's default buckets (reasoning_effort_utils.py), largest threshold first. */
const BUDGET_BUCKETS: readonly [minimumBudget: number, effort: ReasoningEffort][] = [
  [16384, 'max'],
  [8192, 'xhigh'],
  [4096, 'high'],
  [2048, 'medium'],
  [1024, 'low'],
];

/** The efforts the gateway knows, weakest first. */
const EFFORT_ORDER: readonly ReasoningEffort[] = ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

/**
 * Where no upstream says otherwise, the highest effort is "high": OpenAI's chat completions take
 * minimal/low/medium/high ("xhigh" only on models after gpt-5.1-codex-max, "max" never) and
 * vLLM validates the same list, so LiteLLM's "xhigh" and "max" buckets (Claude Code's haiku
 * budget of 31999 lands in "max") would be a 400.
 */
const DEFAULT_MAX_REASONING_EFFORT: ReasoningEffort = 'high';

/**
 * Anthropic's thinking budget becomes an OpenAI reasoning effort, capped at what the upstream
 * accepts. Adaptive thinking has no budget, so it takes the request's own
 * `output_config.effort`, else medium; an effort the gateway does not know counts as none given.
 */
export function mapThinkingToReasoningEffort(
  thinking: ThinkingConfig | undefined,
  effort: Effort | undefined,
  maxEffort: ReasoningEffort = DEFAULT_MAX_REASONING_EFFORT,
): ReasoningEffort | undefined {
  if (thinking === undefined || isThinkingOff(thinking)) return undefined;
  const wanted = thinking.type === 'adaptive'
    ? (effort !== undefined && EFFORT_ORDER.includes(effort) ? effort : 'medium')
    : (BUDGET_BUCKETS.find(([minimumBudget]) => thinking.budget_tokens >= minimumBudget)?.[1] ?? 'minimal');
  return EFFORT_ORDER.indexOf(wanted) > EFFORT_ORDER.indexOf(maxEffort) ? maxEffort : wanted;
}
