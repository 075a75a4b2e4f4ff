import type { AnthropicMessageResponse, TextBlock, ThinkingBlock, ToolUseBlock } from '../anthropic/types.ts';
import type { ResponsesOutputItem, ResponsesOutputText, ResponsesResponse } from '../responses/types.ts';
import { convertUsageToResponses } from './convert-usage.ts';
import { customToolInput } from '../shared/custom-tool-input.ts';
import { customToolNames } from './custom-tool-call.ts';
import { createResponse, outputItemId, statusOf, type ResponsesIdentity } from './create-response.ts';

/**
 * A whole canonical answer as a Responses object: thinking → `reasoning` items (as summary
 * text), each run of text blocks → one `message` with an output_text part per block, each
 * tool_use → a `function_call` whose call_id is the tool_use id (a `custom_tool_call` with the raw
 * text, for a tool the request declared custom). Dropped: thinking signatures,
 * redacted thinking, citations and server-tool blocks, which a Responses client cannot send back.
 */
export function convertAnthropicResponseToResponses(message: AnthropicMessageResponse, identity: ResponsesIdentity): ResponsesResponse {
  const output: ResponsesOutputItem[] = [];
  const { status, incomplete_details } = statusOf(message.stop_reason);
  const itemStatus = status === 'completed' ? 'completed' : 'incomplete';
  const customTools = customToolNames(identity.request);
  let texts: ResponsesOutputText[] | undefined;
  for (const block of message.content) {
    if (block.type !== 'text') texts = undefined;
    if (block.type === 'text') {
      const part: ResponsesOutputText = { type: 'output_text', text: (block as TextBlock).text, annotations: [] };
      if (texts) texts.push(part);
      else {
        texts = [part];
        output.push({ type: 'message', id: outputItemId(identity, 'msg', output.length), role: 'assistant', status: itemStatus, content: texts });
      }
    } else if (block.type === 'thinking') {
      output.push({ type: 'reasoning', id: outputItemId(identity, 'rs', output.length), summary: [{ type: 'summary_text', text: (block as ThinkingBlock).thinking }] });
    } else if (block.type === 'tool_use') {
      const toolUse = block as ToolUseBlock;
      const call = { call_id: toolUse.id, name: toolUse.name, status: 'completed' as const };
      output.push(customTools.has(toolUse.name)
        ? { type: 'custom_tool_call', id: outputItemId(identity, 'ctc', output.length), ...call, input: customToolInput(toolUse.input) }
        : { type: 'function_call', id: outputItemId(identity, 'fc', output.length), ...call, arguments: JSON.stringify(toolUse.input ?? {}) });
    }
  }
  return createResponse(identity, { status, incomplete_details, output, usage: convertUsageToResponses(message.usage) });
}
