import type { AnthropicMessage, AnthropicMessagesRequest, ContentBlock } from './types.ts';

/*
 * Thinking that came from another model (translated from reasoning_content) has no Anthropic
 * signature, and tool calls may carry Gemini's provider_specific_fields. Anthropic rejects
 * both, so when a conversation moves to Anthropic (a fallback, a route switch) they are
 * removed. Signed thinking and redacted_thinking are Anthropic's own and stay.
 *
 * The request may be the client's own JSON, checked only for its envelope so far: content that
 * is not a list of blocks is left alone, for the upstream to refuse.
 */

/** The blocks of an assistant turn, or nothing when its content is not a list. */
function assistantBlocks(message: AnthropicMessage): unknown[] | undefined {
  return message.role === 'assistant' && Array.isArray(message.content) ? message.content : undefined;
}

function isBlock(value: unknown): value is ContentBlock {
  return value !== null && typeof value === 'object';
}

function isForeign(block: unknown): boolean {
  return isBlock(block) && block.type === 'thinking' && !(block as { signature?: string | null }).signature;
}

function hasProviderFields(block: unknown): block is ContentBlock & { provider_specific_fields: unknown } {
  return isBlock(block) && block.type === 'tool_use' && 'provider_specific_fields' in block;
}

/**
 * Whether stripForeignThinking would change anything, read from the parsed request. Regular
 * expressions over the raw body cost ~0.2 ms on an 85 KB Claude Code request (which always
 * carries `"thinking"`, its adaptive setting) and matched tool inputs that only look like
 * thinking blocks.
 */
export function hasForeignThinking(request: AnthropicMessagesRequest): boolean {
  return request.messages.some((message) => assistantBlocks(message)?.some((block) => isForeign(block) || hasProviderFields(block)) === true);
}

export function stripForeignThinking(request: AnthropicMessagesRequest): AnthropicMessagesRequest {
  const messages: AnthropicMessage[] = request.messages.map((message) => {
    const blocks = assistantBlocks(message);
    if (!blocks) return message;
    const content = blocks.filter((block) => !isForeign(block)).map((block) => {
      if (!hasProviderFields(block)) return block;
      const { provider_specific_fields: _dropped, ...rest } = block;
      return rest;
    }) as ContentBlock[];
    // An assistant turn made only of foreign thinking still needs content to stay valid.
    return { ...message, content: content.length > 0 ? content : [{ type: 'text', text: '...' }] };
  });
  return { ...request, messages };
}
