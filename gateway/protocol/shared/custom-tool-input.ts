import { CUSTOM_TOOL_INPUT } from './custom-tool-as-function.ts';

/**
 * The raw text inside a custom tool's canonical input, asked of the model as `{input: "…"}`
 * (custom-tool-as-function.ts). Leniently, a model that named its one string property otherwise still
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
