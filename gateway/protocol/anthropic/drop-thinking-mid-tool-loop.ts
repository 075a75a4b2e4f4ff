import type { AnthropicMessage, AnthropicMessagesRequest } from './types.ts';
import { withoutThinking } from './without-thinking.ts';

/*
 * With budget thinking (`enabled`), Claude starts every turn with a thinking block, and Anthropic
 * refuses a conversation inside a tool loop (it ends with tool results) whose calling turn does
 * not: "a final assistant message must start with a thinking block ... To avoid this requirement,
 * disable thinking". That turn's thinking is gone whenever it came from another model (stripped
 * as foreign, or a local model's turn with none, after a fallback or a route switch) or through a
 * client that cannot hand Anthropic's signatures back (OpenAI's Chat Completions and Responses
 * APIs), so such a request goes without thinking, as the error advises and LiteLLM does; Claude
 * Code's clear_thinking context edit needs thinking on, so it goes with it. The next user turn
 * starts a new loop, where thinking is allowed again.
 *
 * Adaptive thinking has no such requirement: the model itself decides whether to think before a
 * tool call, so a calling turn without thinking is ordinary there (llmman #507: "adaptive
 * thinking neither needs the signed block ahead of a tool call nor refuses a forced tool";
 * hermes-agent 46fedef, checked on claude-fable-5). Such a request goes as it is: switching
 * thinking off mid-loop would drop the prompt cache of every message in a Claude Code session
 * whose model chose not to think before a call, and the models that think always refuse it.
 * Translated requests reach this after adapt-thinking-to-model.ts, so only a model that takes
 * nothing but budgets (Claude 4.5 and earlier) still has `enabled` here.
 */

const THINKING_BLOCKS = new Set(['thinking', 'redacted_thinking']);

const blocksOf = (message: AnthropicMessage | undefined): readonly { type?: unknown }[] =>
  (message !== undefined && Array.isArray(message.content) ? message.content : []);

/** The conversation ends with tool results answering an assistant turn that does not start with thinking. */
function loopLacksThinking(messages: readonly AnthropicMessage[]): boolean {
  const last = messages.at(-1);
  if (last?.role !== 'user' || !blocksOf(last).some((block) => block.type === 'tool_result')) return false;
  const caller = messages.findLast((message) => message.role === 'assistant');
  const blocks = blocksOf(caller);
  return blocks.some((block) => block.type === 'tool_use') && !THINKING_BLOCKS.has(blocks[0]?.type as string);
}

/**
 * The request without thinking when it has budget thinking and its tool loop's thinking was lost;
 * the same object otherwise. Reads only the last messages, so it is cheap on a pass-through.
 */
export function dropThinkingMidToolLoop(request: AnthropicMessagesRequest): AnthropicMessagesRequest {
  if (request.thinking?.type !== 'enabled' || !loopLacksThinking(request.messages)) return request;
  return withoutThinking(request);
}
