import { invalidRequest } from '../../errors/index.ts';
import type {
  AnthropicMessage,
  AnthropicMessagesRequest,
  CacheControl,
  ContentBlock,
  DocumentBlock,
  ImageBlock,
  TextBlock,
  ThinkingBlock,
  ToolResultBlock,
  ToolUseBlock,
} from '../anthropic/types.ts';
import type { ContentPart, OpenAIMessage, OpenAIToolCall, TextPart } from '../openai/types.ts';
import { toDataUri } from '../shared/data-uri.ts';
import { GEMINI_SIGNATURE_SEPARATOR } from '../shared/gemini-signature.ts';
import { isClaudeCodeBillingHeader } from '../shared/claude-code-billing-header.ts';

export interface MessageConversionContext {
  encodeToolName(name: string | null | undefined): string;
  /** Only upstreams that cache like Anthropic (Claude behind OpenRouter or LiteLLM) want it. */
  keepCacheControl: boolean;
  /** DeepSeek: earlier assistant turns carry their thinking as `reasoning_content`. */
  reasoningContent: boolean;
}

type CacheableText = { text: string; cache_control?: CacheControl | null | undefined };

/** `{}`, null and "" are never copied (LiteLLM #16), and the ttl never leaks (PR #39355). */
function cacheControlToKeep(block: { cache_control?: CacheControl | null }, context: MessageConversionContext): { type: 'ephemeral' } | undefined {
  return context.keepCacheControl && typeof block.cache_control?.type === 'string' ? { type: 'ephemeral' } : undefined;
}

function textPart(block: CacheableText, context: MessageConversionContext): TextPart {
  const cacheControl = cacheControlToKeep(block, context);
  return cacheControl === undefined ? { type: 'text', text: block.text } : { type: 'text', text: block.text, cache_control: cacheControl };
}

/** Plain text is one string unless a cache breakpoint must ride on a part. */
function textContent(blocks: CacheableText[], context: MessageConversionContext): string | TextPart[] {
  if (blocks.some((block) => cacheControlToKeep(block, context) !== undefined)) return blocks.map((block) => textPart(block, context));
  return blocks.map((block) => block.text).join('\n\n');
}

function imageUrl(block: ImageBlock): string {
  const { source } = block;
  if (source.type === 'base64') return toDataUri(source.media_type || 'image/jpeg', source.data);
  if (source.type === 'url') return source.url;
  throw invalidRequest('Images referenced by Anthropic file_id cannot be sent to an OpenAI-compatible upstream; send the image as base64 or a URL.');
}

/**
 * PDFs and other binary documents become OpenAI file parts; URL documents become image_url
 * parts as in LiteLLM (Gemini and OpenRouter read PDFs from them). Dropped: title, context
 * and citations settings, which OpenAI has no place for.
 */
function documentParts(block: DocumentBlock, context: MessageConversionContext): ContentPart[] {
  const { source } = block;
  switch (source.type) {
    case 'base64':
      return [{ type: 'file', file: { file_data: toDataUri(source.media_type, source.data), filename: block.title ?? 'document.pdf' } }];
    case 'url':
      return [{ type: 'image_url', image_url: { url: source.url } }];
    case 'text':
      return [textPart({ text: source.data, cache_control: block.cache_control }, context)];
    case 'content':
      return typeof source.content === 'string' ? [{ type: 'text', text: source.content }] : source.content.flatMap((item) => userParts(item, context));
    default:
      throw invalidRequest('Documents referenced by Anthropic file_id cannot be sent to an OpenAI-compatible upstream; send the document as base64, text or a URL.');
  }
}

function userParts(block: ContentBlock, context: MessageConversionContext): ContentPart[] {
  switch (block.type) {
    case 'text':
      return [textPart(block as TextBlock, context)];
    case 'image':
      return [{ type: 'image_url', image_url: { url: imageUrl(block as ImageBlock) } }];
    case 'document':
      return documentParts(block as DocumentBlock, context);
    default:
      // Server-tool results (web_search_tool_result, ...) and stray assistant blocks have no OpenAI form.
      return [];
  }
}

interface ConvertedToolResult {
  content: string | ContentPart[];
  /** Images and files the tool returned, for the user message that follows the tool messages. */
  media: ContentPart[];
}

/** What the tool message says where an image or file was. */
const MOVED_MEDIA_NOTE = { image: '[image: see the next message]', document: '[document: see the next message]' } as const;

/**
 * LiteLLM's rules for text: missing → "", one text → a string, anything longer → a list of
 * parts. Unlike LiteLLM, images and files do not stay in the tool message: OpenAI answers 400
 * "Image URLs are only allowed for messages with role 'user'", and a lone image sent as its
 * data-URI string reaches the model as megabytes of base64 text. A short note stays in their
 * place and the parts themselves go to `media`. Dropped: `is_error`, which OpenAI's tool
 * message cannot express.
 */
