import type { AnthropicMessagesRequest } from './types.ts';
import { claudeModelRules } from './claude-model-rules.ts';

/*
 * Claude Opus 5.5, Sonnet 5.5, Fable 5.1 and Mythos 5.1 refuse forced tool use (tool_choice `any`
 * or a named tool) with a 400 (sources in claude-model-rules.ts). OpenAI clients force a tool
 * routinely, mostly to get structured output (`required`, or a named function as LangChain's and
 * instructor's structured output do), and a 400 would end every such request on those models.
 * They go with `auto` instead, which the model answers by calling the tool when the prompt asks
 * for it; a named tool is the only one offered, so a call can only be to it. The model may still
 * answer in text, so the change is not silent: the gateway names it in the x-gatehouse-adjusted
 * response header.
 */

/** The request with `auto` in place of a forced tool choice the model refuses; the same object otherwise. */
export function relaxForcedToolChoice(request: AnthropicMessagesRequest, model: string): AnthropicMessagesRequest {
  const choice = request.tool_choice;
  if ((choice?.type !== 'any' && choice?.type !== 'tool') || claudeModelRules(model)?.forcedToolUse !== false) return request;
  const auto = { type: 'auto' as const, ...(choice.disable_parallel_tool_use === undefined ? {} : { disable_parallel_tool_use: choice.disable_parallel_tool_use }) };
  if (choice.type === 'any') return { ...request, tool_choice: auto };
  const named = request.tools?.filter((tool) => tool.name === choice.name);
  return { ...request, tool_choice: auto, ...(named !== undefined && named.length > 0 ? { tools: named } : {}) };
}
