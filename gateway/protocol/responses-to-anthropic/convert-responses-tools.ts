import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicMessagesRequest } from '../anthropic/types.ts';
import type { OpenAIFunctionTool, OpenAIToolChoice } from '../openai/types.ts';
import { convertOpenAITools } from '../openai-to-anthropic/convert-openai-tools.ts';
import type { ResponsesCustomTool, ResponsesFunctionTool, ResponsesRequest } from '../responses/types.ts';
import { customToolAsFunction } from '../shared/custom-tool-as-function.ts';

/**
 * OpenAI's own tools, dropped from the request deliberately: no other vendor's model can use them.
 * The hosted ones (web search, file search, code interpreter, image generation, computer use,
 * remote MCP) run on OpenAI's servers; `local_shell`, `shell` and `apply_patch` are tools OpenAI's
 * models are trained on, whose calls come back as their own item types (local_shell_call,
 * shell_call, apply_patch_call) that only those models produce. Codex CLI declares web_search
 * (and local_shell for some models) alongside its function and custom tools, so refusing them
 * would refuse every Codex turn; the model simply answers without them. Only a tool_choice that
 * forces one is refused, since that request cannot be honoured.
 */
const OPENAI_ONLY_TOOLS = new Set([
  'web_search', 'web_search_2025_08_26', 'web_search_preview', 'web_search_preview_2025_03_11',
  'file_search', 'code_interpreter', 'image_generation', 'computer', 'computer_use', 'computer_use_preview', 'mcp',
  'local_shell', 'shell', 'apply_patch',
]);

/** A Responses custom tool's grammar sits in `format` itself (Chat Completions nests it one level down). */
function customToolOf({ name, description, format }: ResponsesCustomTool): OpenAIFunctionTool {
  return customToolAsFunction({ name, description, ...(format?.type === 'grammar' ? { grammar: { syntax: format.syntax, definition: format.definition } } : {}) });
}

function functionToolOf(tool: ResponsesFunctionTool): OpenAIFunctionTool {
  const { name, description, parameters } = tool;
  return { type: 'function', function: { name, ...(description ? { description } : {}), ...(parameters ? { parameters } : {}) } };
}

/** A choice naming a function or custom tool becomes a function choice; one forcing a dropped tool is refused. */
function toolChoiceOf(request: ResponsesRequest, carried: number): OpenAIToolChoice | undefined {
  const choice = request.tool_choice;
  if (choice === 'required' && carried === 0 && (request.tools ?? []).length > 0) {
    throw invalidRequest('tool_choice: "required" cannot be honoured: every tool in the request is one of OpenAI\'s own (hosted) tools, which Gatehouse drops since other vendors\' models cannot use them.');
  }
  if (choice === null || typeof choice !== 'object') return choice as OpenAIToolChoice | undefined;
  if (OPENAI_ONLY_TOOLS.has(choice.type)) {
    throw invalidRequest(`tool_choice: a "${choice.type}" tool cannot be forced: it is one of OpenAI's own (hosted) tools, which Gatehouse drops since other vendors' models cannot use them.`);
  }
  if (choice.type === 'function' || choice.type === 'custom') return { type: 'function', function: { name: (choice as { name: string }).name } };
  return choice as OpenAIToolChoice;
}

/**
 * Responses tools → canonical tools, through the chat-completions mapping (a Responses function
 * tool is a chat function tool with its fields one level up). Custom (freeform) tools become
 * functions taking one string (see custom-tool-as-function.ts); OpenAI's own tools are dropped (see
 * OPENAI_ONLY_TOOLS); any other type is refused, naming it.
 */
export function convertResponsesTools(request: ResponsesRequest): Pick<AnthropicMessagesRequest, 'tools' | 'tool_choice'> {
  const tools: OpenAIFunctionTool[] = [];
  for (const [index, tool] of (request.tools ?? []).entries()) {
    if (tool.type === 'function') tools.push(functionToolOf(tool as ResponsesFunctionTool));
    else if (tool.type === 'custom') tools.push(customToolOf(tool as ResponsesCustomTool));
    else if (!OPENAI_ONLY_TOOLS.has(tool.type)) {
      throw invalidRequest(`tools[${index}]: tools of type "${String(tool.type)}" cannot be sent through Gatehouse, which carries function and custom tools to its upstreams (and drops OpenAI's hosted ones).`);
    }
  }
  const toolChoice = toolChoiceOf(request, tools.length);
  return convertOpenAITools({
    tools,
    ...(toolChoice === undefined ? {} : { tool_choice: toolChoice }),
    ...(request.parallel_tool_calls === false ? { parallel_tool_calls: false } : {}),
  });
}
