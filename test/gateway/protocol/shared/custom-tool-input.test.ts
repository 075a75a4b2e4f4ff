import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCustomToolInputStream, customToolInput, customToolInputOfJson } from '../../../../gateway/protocol/shared/custom-tool-input.ts';

test('a custom call input is the `input` string; leniently, a lone string under another key, or the arguments as JSON', () => {
  assert.equal(customToolInput({ input: 'patch' }), 'patch');
  assert.equal(customToolInput({ input: 'patch', extra: 1 }), 'patch');
  assert.equal(customToolInput({ patch: 'patch' }), 'patch', 'a model that named the one property otherwise');
  assert.equal(customToolInput({ a: 'x', b: 'y' }), '{"a":"x","b":"y"}');
  assert.equal(customToolInput({ input: 3 }), '{"input":3}');
  assert.equal(customToolInput({}), '{}');
});

test('streamed arguments decode the same way; text that is not JSON is the raw input itself', () => {
  assert.equal(customToolInputOfJson('{"input":"line 1\\nline \\"2\\""}'), 'line 1\nline "2"');
  assert.equal(customToolInputOfJson('{"patch":"p"}'), 'p');
  assert.equal(customToolInputOfJson('"p"'), 'p', 'a plain JSON string');
  assert.equal(customToolInputOfJson('*** Begin Patch\n*** End Patch'), '*** Begin Patch\n*** End Patch', 'a plain string, not JSON');
  assert.equal(customToolInputOfJson('{"a":1,"b":2}'), '{"a":1,"b":2}');
  assert.equal(customToolInputOfJson(''), '');
});

/** Pushes each piece; what went out as it came, and what finish() says. */
function streamed(pieces: string[]): { sent: string[]; input: string; rest: string } {
  const stream = createCustomToolInputStream();
  const sent = pieces.map((piece) => stream.push(piece));
  return { sent, ...stream.finish() };
}

test('a streamed custom call input goes out as its `input` string decodes; arguments of another shape wait for the end', () => {
  assert.deepEqual(streamed(['{"input":"a\\', 'nb', '"}']), { sent: ['a', '\nb', ''], input: 'a\nb', rest: '' });
  assert.deepEqual(streamed(['{"patch":', '"p"}']), { sent: ['', ''], input: 'p', rest: 'p' });
  assert.deepEqual(streamed(['{"input":"a', '","n":1}']), { sent: ['a', ''], input: 'a', rest: '' });
  assert.deepEqual(streamed(['{"input":"a\\q"}']), { sent: ['a'], input: '{"input":"a\\q"}', rest: '' }, 'invalid JSON after the text began: the input as before, the streamed text not taken back');
  assert.deepEqual(streamed([]), { sent: [], input: '', rest: '' });
});
