import type { AnthropicMessageResponse, TextBlock, ThinkingBlock, ToolUseBlock } from '../anthropic/types.ts';
import type { OpenAIChatResponse, OpenAIToolCall } from '../openai/types.ts';
import { convertAnthropicUsage } from './convert-anthropic-usage.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';

export interface OpenAIResponseIdentity {
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

/**
 * Text blocks join into `content`, thinking into `reasoning_content` (the DeepSeek/vLLM field
 * OpenAI clients read), tool_use into `tool_calls` with ids kept. Dropped: thinking signatures,
 * redacted thinking, citations, server-tool blocks and `stop_sequence`.
 */
export function convertAnthropicResponseToOpenAI(response: AnthropicMessageResponse, context: OpenAIResponseIdentity): OpenAIChatResponse {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const toolCalls: OpenAIToolCall[] = [];
  for (const block of response.content) {
    if (block.type === 'text') texts.push((block as TextBlock).text);
    else if (block.type === 'thinking') thoughts.push((block as ThinkingBlock).thinking);
    else if (block.type === 'tool_use') {
      const toolUse = block as ToolUseBlock;
      toolCalls.push({ id: toolUse.id, type: 'function', function: { name: toolUse.name, arguments: JSON.stringify(toolUse.input ?? {}) } });
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
