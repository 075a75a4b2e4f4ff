import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jsonBodyBytes } from '../../../gateway/proxy/json-body-bytes.ts';
import { capturedPostBodies } from '../../helpers/claude-code-captures.ts';

/** Past the size where the bytes are converted from UTF-16 rather than encoded directly. */
const LARGE = 'x'.repeat(5000);

const plainBytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

test("Claude Code's captured requests encode to exactly JSON.stringify's UTF-8", () => {
  const bodies = capturedPostBodies();
  assert.ok(bodies.some((body) => JSON.stringify(body).length > 5000 && /[^\x20-\x7e]/.test(JSON.stringify(body))), 'the capture holds a large body with non-ASCII text');
  for (const body of bodies) assert.ok(jsonBodyBytes(body).equals(plainBytes(body)));
});

test('characters outside the BMP and lone surrogates, small and large bodies', () => {
  for (const text of ['😀 a → b — é', '\ud800 lone high', 'lone low \udfff', '\udfff\ud800 reversed', '\u2028\u2029']) {
    for (const value of [{ text }, { text, padding: LARGE }]) assert.ok(jsonBodyBytes(value).equals(plainBytes(value)), JSON.stringify(value).slice(0, 60));
  }
});

test('any JSON value with any UTF-16 text, lone surrogates included, encodes as Buffer.from does (property)', () => {
  const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: anyCodeUnit, maxLength: 64 }), fc.boolean(), (value, text, large) => {
    const body = large ? { value, text, padding: LARGE } : { value, text };
    assert.ok(jsonBodyBytes(body).equals(plainBytes(body)));
  }), { numRuns: 500 });
});
