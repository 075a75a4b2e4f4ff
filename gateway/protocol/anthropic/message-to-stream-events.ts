import type { AnthropicMessageResponse, AnthropicStreamEvent, TextBlock, ThinkingBlock, ToolUseBlock } from './types.ts';

/**
 * Replays a complete Message as the event sequence Anthropic would have streamed: one block
 * at a time, text and thinking as a single delta each, tool input as one input_json_delta.
 * Used for cached answers and for non-streaming upstreams behind a streaming client.
 */
export function messageToStreamEvents(message: AnthropicMessageResponse): AnthropicStreamEvent[] {
  const events: AnthropicStreamEvent[] = [{
    type: 'message_start',
    message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...message.usage, output_tokens: 0 } },
  }];
  // ServerToolBlock's open `type` defeats narrowing, hence the casts after each check.
  message.content.forEach((content, index) => {
    if (content.type === 'text') {
      const block = content as TextBlock;
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      if (block.text !== '') events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } });
    } else if (content.type === 'thinking') {
      const block = content as ThinkingBlock;
      events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      if (block.thinking !== '') events.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: block.thinking } });
      if (block.signature) events.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (content.type === 'tool_use') {
      const block = content as ToolUseBlock;
      events.push({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input ?? {}) } });
    } else {
      events.push({ type: 'content_block_start', index, content_block: content });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
    usage: { output_tokens: message.usage.output_tokens },
  });
  events.push({ type: 'message_stop' });
  return events;
}
