import type { AnthropicMessageResponse, TextBlock, ThinkingBlock, ToolUseBlock } from '../anthropic/types.ts';
import type { OpenAIChatResponse, OpenAICustomToolCall, OpenAIToolCall } from '../openai/types.ts';
import { customToolInput } from '../shared/custom-tool-input.ts';
import { convertAnthropicUsage } from './convert-anthropic-usage.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';

export interface OpenAIResponseIdentity {
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
  /** The request's custom (freeform) tools, whose calls go back as custom tool calls with the raw text. */
  customTools: ReadonlySet<string>;
}

/**
 * Text blocks join into `content`, thinking into `reasoning_content` (the DeepSeek/vLLM field
 * OpenAI clients read), tool_use into `tool_calls` with ids kept (a `custom` call with the raw
 * text, for a tool the request declared custom). Dropped: thinking signatures,
 * redacted thinking, citations, server-tool blocks and `stop_sequence`.
 */
export function convertAnthropicResponseToOpenAI(response: AnthropicMessageResponse, context: OpenAIResponseIdentity): OpenAIChatResponse {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const toolCalls: (OpenAIToolCall | OpenAICustomToolCall)[] = [];
  for (const block of response.content) {
    if (block.type === 'text') texts.push((block as TextBlock).text);
    else if (block.type === 'thinking') thoughts.push((block as ThinkingBlock).thinking);
    else if (block.type === 'tool_use') {
      const toolUse = block as ToolUseBlock;
      toolCalls.push(context.customTools.has(toolUse.name)
        ? { id: toolUse.id, type: 'custom', custom: { name: toolUse.name, input: customToolInput(toolUse.input) } }
        : { id: toolUse.id, type: 'function', function: { name: toolUse.name, arguments: JSON.stringify(toolUse.input ?? {}) } });
    }
  }
  const message: OpenAIChatResponse['choices'][number]['message'] = { role: 'assistant', content: texts.length > 0 ? texts.join('') : null };
  if (thoughts.length > 0) message.reasoning_content = thoughts.join('');
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, finish_reason: mapAnthropicStopReason(response.stop_reason) }],
    usage: convertAnthropicUsage(response.usage),
  };
}
