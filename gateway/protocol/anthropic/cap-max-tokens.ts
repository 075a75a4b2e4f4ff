import type { AnthropicMessagesRequest } from './types.ts';

/** Anthropic's smallest thinking budget; below it a request with thinking is refused. */
const MIN_THINKING_BUDGET = 1024;

/**
 * The request with max_tokens lowered to `limit` (the same object when it is already within it).
 * Anthropic requires budget_tokens < max_tokens, so a budget that no longer fits is cut to just
 * under the new max_tokens, as Claude Code itself sets it, or thinking is left out when even the
 * smallest budget would not fit. Adaptive thinking has no budget and stays.
 * @see https://platform.claude.com/docs/en/build-with-claude/extended-thinking
 */
export function capAnthropicMaxTokens(request: AnthropicMessagesRequest, limit: number): AnthropicMessagesRequest {
  if (request.max_tokens <= limit) return request;
  const { thinking, ...rest } = request;
  if (thinking?.type !== 'enabled' || thinking.budget_tokens < limit) return { ...request, max_tokens: limit };
  const budget = limit - 1;
  return budget < MIN_THINKING_BUDGET ? { ...rest, max_tokens: limit } : { ...rest, max_tokens: limit, thinking: { type: 'enabled', budget_tokens: budget } };
}
