import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customToolInput, customToolInputOfJson } from '../../../../gateway/protocol/shared/custom-tool-input.ts';

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
