/**
 * How far the JSON text `{"<field>": "<string>"}` has been read: up to the field's string value,
 * inside it, past it, the whole object, or text of another shape (another first key, a value that
 * is not a string, a second property, JSON that is not valid), after which nothing more is read.
 */
export type JsonStringFieldPhase =
  | 'before-object' | 'before-key' | 'key' | 'before-colon' | 'before-value'
  | 'value' | 'after-value' | 'complete' | 'other-shape';

export interface JsonStringFieldState {
  readonly field: string;
  readonly phase: JsonStringFieldPhase;
  /**
   * Text read but not yet decidable, read again with the next chunk: the raw key so far, an
   * escape a chunk boundary cut (`\`, `\u00`), or a high surrogate's escape waiting to see
   * whether a low one follows (sending it alone would put a lone surrogate in a delta).
   */
  readonly pending: string;
}

export interface JsonStringFieldStep {
  state: JsonStringFieldState;
  /** The part of the field's value this chunk decoded; '' when none. */
  text: string;
}

export const startJsonStringField = (field: string): JsonStringFieldState => ({ field, phase: 'before-object', pending: '' });

const WHITESPACE = /[ \t\n\r]*/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** After each structural phase, the one character that moves it on, and where that leads. */
const STRUCTURE: Partial<Record<JsonStringFieldPhase, readonly [string, JsonStringFieldPhase]>> = {
  'before-object': ['{', 'before-key'],
  'before-key': ['"', 'key'],
  'before-colon': [':', 'before-value'],
  'before-value': ['"', 'value'],
  'after-value': ['}', 'complete'],
};

function skipWhitespace(text: string, at: number): number {
  WHITESPACE.lastIndex = at;
  WHITESPACE.test(text);
  return WHITESPACE.lastIndex;
}

/** The code unit a `\uXXXX` escape at `at` names; undefined when its four digits are not hex. */
function unicodeEscape(text: string, at: number): number | undefined {
  const digits = text.slice(at + 2, at + 6);
  return HEX4.test(digits) ? Number.parseInt(digits, 16) : undefined;
}

/** Where the run of characters a JSON string holds as they are (no quote, backslash or control character) ends. */
function plainRunEnd(input: string, at: number): number {
  let end = at;
  while (end < input.length) {
    const unit = input.charCodeAt(end);
    if (unit === 0x22 || unit === 0x5c || unit < 0x20) break;
    end += 1;
  }
  return end;
}

type ValueStep = { kind: 'text'; text: string; next: number } | { kind: 'wait' } | { kind: 'end'; next: number } | { kind: 'invalid' };

/** One piece of a JSON string's body at `at`: a run of plain text, one escape, or its closing quote. */
function valuePiece(input: string, at: number): ValueStep {
  const runEnd = plainRunEnd(input, at);
  if (runEnd > at) return { kind: 'text', text: input.slice(at, runEnd), next: runEnd };
  const char = input[at]!;
  if (char === '"') return { kind: 'end', next: at + 1 };
  if (char !== '\\') return { kind: 'invalid' }; // a raw control character, which JSON forbids in a string
  if (at + 1 >= input.length) return { kind: 'wait' };
  const escaped = input[at + 1]!;
  if (escaped !== 'u') return escaped in SIMPLE_ESCAPES ? { kind: 'text', text: SIMPLE_ESCAPES[escaped]!, next: at + 2 } : { kind: 'invalid' };
  if (at + 6 > input.length) return { kind: 'wait' };
  const unit = unicodeEscape(input, at);
  return unit === undefined ? { kind: 'invalid' } : { kind: 'text', text: String.fromCharCode(unit), next: at + 6 };
}

/** A high surrogate that ends the decoded text, held back (as its escape) until the next chunk shows whether its low one follows. */
function heldSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? `\\u${last.toString(16)}` : '';
}

/**
 * Reads the next chunk of the JSON text of `{"<field>": "<string>"}` (whitespace anywhere JSON
 * allows it) and returns the part of the string value it decoded, so that a value streamed as
 * partial JSON can go on as text while it arrives. Any split into chunks decodes to what
 * JSON.parse gives the whole; text of another shape stops the decoding (phase `other-shape`), and
 * the caller falls back to parsing the whole.
 */
export function decodeJsonStringField(state: JsonStringFieldState, chunk: string): JsonStringFieldStep {
  const input = state.pending + chunk;
  let phase = state.phase;
  let at = 0;
  let text = '';
  const step = (next: JsonStringFieldPhase, pending = ''): JsonStringFieldStep => ({ state: { field: state.field, phase: next, pending }, text });
  const pauseInValue = (rest: string): JsonStringFieldStep => {
    const held = heldSurrogate(text);
    if (held !== '') text = text.slice(0, -1);
    return step('value', held + rest);
  };

  while (at < input.length) {
    if (phase === 'other-shape') return step(phase);
    if (phase === 'key') {
      let end = at;
      while (end < input.length && input[end] !== '"') end += input[end] === '\\' ? 2 : 1;
      if (end >= input.length) return step(phase, input.slice(at));
      let key: unknown;
      try {
        key = JSON.parse(`"${input.slice(at, end)}"`);
      } catch {
        return step('other-shape');
      }
      if (key !== state.field) return step('other-shape');
      phase = 'before-colon';
      at = end + 1;
      continue;
    }
    if (phase === 'value') {
      const piece = valuePiece(input, at);
      if (piece.kind === 'wait') return pauseInValue(input.slice(at));
      if (piece.kind === 'invalid') return step('other-shape');
      if (piece.kind === 'end') phase = 'after-value';
      else text += piece.text;
      at = piece.next;
      continue;
    }
    at = skipWhitespace(input, at);
    if (at >= input.length) break;
    const expected = STRUCTURE[phase];
    if (expected === undefined || input[at] !== expected[0]) return step('other-shape');
    phase = expected[1];
    at += 1;
  }
  return phase === 'value' ? pauseInValue('') : step(phase);
}
