import type { AnthropicMessagesRequest, ContentBlock } from '../protocol/anthropic/types.ts';

/** Roughly what Claude's tokenizer yields per character of English prose and code. */
const CHARS_PER_TOKEN = 3.5;
/** Anthropic bills a typical screenshot-sized image at about this many tokens. */
const TOKENS_PER_IMAGE = 1600;

/**
 * A fast input-size estimate for routing (the longContext rule), cheap enough for every
 * request. Images count at a flat rate instead of their base64 length, which would
 * otherwise make one screenshot look like a long context. count_tokens uses a real tokenizer.
 */
export function estimateInputTokens(request: AnthropicMessagesRequest): number {
  let chars = 0;
  let images = 0;
  const visitBlocks = (content: string | readonly ContentBlock[] | undefined) => {
    if (content === undefined) return;
    if (typeof content === 'string') {
      chars += content.length;
      return;
    }
    for (const block of content) {
      switch (block.type) {
        case 'text': chars += (block as { text: string }).text.length; break;
        case 'thinking': chars += (block as { thinking: string }).thinking.length; break;
        case 'tool_use': chars += JSON.stringify((block as { input: unknown }).input ?? {}).length; break;
        case 'tool_result': visitBlocks((block as { content?: string | ContentBlock[] }).content); break;
        case 'image': case 'document': images += 1; break;
        default: break;
      }
    }
  };
  visitBlocks(request.system as string | ContentBlock[] | undefined);
  for (const message of request.messages) visitBlocks(message.content);
  for (const tool of request.tools ?? []) chars += JSON.stringify(tool).length;
  return Math.ceil(chars / CHARS_PER_TOKEN) + images * TOKENS_PER_IMAGE;
}
