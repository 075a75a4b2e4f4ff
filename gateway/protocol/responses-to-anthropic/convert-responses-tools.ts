import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicMessagesRequest } from '../anthropic/types.ts';
import type { OpenAIFunctionTool, OpenAIToolChoice } from '../openai/types.ts';
import { convertOpenAITools } from '../openai-to-anthropic/convert-openai-tools.ts';
import type { ResponsesFunctionTool, ResponsesRequest } from '../responses/types.ts';

/**
 * Responses tools → canonical tools, through the chat-completions mapping (a Responses function
 * tool is a chat function tool with its fields one level up). OpenAI's hosted tools
 * (web_search, file_search, code_interpreter, computer_use_preview, image_generation, mcp,
 * local_shell) run on OpenAI's side, and custom tools take free-form text that other vendors'
 * tools (JSON input) cannot: both are refused, naming the type, as the chat path refuses them.
 */
export function convertResponsesTools(request: ResponsesRequest): Pick<AnthropicMessagesRequest, 'tools' | 'tool_choice'> {
  const tools: OpenAIFunctionTool[] = (request.tools ?? []).map((tool, index) => {
    if (tool.type !== 'function') {
      throw invalidRequest(`tools[${index}]: tools of type "${String(tool.type)}" cannot be sent through Gatehouse, which carries only function tools to its upstreams.`);
    }
    const { name, description, parameters } = tool as ResponsesFunctionTool;
    return {
      type: 'function',
      function: { name, ...(description ? { description } : {}), ...(parameters ? { parameters } : {}) },
    };
  });
  const choice = request.tool_choice;
  const toolChoice: OpenAIToolChoice | undefined = choice !== null && typeof choice === 'object' && choice.type === 'function'
    ? { type: 'function', function: { name: (choice as { name: string }).name } }
    : (choice as OpenAIToolChoice | undefined);
  return convertOpenAITools({
    tools,
    ...(toolChoice === undefined ? {} : { tool_choice: toolChoice }),
    ...(request.parallel_tool_calls === false ? { parallel_tool_calls: false } : {}),
  });
}
