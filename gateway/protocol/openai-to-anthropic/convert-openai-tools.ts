import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicTool, AnthropicToolChoice } from '../anthropic/types.ts';
import type { OpenAIChatRequest, OpenAICustomTool, OpenAIFunctionTool } from '../openai/types.ts';
import { customToolAsFunction } from '../shared/custom-tool-as-function.ts';

type ToolFields = { tools?: AnthropicTool[]; tool_choice?: AnthropicToolChoice };

/** Anthropic's hosted search tool, the counterpart of OpenAI's web_search_options. */
const WEB_SEARCH_TOOL: AnthropicTool = { type: 'web_search_20250305', name: 'web_search' };

function toolOf(definition: OpenAIFunctionTool['function']): AnthropicTool {
  return {
    name: definition.name,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    input_schema: definition.parameters ?? { type: 'object', properties: {} },
  };
}

/** A Chat Completions custom tool's grammar is nested in `format.grammar` (a Responses one's sits in `format`). */
function customToolOf({ custom }: OpenAICustomTool): OpenAIFunctionTool['function'] {
  const { name, description, format } = custom;
  return customToolAsFunction({ name, description, ...(format?.type === 'grammar' ? { grammar: format.grammar } : {}) }).function;
}

/** The name a tool choice forces: a function's or a custom tool's, which went upstream as a function. */
function forcedToolName(choice: Exclude<OpenAIChatRequest['tool_choice'], string | undefined>): string | undefined {
  if (choice.type === 'function' && typeof choice.function === 'object' && choice.function !== null) return choice.function.name;
  if (choice.type === 'custom' && typeof choice.custom === 'object' && choice.custom !== null) return choice.custom.name;
  return undefined;
}

/**
 * Functions become custom tools (`parameters` → `input_schema`, an empty object schema when
 * absent, which Anthropic requires); OpenAI's custom (freeform) tools become tools taking one
 * string (see custom-tool-as-function.ts), and a choice of one a choice of that tool.
 * `parallel_tool_calls: false` becomes `disable_parallel_tool_use` on the tool choice. Dropped:
 * `strict`, which Anthropic's tools lack.
 */
export function convertOpenAITools(request: Pick<OpenAIChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'web_search_options'>): ToolFields {
  const tools: AnthropicTool[] = (request.tools ?? []).map((tool, index) => {
    if (tool.type === 'function' && typeof tool.function === 'object' && tool.function !== null) return toolOf(tool.function);
    if (tool.type === 'custom' && typeof tool.custom === 'object' && tool.custom !== null && typeof tool.custom.name === 'string') return toolOf(customToolOf(tool));
    throw invalidRequest(`tools[${index}]: tools of type "${String(tool.type)}" cannot be sent to an Anthropic upstream; only function and custom tools can.`);
  });
  if (request.web_search_options !== undefined) tools.push(WEB_SEARCH_TOOL);
  const fields: ToolFields = tools.length > 0 ? { tools } : {};

  const disableParallel = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.tool_choice;
  if (choice === 'none') fields.tool_choice = { type: 'none' };
  else if (choice === 'required') fields.tool_choice = { type: 'any', ...disableParallel };
  else if (choice !== null && typeof choice === 'object') {
    // allowed_tools has no Anthropic counterpart.
    const name = forcedToolName(choice);
    if (name === undefined) {
      throw invalidRequest(`tool_choice: a choice of type "${String(choice.type)}" cannot be sent to an Anthropic upstream; use "none", "auto", "required", a function or a custom tool.`);
    }
    fields.tool_choice = { type: 'tool', name, ...disableParallel };
  } else if (choice === 'auto' || request.parallel_tool_calls === false) fields.tool_choice = { type: 'auto', ...disableParallel };
  if (fields.tools === undefined) delete fields.tool_choice;
  return fields;
}
