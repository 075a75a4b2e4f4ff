import type { Tiktoken } from 'js-tiktoken/lite';
import type { AnthropicCountTokensRequest, ContentBlock } from '../protocol/anthropic/types.ts';
import { imageTokens } from './image-tokens.ts';

let encoder: Promise<Tiktoken> | undefined;

/** The BPE ranks are ~1 MB; load them on first use, not at startup. */
function loadEncoder(): Promise<Tiktoken> {
  encoder ??= Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/cl100k_base')])
    .then(([lite, ranks]) => new lite.Tiktoken(ranks.default));
  return encoder;
}

/** Per-message and per-tool framing tokens the Messages API adds around the content. */
const MESSAGE_OVERHEAD = 4;
const TOOL_OVERHEAD = 8;
const SYSTEM_OVERHEAD = 3;

/**
 * Counts input tokens without the provider, for upstreams that cannot count: a real BPE
 * tokenizer over system, messages (text, tool calls and results, thinking), tool
 * definitions, and images by their pixel size. Claude's own tokenizer is not public, so this
 * is an estimate; it counts everything Claude Code sends rather than only the messages.
 */
export async function countTokensLocally(request: AnthropicCountTokensRequest): Promise<number> {
  const tokenizer = await loadEncoder();
  const countText = (text: string) => (text.length === 0 ? 0 : tokenizer.encode(text, 'all').length);
  const countBlocks = (content: string | readonly ContentBlock[] | undefined): number => {
    if (content === undefined) return 0;
    if (typeof content === 'string') return countText(content);
    let total = 0;
    for (const block of content) {
      switch (block.type) {
        case 'text': total += countText((block as { text: string }).text); break;
        case 'thinking': total += countText((block as { thinking: string }).thinking); break;
        case 'tool_use': {
          const toolUse = block as { name: string; input: unknown };
          total += countText(toolUse.name) + countText(JSON.stringify(toolUse.input ?? {})) + MESSAGE_OVERHEAD;
          break;
        }
        case 'tool_result': total += countBlocks((block as { content?: string | ContentBlock[] }).content) + MESSAGE_OVERHEAD; break;
        case 'image': total += imageTokens((block as { source: { type: string; data?: string } }).source); break;
        case 'document': {
          const source = (block as { source: { type: string; data?: string } }).source;
          total += source.type === 'text' && source.data ? countText(source.data) : imageTokens(source);
          break;
        }
        default: total += countText(JSON.stringify(block)); break;
      }
    }
    return total;
  };
  let total = 0;
  if (request.system !== undefined) total += countBlocks(request.system as string | ContentBlock[]) + SYSTEM_OVERHEAD;
  for (const message of request.messages) total += countBlocks(message.content) + MESSAGE_OVERHEAD;
  for (const tool of request.tools ?? []) total += countText(JSON.stringify(tool)) + TOOL_OVERHEAD;
  return total;
}
