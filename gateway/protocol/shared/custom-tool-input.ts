import { CUSTOM_TOOL_INPUT } from './custom-tool-as-function.ts';
import { decodeJsonStringField, startJsonStringField } from './decode-json-string-field.ts';

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

export interface CustomToolInputStream {
  /** Takes the next piece of the call's argument JSON; returns the raw text it decoded, to send on now ('' when none). */
  push(partialJson: string): string;
  /** At the call's end: its whole input, and what of it `push` has not yet returned. */
  finish(): { input: string; rest: string };
}

/**
 * A custom tool call's raw text, decoded from its streamed arguments (`{"input":"…"}`) while they
 * arrive, so the client sees the patch being written instead of all at once at the end.
 */
export function createCustomToolInputStream(): CustomToolInputStream {
  let state = startJsonStringField(CUSTOM_TOOL_INPUT);
  let json = '';
  let streamed = '';
  return {
    push(partialJson) {
      json += partialJson;
      const step = decodeJsonStringField(state, partialJson);
      state = step.state;
      streamed += step.text;
      return step.text;
    },
    finish() {
      // The asked-for shape, whole or cut short (at the output limit): the input is the text
      // that streamed, as far as it went.
      if (state.phase === 'value' || state.phase === 'after-value' || state.phase === 'complete') return { input: streamed, rest: '' };
      // Arguments of another shape (a model that named the property otherwise, or answered with
      // something else) are read whole at the end, as for a call that did not stream: the input is
      // what the non-streamed answer would carry, and goes out now. When part of it had already
      // streamed (a second property after the string) the rest follows; only arguments that turn
      // out not to be JSON after the string began (a bad escape), or that repeat the key, can
      // leave streamed text that is not the input's start, and that cannot be taken back.
      const input = customToolInputOfJson(json);
      return { input, rest: input.startsWith(streamed) ? input.slice(streamed.length) : '' };
    },
  };
}
