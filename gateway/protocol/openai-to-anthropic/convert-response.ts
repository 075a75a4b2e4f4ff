import type { AnthropicMessageResponse, AssistantContentBlock } from '../anthropic/types.ts';
import type { OpenAIChatResponse, OpenAIThinkingBlock } from '../openai/types.ts';
import { parseToolArguments } from '../shared/parse-tool-arguments.ts';
import { CUSTOM_TOOL_INPUT } from '../shared/custom-tool-as-function.ts';
import { convertOpenAIUsage } from './convert-openai-usage.ts';
import { createToolUseBlock, type ToolUseContext } from './create-tool-use-block.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';

export interface OpenAIResponseContext extends ToolUseContext {
  /** The model name the client asked for, echoed back as Anthropic does. */
  model: string;
}

function thinkingBlock(block: OpenAIThinkingBlock): AssistantContentBlock {
  return block.type === 'redacted_thinking'
    ? { type: 'redacted_thinking', data: block.data ?? '' }
    : { type: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? null };
}

/**
 * Content in Anthropic's order: thinking, text, tool_use. Reasoning text from DeepSeek-style
 * servers has no signature, so it is null. Dropped: `logprobs`, `system_fingerprint` and every
 * choice after the first (the request never asks for more than one).
 */
export function convertOpenAIResponseToAnthropic(response: OpenAIChatResponse, context: OpenAIResponseContext): AnthropicMessageResponse {
  const choice = response.choices?.[0];
  const message = choice?.message;
  const content: AssistantContentBlock[] = [];
  if (message?.thinking_blocks && message.thinking_blocks.length > 0) content.push(...message.thinking_blocks.map(thinkingBlock));
  else {
    const reasoning = message?.reasoning_content || message?.reasoning;
    if (reasoning) content.push({ type: 'thinking', thinking: reasoning, signature: null });
  }
  const text = message?.content || message?.refusal;
  if (text) content.push({ type: 'text', text });
  const toolCalls = message?.tool_calls ?? [];
  toolCalls.forEach((toolCall, position) => {
    if (toolCall.type === 'custom') {
      // A custom tool's raw text, in the canonical one-string shape (custom-tool-as-function.ts).
      content.push(createToolUseBlock({ id: toolCall.id, name: toolCall.custom?.name }, { [CUSTOM_TOOL_INPUT]: toolCall.custom?.input ?? '' }, context, position));
      return;
    }
    // Unparseable arguments become {} so the client's tool reports what is missing to the model.
    const input = parseToolArguments(toolCall.function?.arguments) ?? {};
    content.push(createToolUseBlock({ id: toolCall.id, name: toolCall.function?.name }, input, context, position));
  });
  return {
    id: context.messageId,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: mapOpenAIFinishReason(choice?.finish_reason, toolCalls.length > 0),
    stop_sequence: null,
    usage: convertOpenAIUsage(response.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }),
  };
}
