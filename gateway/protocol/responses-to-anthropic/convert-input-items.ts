import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicMessage, ContentBlock, DocumentBlock, ImageBlock, TextBlock, ToolResultBlock } from '../anthropic/types.ts';
import { documentBlock, imageBlock, nonEmpty, toolUseId } from '../openai-to-anthropic/convert-openai-messages.ts';
import { parseToolArguments } from '../shared/parse-tool-arguments.ts';
import type {
  ResponsesContentPart,
  ResponsesCustomToolCallItem,
  ResponsesCustomToolCallOutputItem,
  ResponsesFunctionCallOutputItem,
  ResponsesInputItem,
  ResponsesMessageItem,
  ResponsesReasoningItem,
} from '../responses/types.ts';
import { CUSTOM_TOOL_INPUT } from '../shared/custom-tool-as-function.ts';

export interface ConvertedInput {
  system: TextBlock[];
  messages: AnthropicMessage[];
}

const NO_FILE_IDS = 'file ids need the Files API, which Gatehouse does not keep; send the file inline (a base64 data URI) instead.';

function contentBlock(part: ResponsesContentPart, field: string): TextBlock | ImageBlock | DocumentBlock {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image':
      if (typeof part.image_url !== 'string' || part.image_url === '') throw invalidRequest(`${field}: ${NO_FILE_IDS}`);
      return imageBlock(part.image_url);
    case 'input_file':
      if (part.file_data === undefined && part.file_id) throw invalidRequest(`${field}: ${NO_FILE_IDS}`);
      return documentBlock(part.file_data, part.filename);
    default:
      throw invalidRequest(`${field}: content parts of type "${String((part as { type?: unknown }).type)}" cannot be sent through Gatehouse.`);
  }
}

function contentBlocks(content: string | ResponsesContentPart[], field: string): (TextBlock | ImageBlock | DocumentBlock)[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return nonEmpty(content.map((part, index) => contentBlock(part, `${field}.content[${index}]`)));
}

/**
 * Reasoning summaries become unsigned thinking: an Anthropic upstream drops it as foreign (it
 * accepts only thinking it signed), an OpenAI-compatible one gets it back as reasoning_content.
 * `encrypted_content` is dropped deliberately: only OpenAI can read it, and no other vendor
 * could make use of it, so it goes nowhere.
 */
function thinkingOf(item: ResponsesReasoningItem): ContentBlock[] {
  const text = (item.summary ?? []).map((part) => part.text).filter((part) => part !== '').join('\n\n');
  return text === '' ? [] : [{ type: 'thinking', thinking: text, signature: null }];
}

/**
 * Responses input items → Anthropic turns. Instructions and system/developer messages become the
 * system prompt; consecutive function and custom tool calls (with the assistant text and reasoning
 * around them) join one assistant turn, as parallel calls; consecutive outputs join one user turn,
 * together with the user message that follows them, as Anthropic requires.
 */
export function convertInputItems(input: string | ResponsesInputItem[], instructions: string | null | undefined): ConvertedInput {
  const system: TextBlock[] = instructions ? [{ type: 'text', text: instructions }] : [];
  const messages: AnthropicMessage[] = [];
  const appendTo = (role: 'user' | 'assistant', blocks: ContentBlock[]) => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    if (last?.role === role && Array.isArray(last.content)) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  if (typeof input === 'string') {
    appendTo('user', contentBlocks(input, 'input'));
    return { system, messages };
  }

  for (const [index, item] of input.entries()) {
    const field = `input[${index}]`;
    const type = item.type ?? ('role' in item ? 'message' : undefined);
    switch (type) {
      case 'message': {
        const message = item as ResponsesMessageItem;
        const blocks = contentBlocks(message.content, field);
        if (message.role === 'system' || message.role === 'developer') system.push(...(blocks.filter((block) => block.type === 'text') as TextBlock[]));
        else if (message.role === 'user' || message.role === 'assistant') appendTo(message.role, blocks);
        else throw invalidRequest(`${field}.role: must be "user", "assistant", "system" or "developer".`);
        break;
      }
      case 'function_call': {
        const call = item as Extract<ResponsesInputItem, { type: 'function_call' }>;
        const input = parseToolArguments(call.arguments);
        if (input === undefined) throw invalidRequest(`${field}.arguments: the arguments of function call "${call.call_id}" (${call.name}) are not a JSON object.`);
        appendTo('assistant', [{ type: 'tool_use', id: toolUseId(call.call_id, `${field}.call_id`), name: call.name, input }]);
        break;
      }
      case 'custom_tool_call': {
        // The custom tool went upstream as a function taking one string (custom-tool-as-function.ts).
        const call = item as ResponsesCustomToolCallItem;
        if (typeof call.input !== 'string') throw invalidRequest(`${field}.input: the input of custom tool call "${call.call_id}" (${call.name}) must be a string.`);
        appendTo('assistant', [{ type: 'tool_use', id: toolUseId(call.call_id, `${field}.call_id`), name: call.name, input: { [CUSTOM_TOOL_INPUT]: call.input } }]);
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const output = item as ResponsesFunctionCallOutputItem | ResponsesCustomToolCallOutputItem;
        const result: ToolResultBlock = { type: 'tool_result', tool_use_id: toolUseId(output.call_id, `${field}.call_id`) };
        const content = typeof output.output === 'string' ? output.output : contentBlocks(output.output, `${field}.output`);
        if (content.length > 0) result.content = content;
        appendTo('user', [result]);
        break;
      }
      case 'reasoning':
        appendTo('assistant', thinkingOf(item as ResponsesReasoningItem));
        break;
      case 'item_reference':
        throw invalidRequest(`${field}: item references need stored responses, and Gatehouse keeps no responses; send the full input, as with store: false.`);
      default:
        throw invalidRequest(`${field}: input items of type "${String(type)}" cannot be sent through Gatehouse; it carries messages, function and custom tool calls, their outputs, and reasoning.`);
    }
  }
  return { system, messages };
}
