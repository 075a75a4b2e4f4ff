import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { escapedAsciiText, parseJsonBytes } from '../../../gateway/server/parse-json-bytes.ts';
import { capturedPostBodies } from '../../helpers/claude-code-captures.ts';


/** What the plain decode gives: the value, or the error's class and message. */
function plain(bytes: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function viaBytes(bytes: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: parseJsonBytes(bytes) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** The same bytes at each of the four alignments a Uint32Array view can meet. */
function atEveryOffset(bytes: Buffer): Buffer[] {
  return [0, 1, 2, 3].map((offset) => {
    const backing = Buffer.alloc(bytes.length + offset + 3, 0x20);
    bytes.copy(backing, offset);
    return backing.subarray(offset, offset + bytes.length);
  });
}

const ascii = (text: string | undefined) => text !== undefined && !/[^\x20-\x7e]/.test(text);
/** Enough ASCII around a few non-ASCII bytes that the escaped path is worth taking, as in a real body. */
const PADDING = `"padding":"${'x'.repeat(200)}"`;

describe('parseJsonBytes', () => {
  test("Claude Code's captured bodies parse to exactly what the plain decode gives, through the escaped text", () => {
    const bodies = capturedPostBodies().map((body) => Buffer.from(JSON.stringify(body)));
    const mixed = bodies.filter((bytes) => bytes.some((byte) => byte >= 0x80));
    assert.ok(mixed.length > 0, 'the capture holds bodies with non-ASCII text');
    for (const bytes of bodies) {
      for (const aligned of atEveryOffset(bytes)) assert.deepEqual(parseJsonBytes(aligned), JSON.parse(bytes.toString('utf8')));
    }
    for (const bytes of mixed) assert.ok(ascii(escapedAsciiText(bytes)), 'a mixed Claude Code body takes the escaped path');
  });

  test('2-, 3- and 4-byte characters, in keys and values, next to each other and at string edges', () => {
    // Mostly ASCII, as a real body is: past a sixteenth of non-ASCII bytes the plain decode is used.
    const value = { 'clé': 'é', arrow: '→ a → b →', emoji: '😀x😀', adjacent: 'é→😀', nested: [{ 'ключ': 'значение—' }], plain: 'ascii '.repeat(200) };
    const bytes = Buffer.from(JSON.stringify(value));
    const escaped = escapedAsciiText(bytes);
    assert.ok(ascii(escaped), escaped);
    assert.ok(escaped!.includes('\\ud83d\\ude00'), 'a character outside the BMP is a surrogate pair');
    for (const aligned of atEveryOffset(bytes)) assert.deepEqual(parseJsonBytes(aligned), value);
  });

  test('a backslash right before a non-ASCII character sends the body to the plain decode', () => {
    const escapedBackslash = Buffer.from(`{${PADDING},"path":"C:\\\\é\\\\x"}`);
    assert.equal(escapedAsciiText(escapedBackslash), undefined);
    assert.deepEqual(parseJsonBytes(escapedBackslash), { padding: 'x'.repeat(200), path: 'C:\\é\\x' });
    // `\é` is no JSON escape; rewritten as `\\u00e9` it would parse.
    const invalidEscape = Buffer.from(`{${PADDING},"path":"\\é"}`);
    assert.equal(escapedAsciiText(invalidEscape), undefined);
    assert.deepEqual(viaBytes(invalidEscape), plain(invalidEscape));
    assert.ok('error' in plain(invalidEscape));
  });

  test('text that is mostly non-ASCII takes the plain decode', () => {
    const bytes = Buffer.from(JSON.stringify({ text: '日本語のテキスト'.repeat(50) }));
    assert.equal(escapedAsciiText(bytes), undefined);
    assert.deepEqual(parseJsonBytes(bytes), { text: '日本語のテキスト'.repeat(50) });
  });

  test('invalid UTF-8 gives the same replacement characters as the plain decode', () => {
    for (const inner of [[0xc3], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff]]) {
      const bytes = Buffer.concat([Buffer.from(`{${PADDING},"text":"a`), Buffer.from(inner), Buffer.from('b"}')]);
      assert.deepEqual(viaBytes(bytes), plain(bytes), `bytes ${inner.map((byte) => byte.toString(16)).join(' ')}`);
    }
  });

  test('malformed JSON fails with the plain decode’s message, even when non-ASCII stands outside a string', () => {
    for (const text of ['{"a":1,}', `{${PADDING},"a": 1 é}`, `{${PADDING},"é"`, 'é', `{${PADDING},"a":"é"} x`, `\ufeff{${PADDING},"a":"é"}`]) {
      const bytes = Buffer.from(text);
      const result = viaBytes(bytes);
      assert.ok('error' in result, text);
      assert.deepEqual(result, plain(bytes), text);
    }
  });

  test('any JSON value with any Unicode text round-trips (property)', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 0, max: 3 }), (value, text, offset) => {
      const bytes = Buffer.from(JSON.stringify({ value, text }));
      const aligned = atEveryOffset(bytes)[offset]!;
      assert.deepEqual(viaBytes(aligned), plain(bytes));
    }), { numRuns: 500 });
  });

  test('any bytes at all: the same value or the same error as the plain decode (property)', () => {
    const arbitraryBody = fc.tuple(fc.constantFrom('{"a":"', '["', '{"'), fc.uint8Array({ maxLength: 24 }), fc.constantFrom('"}', '"]', '', '"')).map(([head, middle, tail]) => Buffer.concat([Buffer.from(head), Buffer.from(middle), Buffer.from(tail)]));
    fc.assert(fc.property(arbitraryBody, (bytes) => {
      assert.deepEqual(viaBytes(bytes), plain(bytes));
    }), { numRuns: 2000 });
  });
});
