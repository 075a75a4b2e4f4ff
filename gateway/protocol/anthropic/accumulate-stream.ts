import type { AnthropicMessageResponse, AnthropicStreamEvent, AssistantContentBlock, ServerToolBlock, TextBlock, ThinkingBlock, ToolUseBlock } from './types.ts';

type Block = AssistantContentBlock | ServerToolBlock;

/**
 * Rebuilds the final Message from a stream of events, as Anthropic's SDKs do: text and
 * thinking deltas are concatenated, tool input JSON is parsed once its block closes.
 * Returns undefined until message_stop, or when the stream reported an error.
 */
export class StreamAccumulator {
  #message: AnthropicMessageResponse | undefined;
  readonly #blocks: Block[] = [];
  readonly #partialJson = new Map<number, string>();
  #complete = false;
  #failed = false;

  push(event: AnthropicStreamEvent): void {
    switch (event.type) {
      case 'message_start':
        this.#message = { ...event.message, content: [] };
        break;
      case 'content_block_start':
        this.#blocks[event.index] = structuredClone(event.content_block);
        break;
      case 'content_block_delta': {
        const block = this.#blocks[event.index];
        if (!block) break;
        const delta = event.delta;
        // ServerToolBlock's open `type` defeats narrowing, hence the casts after each check.
        if (delta.type === 'text_delta' && block.type === 'text') (block as TextBlock).text += delta.text;
        else if (delta.type === 'thinking_delta' && block.type === 'thinking') (block as ThinkingBlock).thinking += delta.thinking;
        else if (delta.type === 'signature_delta' && block.type === 'thinking') {
          const thinking = block as ThinkingBlock;
          thinking.signature = (thinking.signature ?? '') + delta.signature;
        }
        else if (delta.type === 'input_json_delta') this.#partialJson.set(event.index, (this.#partialJson.get(event.index) ?? '') + delta.partial_json);
        break;
      }
      case 'content_block_stop': {
        const block = this.#blocks[event.index];
        const json = this.#partialJson.get(event.index);
        if (block?.type === 'tool_use' && json !== undefined) {
          try {
            (block as ToolUseBlock).input = json === '' ? {} : (JSON.parse(json) as Record<string, unknown>);
          } catch {
            this.#failed = true;
          }
        }
        break;
      }
      case 'message_delta':
        if (this.#message) {
          this.#message.stop_reason = event.delta.stop_reason;
          this.#message.stop_sequence = event.delta.stop_sequence;
          this.#message.usage = { ...this.#message.usage, ...event.usage };
        }
        break;
      case 'message_stop':
        this.#complete = true;
        break;
      case 'error':
        this.#failed = true;
        break;
      default:
        break;
    }
  }

  message(): AnthropicMessageResponse | undefined {
    if (!this.#message || !this.#complete || this.#failed) return undefined;
    return { ...this.#message, content: this.#blocks.filter((block) => block !== undefined) };
  }
}
