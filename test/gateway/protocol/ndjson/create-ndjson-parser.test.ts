import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNdjsonParser } from '../../../../gateway/protocol/ndjson/create-ndjson-parser.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';

test('complete lines in one chunk come out in order', () => {
  const parser = createNdjsonParser();
  assert.deepEqual(parser.push('{"a":1}\n{"b":2}\n'), [{ a: 1 }, { b: 2 }]);
  assert.deepEqual(parser.end(), []);
});

test('a line split across chunks, even inside a string or a multi-byte character, is parsed once whole', () => {
  const parser = createNdjsonParser();
  const line = '{"message":{"content":"héllo wörld 🙂"},"done":false}\n';
  const values: unknown[] = [];
  for (const piece of [line.slice(0, 5), line.slice(5, 22), line.slice(22, 23), line.slice(23)]) values.push(...parser.push(piece));
  assert.deepEqual(values, [{ message: { content: 'héllo wörld 🙂' }, done: false }]);
});

test('every split point of a two-line stream gives the same values', () => {
  const stream = '{"n":1}\n\n{"n":2,"s":"a\\nb"}\n';
  for (let cut = 0; cut <= stream.length; cut += 1) {
    const parser = createNdjsonParser();
    const values = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut)), ...parser.end()];
    assert.deepEqual(values, [{ n: 1 }, { n: 2, s: 'a\nb' }], `cut at ${cut}`);
  }
});

test('blank and whitespace-only lines are ignored and CRLF endings are accepted', () => {
  const parser = createNdjsonParser();
  assert.deepEqual(parser.push('\n  \r\n{"a":1}\r\n\r\n'), [{ a: 1 }]);
});

test('a last line without a newline is parsed by end()', () => {
  const parser = createNdjsonParser();
  assert.deepEqual(parser.push('{"a":1}\n{"done":true}'), [{ a: 1 }]);
  assert.deepEqual(parser.end(), [{ done: true }]);
  assert.deepEqual(parser.end(), []);
});

test('a malformed line throws provider_bad_response 502 quoting the line', () => {
  const parser = createNdjsonParser();
  assert.throws(() => parser.push('{"a":1}\nnot json\n'), (error: unknown) => {
    assert.ok(GatewayError.isInstance(error));
    assert.equal(error.type, 'provider_bad_response');
    assert.equal(error.status, 502);
    assert.match(error.message, /not json/);
    return true;
  });
});

test('a truncated last line is malformed at end()', () => {
  const parser = createNdjsonParser();
  parser.push('{"message":{"content":"hel');
  assert.throws(() => parser.end(), (error: unknown) => GatewayError.isInstance(error) && error.type === 'provider_bad_response');
});

test('a very long malformed line is quoted only in part', () => {
  const parser = createNdjsonParser();
  assert.throws(() => parser.push(`${'x'.repeat(5000)}\n`), (error: unknown) => GatewayError.isInstance(error) && error.message.length < 400);
});
