import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicMessage, ContentBlock, DocumentBlock, ImageBlock, TextBlock, ToolResultBlock, ToolUseBlock } from '../anthropic/types.ts';
import type { ContentPart, OpenAICustomToolCall, OpenAIMessage, OpenAIToolCall, TextPart } from '../openai/types.ts';
import { CUSTOM_TOOL_INPUT } from '../shared/custom-tool-as-function.ts';
import { parseDataUri } from '../shared/data-uri.ts';
import { parseToolArguments } from '../shared/parse-tool-arguments.ts';
import { normalizeToolCallId } from './normalize-tool-call-id.ts';

export interface ConvertedOpenAIMessages {
  system: TextBlock[];
  messages: AnthropicMessage[];
}

export function imageBlock(url: string): ImageBlock {
  const inline = parseDataUri(url);
  return { type: 'image', source: inline === undefined ? { type: 'url', url } : { type: 'base64', media_type: inline.mediaType, data: inline.data } };
}

/** An inline file (a PDF, usually) as a document block; file ids and URLs cannot be carried. */
export function documentBlock(fileData: string | undefined, filename: string | undefined): DocumentBlock {
  const inline = fileData === undefined ? undefined : parseDataUri(fileData);
  if (inline === undefined) throw invalidRequest('Only inline files (file_data as a base64 data URI) can be sent to an Anthropic upstream; OpenAI file_id references cannot.');
  const document: DocumentBlock = { type: 'document', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  if (filename !== undefined) document.title = filename;
  return document;
}

function contentBlocks(content: string | ContentPart[] | TextPart[] | null | undefined): (TextBlock | ImageBlock | DocumentBlock)[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.map((part) => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'image_url':
        return imageBlock(part.image_url.url);
      case 'file':
        return documentBlock(part.file.file_data, part.file.filename);
      default:
        throw invalidRequest(`Content parts of type "${part.type}" cannot be sent to an Anthropic upstream.`);
    }
  });
}

/**
 * Anthropic rejects empty text blocks, so they are left out.
 * Dropped deliberately: `name` on messages, assistant `reasoning_content`/`reasoning` (Anthropic
 * only accepts thinking it signed itself) and `refusal`.
 */
export const nonEmpty = <Block extends ContentBlock>(blocks: Block[]): Block[] => blocks.filter((block) => block.type !== 'text' || (block as TextBlock).text !== '');

/**
 * Anthropic refuses a conversation whose tool ids are not `[A-Za-z0-9_-]+`, and an OpenAI
 * client's history may hold ids another upstream minted (Kimi's `functions.Bash:0`, Gemini's
 * signed ids). The same rewrite on both sides keeps each call paired with its result.
 */
export function toolUseId(id: unknown, field: string): string {
  if (typeof id !== 'string' || id === '') throw invalidRequest(`${field}: a tool call id is required.`);
  return normalizeToolCallId(id).id;
}

/**
 * A function call's name and JSON arguments; a custom tool call's raw text as the one string its
 * tool takes upstream (custom-tool-as-function.ts).
 */
function toolUseOf(toolCall: OpenAIToolCall | OpenAICustomToolCall, field: string): Pick<ToolUseBlock, 'name' | 'input'> {
  if (toolCall.type === 'custom') {
    const { name, input } = (toolCall.custom ?? {}) as Partial<OpenAICustomToolCall['custom']>;
    if (typeof name !== 'string' || typeof input !== 'string') throw invalidRequest(`${field}.custom: a custom tool call needs a name and a string input.`);
    return { name, input: { [CUSTOM_TOOL_INPUT]: input } };
  }
  const input = parseToolArguments(toolCall.function.arguments);
  if (input === undefined) throw invalidRequest(`The arguments of tool call "${toolCall.id}" (${toolCall.function.name}) are not a JSON object.`);
  return { name: toolCall.function.name, input };
}

/**
 * System and developer messages, wherever they are, become the system prompt: every upstream
 * accepts that, whereas mid-conversation system messages need an Anthropic beta. Tool messages
 * become tool_result blocks in a user turn, together with the user message that follows them.
 */
export function convertOpenAIMessages(openAIMessages: OpenAIMessage[]): ConvertedOpenAIMessages {
  const system: TextBlock[] = [];
  const messages: AnthropicMessage[] = [];
  const appendToUserTurn = (blocks: ContentBlock[]) => {
    const last = messages.at(-1);
    if (last?.role === 'user' && Array.isArray(last.content)) last.content.push(...blocks);
    else messages.push({ role: 'user', content: blocks });
  };

  for (const [index, message] of openAIMessages.entries()) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...nonEmpty(contentBlocks(message.content) as TextBlock[]));
        break;
      case 'user':
        appendToUserTurn(nonEmpty(contentBlocks(message.content)));
        break;
      case 'tool': {
        const result: ToolResultBlock = { type: 'tool_result', tool_use_id: toolUseId(message.tool_call_id, `messages[${index}].tool_call_id`) };
        const content = typeof message.content === 'string' ? message.content : nonEmpty(contentBlocks(message.content));
        if (content.length > 0) result.content = content as ToolResultBlock['content'];
        appendToUserTurn([result]);
        break;
      }
      case 'assistant': {
        const blocks: ContentBlock[] = nonEmpty(contentBlocks(message.content));
        for (const [position, toolCall] of (message.tool_calls ?? []).entries()) {
          blocks.push({ type: 'tool_use', id: toolUseId(toolCall.id, `messages[${index}].tool_calls[${position}].id`), ...toolUseOf(toolCall, `messages[${index}].tool_calls[${position}]`) });
        }
        // An assistant turn with nothing Anthropic can carry would be rejected as empty.
        if (blocks.length > 0) messages.push({ role: 'assistant', content: blocks });
        break;
      }
    }
  }
  return { system, messages };
}
