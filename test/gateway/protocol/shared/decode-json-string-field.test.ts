import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeJsonStringField, startJsonStringField, type JsonStringFieldPhase } from '../../../../gateway/protocol/shared/decode-json-string-field.ts';

/** Feeds `chunks` one by one: each chunk's decoded text, and the phase at the end. */
function decode(field: string, chunks: readonly string[]): { deltas: string[]; phase: JsonStringFieldPhase } {
  let state = startJsonStringField(field);
  const deltas: string[] = [];
  for (const chunk of chunks) {
    const step = decodeJsonStringField(state, chunk);
    state = step.state;
    deltas.push(step.text);
  }
  return { deltas, phase: state.phase };
}

/** `text` cut at the given code-unit positions (a cut may fall inside an escape or a surrogate pair). */
function split(text: string, cuts: readonly number[]): string[] {
  const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const position of positions) {
    chunks.push(text.slice(from, position));
    from = position;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A JSON string body as any encoder may write it: each code unit raw where JSON allows, short-escaped, or as \uXXXX (upper or lower hex). */
function encodeStringBody(text: string, styles: readonly number[]): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    const unit = text.charCodeAt(index);
    const style = styles[index % Math.max(styles.length, 1)] ?? 0;
    const hex = unit.toString(16).padStart(4, '0');
    const rawAllowed = unit >= 0x20 && char !== '"' && char !== '\\';
    if (style === 0 && rawAllowed) out += char;
    else if (style <= 1 && SHORT_ESCAPES[char] !== undefined) out += SHORT_ESCAPES[char];
    else out += `\\u${style === 2 ? hex.toUpperCase() : hex}`;
  }
  return out;
}

/** No lone surrogate: a pair is one code point, so only a lone half is a `Cs` character. */
const wellFormed = (text: string) => !/\p{Cs}/u.test(text);

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('*** Begin Patch\n*** Add File: a.txt\n+say "hi" \\o/\n*** End Patch\n', '😀 é \u2028 \t'));
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('decodeJsonStringField', () => {
  test('any split of JSON.stringify({field: text}), compact or indented, decodes to the text, and ends complete', () => {
    fc.assert(fc.property(anyText, cuts, fc.constantFrom(0, 2), (text, at, indent) => {
      const json = JSON.stringify({ input: text }, null, indent);
      const { deltas, phase } = decode('input', split(json, at));
      assert.equal(deltas.join(''), text);
      assert.equal(phase, 'complete');
    }), { numRuns: 2000 });
  });

  test('any escaping of the value, cut anywhere, decodes to what JSON.parse gives; a well-formed text never goes out with a lone surrogate', () => {
    fc.assert(fc.property(anyText, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 8 }), cuts, (text, styles, at) => {
      const json = ` { "input" :\n"${encodeStringBody(text, styles)}" } `;
      assert.equal((JSON.parse(json) as { input: string }).input, text, 'the encoding is valid JSON');
      const { deltas, phase } = decode('input', split(json, at));
      assert.equal(deltas.join(''), text);
      assert.equal(phase, 'complete');
      if (wellFormed(text)) for (const delta of deltas) assert.ok(wellFormed(delta), `delta ${JSON.stringify(delta)} splits a surrogate pair`);
    }), { numRuns: 3000 });
  });

  test('a surrogate pair escaped across two deltas goes out whole, in the later one', () => {
    assert.deepEqual(decode('input', ['{"input":"a\\ud83d', '\\ude00b"}']).deltas, ['a', '😀b']);
    assert.deepEqual(decode('input', ['{"input":"a\\uD83D\\u', 'DE00"}']).deltas, ['a', '😀']);
    assert.deepEqual(decode('input', ['{"input":"\\ud83d', 'x"}']).deltas, ['', '\ud83dx'], 'a lone high surrogate goes out once the next character shows it is alone');
  });

  test('the value goes out as it arrives, before the object closes', () => {
    assert.deepEqual(decode('input', ['{"in', 'put": "li', 'ne 1\\', 'nline 2']), { deltas: ['', 'li', 'ne 1', '\nline 2'], phase: 'value' });
  });

  test('text of another shape stops the decoding: another key, a value that is not a string, a second property, invalid JSON', () => {
    const cases: [string, string][] = [
      ['{"patch":"x"}', ''],
      ['{"input":3}', ''],
      ['{"a":1,"input":"x"}', ''],
      ['["input"]', ''],
      ['"input"', ''],
      ['{}', ''],
      ['*** Begin Patch', ''],
      ['{"input":"ab","extra":1}', 'ab'],
      ['{"input":"ab"}x', 'ab'],
      ['{"input":"a\\qb"}', 'a'],
      ['{"input":"a\\u00zzb"}', 'a'],
      ['{"input":"a\nb"}', 'a'],
    ];
    for (const [json, decoded] of cases) {
      const { deltas, phase } = decode('input', [...json]);
      assert.equal(phase, 'other-shape', json);
      assert.equal(deltas.join(''), decoded, json);
    }
  });

  test('the key may be escaped, and is compared decoded', () => {
    assert.deepEqual(decode('input', ['{"\\u0069nput":"x"}']), { deltas: ['x'], phase: 'complete' });
  });
});
