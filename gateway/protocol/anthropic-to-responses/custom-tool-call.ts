import { CUSTOM_TOOL_INPUT } from '../responses-to-anthropic/convert-custom-tool.ts';
import type { ResponsesRequest } from '../responses/types.ts';

/** The request's custom (freeform) tools: a call to one goes back as a custom_tool_call, not a function_call. */
export function customToolNames(request: ResponsesRequest): ReadonlySet<string> {
  return new Set((request.tools ?? []).filter((tool) => tool.type === 'custom').map((tool) => (tool as { name: string }).name));
}

/**
 * The raw text inside a custom tool's canonical input, asked of the model as `{input: "…"}`
 * (convert-custom-tool.ts). Leniently, a model that named its one string property otherwise still
 * means that string; anything else has no text to take, and is undefined.
 */
function unwrappedInput(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const input = record[CUSTOM_TOOL_INPUT];
  if (typeof input === 'string') return input;
  const values = Object.values(record);
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
}

/** A custom tool call's input from a whole canonical tool_use; arguments of another shape go as their JSON text, for the tool to reject visibly. */
export function customToolInput(input: unknown): string {
  return unwrappedInput(input) ?? JSON.stringify(input ?? {});
}

/** The same from streamed argument text; text that is not JSON at all is the raw input itself. */
export function customToolInputOfJson(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return unwrappedInput(parsed) ?? text;
}
