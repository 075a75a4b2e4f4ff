import type { AnthropicMessageResponse } from '../anthropic/types.ts';
import type { OllamaChatChunk } from '../ollama/types.ts';
import { GatewayError } from '../../errors/index.ts';
import { convertOllamaToolCall } from './convert-tool-call.ts';
import { convertOllamaUsage, pickOllamaMetrics } from './convert-usage.ts';
import { createAnthropicMessage, type OllamaToAnthropicContext } from './create-message.ts';
import { mapOllamaStopReason } from './map-stop-reason.ts';

/**
 * Ollama's non-streaming /api/chat reply (`stream:false`: one object with `done:true`) →
 * Anthropic Message. Blocks come in Anthropic's order: thinking, text, tool_use. The thinking
 * block has no signature: only Anthropic signs thinking.
 */
export function convertOllamaResponseToAnthropic(response: OllamaChatChunk, context: OllamaToAnthropicContext): AnthropicMessageResponse {
  if (response.error !== undefined) throw new GatewayError('provider_server_error', 502, `Ollama answered with an error: ${response.error}`);
  const message = response.message;
  const content: AnthropicMessageResponse['content'] = [];
  if (message?.thinking) content.push({ type: 'thinking', thinking: message.thinking });
  if (message?.content) content.push({ type: 'text', text: message.content });
  const toolCalls = message?.tool_calls ?? [];
  for (const call of toolCalls) content.push(convertOllamaToolCall(call, context.idFactory));
  return createAnthropicMessage(context, {
    content,
    stop_reason: mapOllamaStopReason(response.done_reason, toolCalls.length > 0),
    usage: convertOllamaUsage(pickOllamaMetrics(response)),
  });
}
