import type { AnthropicTool, AnthropicToolChoice, CustomTool, HostedTool } from '../anthropic/types.ts';
import type { OpenAIChatRequest, OpenAIFunctionTool } from '../openai/types.ts';

type ToolFields = Pick<OpenAIChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'web_search_options'>;

const isCustomTool = (tool: AnthropicTool): tool is CustomTool => tool.type === undefined || tool.type === 'custom' || 'input_schema' in tool;
const isWebSearchTool = (tool: AnthropicTool): tool is HostedTool => typeof tool.type === 'string' && tool.type.startsWith('web_search');

/**
 * Anthropic's web search tool has an OpenAI counterpart in `web_search_options`; only its
 * approximate user location carries over (max_uses and domain filters have no equivalent).
 * @see https://platform.openai.com/docs/guides/tools-web-search?api-mode=chat
 */
function toWebSearchOptions(tool: HostedTool): Record<string, unknown> {
  const location = tool.user_location as Record<string, unknown> | undefined;
  if (location?.type !== 'approximate') return {};
  const { type: _type, ...approximate } = location;
  return { user_location: { type: 'approximate', approximate } };
}

/**
 * Custom tools become functions (`input_schema` → `parameters`; cache_control dropped).
 * Dropped deliberately: Anthropic-hosted client tools (bash_*, text_editor_*, computer_*,
 * code_execution_*, memory_*), which only Anthropic executes or has schemas for.
 */
export function convertAnthropicTools(
  tools: AnthropicTool[] | undefined,
  toolChoice: AnthropicToolChoice | undefined,
  encodeToolName: (name: string | null | undefined) => string,
): ToolFields {
  const fields: ToolFields = {};
  const functions: OpenAIFunctionTool[] = [];
  for (const tool of tools ?? []) {
    if (isWebSearchTool(tool)) fields.web_search_options = toWebSearchOptions(tool);
    else if (isCustomTool(tool)) {
      const definition: OpenAIFunctionTool['function'] = { name: encodeToolName(tool.name), parameters: tool.input_schema };
      if (tool.description !== undefined) definition.description = tool.description;
      functions.push({ type: 'function', function: definition });
    }
  }
  if (functions.length > 0) fields.tools = functions;
  // OpenAI rejects a tool_choice without tools, which is what is left when only web search was offered.
  if (toolChoice === undefined || functions.length === 0) return fields;

  if (toolChoice.type === 'none') fields.tool_choice = 'none';
  else if (toolChoice.type === 'any') fields.tool_choice = 'required';
  else if (toolChoice.type === 'auto') fields.tool_choice = 'auto';
  else fields.tool_choice = { type: 'function', function: { name: encodeToolName(toolChoice.name) } };
  if (toolChoice.type !== 'none' && toolChoice.disable_parallel_tool_use === true) fields.parallel_tool_calls = false;
  return fields;
}
