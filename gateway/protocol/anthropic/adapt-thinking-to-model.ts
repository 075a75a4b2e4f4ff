import type { AnthropicMessagesRequest } from './types.ts';
import { mapThinkingToReasoningEffort } from '../anthropic-to-openai/map-thinking-to-reasoning-effort.ts';

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

/** `high` is the top effort every adaptive model takes; below Anthropic's smallest budget there is no `minimal`. */
const HIGHEST_EFFORT = 'high';

/** Extended thinking as adaptive thinking at the matching effort, for a model that prefers it; the same object otherwise. */
export function adaptThinkingToModel(request: AnthropicMessagesRequest, model: string): AnthropicMessagesRequest {
  const thinking = request.thinking;
  if (thinking?.type !== 'enabled' || !prefersAdaptiveThinking(model)) return request;
  // The budget's effort by the same buckets an OpenAI upstream's reasoning_effort is chosen by.
  const effort = mapThinkingToReasoningEffort(thinking, undefined, HIGHEST_EFFORT);
  return {
    ...request,
    thinking: { type: 'adaptive' },
    output_config: { effort: effort === 'minimal' || effort === undefined ? 'low' : effort, ...request.output_config },
  };
}
