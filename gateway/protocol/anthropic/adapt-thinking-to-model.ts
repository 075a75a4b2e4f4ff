import type { AnthropicMessagesRequest, Effort } from './types.ts';

/*
 * An OpenAI client's reasoning effort becomes extended thinking with a token budget, which is what
 * Claude 4.5 and earlier take. Claude 4.6 deprecates it for adaptive thinking with an effort, and
 * Claude 4.7 and later models refuse it with a 400, so for those the budget goes as adaptive
 * thinking at the effort it stands for. Claude Code and other Anthropic clients choose their own
 * thinking for the model they name; only translated requests are adapted.
 * @see https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
 */

/** claude-<family>-<major>[-<minor>][-<date>]: claude-opus-4-7, claude-sonnet-4-6-20260101, claude-fable-5-1. */
const MODERN_NAME = /^claude-[a-z]+-(\d+)(?:-(\d{1,2}))?(?:-|$)/;

/** Whether the model takes adaptive thinking in place of a budget (Claude 4.6 and later). */
export function prefersAdaptiveThinking(model: string): boolean {
  const version = MODERN_NAME.exec(model);
  if (version === null) return false;
  const major = Number(version[1]);
  const minor = Number(version[2] ?? 0);
  return major > 4 || (major === 4 && minor >= 6);
}

/** The effort a budget stands for (the inverse of map-reasoning-effort-to-thinking's buckets); `high` is the top every adaptive model takes. */
function effortOfBudget(budget: number): Effort {
  if (budget <= 1024) return 'low';
  if (budget <= 2048) return 'medium';
  return 'high';
}

/** Extended thinking as adaptive thinking at the matching effort, for a model that prefers it; the same object otherwise. */
export function adaptThinkingToModel(request: AnthropicMessagesRequest, model: string): AnthropicMessagesRequest {
  const thinking = request.thinking;
  if (thinking?.type !== 'enabled' || !prefersAdaptiveThinking(model)) return request;
  return {
    ...request,
    thinking: { type: 'adaptive' },
    output_config: { effort: effortOfBudget(thinking.budget_tokens), ...request.output_config },
  };
}
