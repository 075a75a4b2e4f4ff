import type { AnthropicMessage, AnthropicMessagesRequest } from './types.ts';
import { claudeModelRules, effortWithThinkingOff } from './claude-model-rules.ts';

/*
 * With thinking on, Anthropic refuses a conversation that is inside a tool loop (it ends with
 * tool results) when the assistant turn that called the tools does not start with a thinking
 * block: "a final assistant message must start with a thinking block ... To avoid this
 * requirement, disable thinking". That turn's thinking is gone whenever it came from another model
 * (stripped as foreign, or a local model's turn with none) or through a client that cannot hand
 * Anthropic's signatures back (OpenAI's Chat Completions and Responses APIs), so such a request
 * goes without thinking, as the error advises and LiteLLM does: left out where thinking is off by
 * default, `disabled` where it is on by default (Claude Opus 5, Sonnet 5, Haiku 5.5; Opus 5 only
 * at effort high or below). Claude Code's clear_thinking context edit needs thinking on, so it
 * goes with it. The next user turn starts a new loop, where thinking is allowed again.
 *
 * The models that cannot switch thinking off (Opus 5.5, Sonnet 5.5, Fable, Mythos) take such a
 * loop with adaptive thinking: Anthropic's advice for them is to leave thinking out, which is all
 * an OpenAI-compatible client can do, and a tool-result turn after a call without thinking is
 * answered there (hermes-agent 46fedef, verified on claude-fable-5). Sending `disabled` would be
 * the 400 "thinking.type.disabled is not supported", so the request goes as it is.
 * @see https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5
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

function withoutClearThinking(contextManagement: unknown): unknown {
  const edits = (contextManagement as { edits?: unknown } | null | undefined)?.edits;
  if (!Array.isArray(edits)) return contextManagement;
  const kept = edits.filter((edit) => !String((edit as { type?: unknown } | null)?.type ?? '').startsWith('clear_thinking'));
  return kept.length === 0 ? undefined : { ...(contextManagement as object), edits: kept };
}

/**
 * The request without thinking when its tool loop's thinking was lost and `model` would refuse
 * it; the same object otherwise. Reads only the last messages, so it is cheap on a pass-through.
 */
export function dropThinkingMidToolLoop(request: AnthropicMessagesRequest, model: string): AnthropicMessagesRequest {
  // The messages first: on a pass-through most requests end there, before the model's name is read.
  if (!loopLacksThinking(request.messages)) return request;
  const rules = claudeModelRules(model);
  const type = request.thinking?.type;
  const thinkingOn = type === 'enabled' || type === 'adaptive' || (type === undefined && rules?.thinksByDefault === true);
  if (!thinkingOn || (rules !== undefined && !rules.thinkingTypes.has('disabled'))) return request;
  const { thinking: _dropped, context_management: contextManagement, ...rest } = request;
  const kept = withoutClearThinking(contextManagement);
  const withoutThinking = kept === undefined ? rest : { ...rest, context_management: kept };
  if (rules?.thinksByDefault !== true) return withoutThinking;
  const effort = request.output_config?.effort;
  const allowed = effortWithThinkingOff(rules, effort);
  return { ...withoutThinking, thinking: { type: 'disabled' }, ...(allowed === effort ? {} : { output_config: { ...request.output_config, effort: allowed } }) };
}