function convertToolResult(block: ToolResultBlock, context: MessageConversionContext): ConvertedToolResult {
  const { content } = block;
  if (content === undefined) return { content: '', media: [] };
  const items = typeof content === 'string' ? [{ type: 'text' as const, text: content, cache_control: block.cache_control }] : content;
  if (items.length === 0) return { content: '', media: [] };
  const only = items.length === 1 ? items[0]! : undefined;
  if (only?.type === 'text') {
    const text = { text: only.text, cache_control: only.cache_control ?? block.cache_control };
    return { content: textContent([text], context), media: [] };
  }
  const texts: ContentPart[] = [];
  const media: ContentPart[] = [];
  for (const item of items) {
    for (const part of userParts(item, context)) {
      if (part.type === 'text') texts.push(part);
      else {
        media.push(part);
        texts.push({ type: 'text', text: MOVED_MEDIA_NOTE[item.type === 'document' ? 'document' : 'image'] });
      }
    }
  }
  const onlyText = texts.length === 1 ? texts[0]! : undefined;
  return { content: onlyText?.type === 'text' && onlyText.cache_control === undefined ? onlyText.text : texts, media };
}

/** Puts a Gemini thought signature back where the upstream originally sent it. */
const upstreamToolCallId = (block: ToolUseBlock): string => {
  const signature = block.provider_specific_fields?.signature;
  return signature === undefined ? block.id : `${block.id}${GEMINI_SIGNATURE_SEPARATOR}${signature}`;
};

/**
 * Dropped deliberately: redacted_thinking blocks, thinking blocks unless the upstream wants
 * them back (their signatures only mean something to Anthropic, and OpenAI has no field for
 * prior reasoning), and server-tool blocks.
 */
function convertAssistant(blocks: ContentBlock[], context: MessageConversionContext, toolCallIds: Map<string, string>): OpenAIMessage | undefined {
  const texts: TextBlock[] = [];
  const thinking: string[] = [];
  const toolCalls: OpenAIToolCall[] = [];
  for (const block of blocks) {
    if (block.type === 'text') texts.push(block as TextBlock);
    else if (block.type === 'thinking') thinking.push((block as ThinkingBlock).thinking);
    else if (block.type === 'tool_use') {
      const toolUse = block as ToolUseBlock;
      const id = upstreamToolCallId(toolUse);
      toolCallIds.set(toolUse.id, id);
      toolCalls.push({ type: 'function', id, function: { name: context.encodeToolName(toolUse.name), arguments: JSON.stringify(toolUse.input ?? {}) } });
    }
  }
  if (texts.length === 0 && toolCalls.length === 0) return undefined;
  const content = texts.length === 0 ? null : textContent(texts, context);
  const message: OpenAIMessage = toolCalls.length === 0 ? { role: 'assistant', content } : { role: 'assistant', content, tool_calls: toolCalls };
  // DeepSeek's thinking mode answers 400 "Missing `reasoning_content` field" when an earlier
  // turn that called tools comes back without it (api-docs.deepseek.com/guides/thinking_mode),
  // and ignores it elsewhere; "" stands in for a turn whose thinking the client did not keep.
  if (context.reasoningContent) message.reasoning_content = thinking.join('\n\n');
  return message;
}

/**
 * Tool results answer the previous assistant turn, so they go first, before the user's own
 * words. The images and files they returned open the user message that follows them, the only
 * role OpenAI lets carry them.
 */
function convertUser(blocks: ContentBlock[], context: MessageConversionContext, toolCallIds: Map<string, string>): OpenAIMessage[] {
  const messages: OpenAIMessage[] = [];
  const media: ContentPart[] = [];
  const parts: ContentPart[] = [];
  for (const block of blocks) {
    if (block.type === 'tool_result') {
      const result = block as ToolResultBlock;
      const converted = convertToolResult(result, context);
      messages.push({ role: 'tool', tool_call_id: toolCallIds.get(result.tool_use_id) ?? result.tool_use_id, content: converted.content });
      media.push(...converted.media);
    } else parts.push(...userParts(block, context));
  }
  parts.unshift(...media);
  if (parts.length === 0) return messages;
  const onlyPart = parts.length === 1 ? parts[0]! : undefined;
  const content = onlyPart?.type === 'text' && onlyPart.cache_control === undefined ? onlyPart.text : parts;
  messages.push({ role: 'user', content });
  return messages;
}

function systemTexts(system: AnthropicMessagesRequest['system'] | AnthropicMessage['content']): TextBlock[] {
  if (system === undefined) return [];
  if (typeof system === 'string') return system === '' ? [] : [{ type: 'text', text: system }];
  const blocks: ContentBlock[] = system;
  return blocks.filter((block): block is TextBlock => block.type === 'text' && !isClaudeCodeBillingHeader(block as TextBlock));
}

/**
 * One leading system message, then every message in order. Mid-array `role:"system"` messages
 * (Claude Code's mid-conversation-system beta: the agent list arrives as one) are folded into
 * it after the system prompt, in order, for every upstream: the Qwen chat templates that vLLM,
 * llama.cpp and LM Studio apply accept exactly one system message and only first, and answer
 * 400 "System message must be at the beginning" otherwise (vllm#41114, llama.cpp#20733).
 */
export function convertAnthropicMessages(request: AnthropicMessagesRequest, context: MessageConversionContext): OpenAIMessage[] {
  const system = systemTexts(request.system);
  const messages: OpenAIMessage[] = [];
  const toolCallIds = new Map<string, string>();
  for (const message of request.messages) {
    const blocks: ContentBlock[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (message.role === 'system') system.push(...systemTexts(message.content));
    else if (message.role === 'user') messages.push(...convertUser(blocks, context, toolCallIds));
    else {
      const assistant = convertAssistant(blocks, context, toolCallIds);
      if (assistant !== undefined) messages.push(assistant);
    }
  }
  if (system.length > 0) messages.unshift({ role: 'system', content: textContent(system, context) });
  return messages;
}
