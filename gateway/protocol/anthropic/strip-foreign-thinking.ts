import type { AnthropicMessage, AnthropicMessagesRequest, ContentBlock } from './types.ts';

/**
 * Thinking that came from another model (translated from reasoning_content) has no Anthropic
 * signature, and tool calls may carry Gemini's provider_specific_fields. Anthropic rejects
 * both, so when a conversation moves to Anthropic (a fallback, a route switch) they are
 * removed. Signed thinking and redacted_thinking are Anthropic's own and stay.
 */
export function hasForeignThinking(rawBody: string): boolean {
  return rawBody.includes('provider_specific_fields') || (rawBody.includes('"thinking"') && /"signature":\s*(null|"")/.test(rawBody)) || /"type":\s*"thinking"(?![^{}]*"signature")/.test(rawBody);
}

function isForeign(block: ContentBlock): boolean {
  return block.type === 'thinking' && !(block as { signature?: string | null }).signature;
}

function cleanBlock(block: ContentBlock): ContentBlock {
  if (block.type !== 'tool_use' || !('provider_specific_fields' in block)) return block;
  const { provider_specific_fields: _dropped, ...rest } = block as ContentBlock & { provider_specific_fields?: unknown };
  return rest as ContentBlock;
}

export function stripForeignThinking(request: AnthropicMessagesRequest): AnthropicMessagesRequest {
  const messages: AnthropicMessage[] = request.messages.map((message) => {
    if (message.role !== 'assistant' || typeof message.content === 'string') return message;
    const content = message.content.filter((block) => !isForeign(block)).map(cleanBlock);
    // An assistant turn made only of foreign thinking still needs content to stay valid.
    return { ...message, content: content.length > 0 ? content : [{ type: 'text', text: '...' }] };
  });
  return { ...request, messages };
}
