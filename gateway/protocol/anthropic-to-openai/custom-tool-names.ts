import type { OpenAIChatRequest } from '../openai/types.ts';

/** A Chat Completions request's custom (freeform) tools: a call to one goes back as a custom tool call, not a function call. */
export function chatCustomToolNames(request: Pick<OpenAIChatRequest, 'tools'>): ReadonlySet<string> {
  const names = (Array.isArray(request.tools) ? request.tools : []).flatMap((tool) => (tool?.type === 'custom' && typeof tool.custom?.name === 'string' ? [tool.custom.name] : []));
  return new Set(names);
}
