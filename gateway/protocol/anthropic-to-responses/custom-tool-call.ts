import type { ResponsesRequest } from '../responses/types.ts';

/** The request's custom (freeform) tools: a call to one goes back as a custom_tool_call, not a function_call. */
export function customToolNames(request: ResponsesRequest): ReadonlySet<string> {
  return new Set((request.tools ?? []).filter((tool) => tool.type === 'custom').map((tool) => (tool as { name: string }).name));
}
