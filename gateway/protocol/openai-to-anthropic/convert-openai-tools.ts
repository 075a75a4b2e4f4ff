import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicTool, AnthropicToolChoice } from '../anthropic/types.ts';
import type { OpenAIChatRequest, OpenAIFunctionTool } from '../openai/types.ts';

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

/**
 * Functions become custom tools (`parameters` → `input_schema`, an empty object schema when
 * absent, which Anthropic requires). `parallel_tool_calls: false` becomes
 * `disable_parallel_tool_use` on the tool choice. Dropped: `strict`, which Anthropic's tools lack.
 */
export function convertOpenAITools(request: Pick<OpenAIChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'web_search_options'>): ToolFields {
  const tools: AnthropicTool[] = (request.tools ?? []).map(({ type, function: definition }, index) => {
    // OpenAI's custom tools take free-form text, which Anthropic's tools (JSON input) cannot.
    if (type !== 'function' || typeof definition !== 'object' || definition === null) {
      throw invalidRequest(`tools[${index}]: tools of type "${String(type)}" cannot be sent to an Anthropic upstream; only function tools can.`);
    }
    return toolOf(definition);
  });
  if (request.web_search_options !== undefined) tools.push(WEB_SEARCH_TOOL);
  const fields: ToolFields = tools.length > 0 ? { tools } : {};

  const disableParallel = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.tool_choice;
  if (choice === 'none') fields.tool_choice = { type: 'none' };
  else if (choice === 'required') fields.tool_choice = { type: 'any', ...disableParallel };
  else if (choice !== null && typeof choice === 'object') {
    // allowed_tools and custom choices have no Anthropic counterpart.
    if (choice.type !== 'function' || typeof choice.function !== 'object') {
      throw invalidRequest(`tool_choice: a choice of type "${String(choice.type)}" cannot be sent to an Anthropic upstream; use "none", "auto", "required" or a function.`);
    }
    fields.tool_choice = { type: 'tool', name: choice.function.name, ...disableParallel };
  } else if (choice === 'auto' || request.parallel_tool_calls === false) fields.tool_choice = { type: 'auto', ...disableParallel };
  if (fields.tools === undefined) delete fields.tool_choice;
  return fields;
}
