import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toStrictJsonSchema } from '../../../../gateway/protocol/anthropic-to-openai/to-strict-json-schema.ts';

test('nested objects, array items, $defs and anyOf branches all become strict (LiteLLM #21)', () => {
  const schema = {
    type: 'object',
    properties: {
      owner: { $ref: '#/$defs/person' },
      pets: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name'] } },
      contact: { anyOf: [{ type: 'object', properties: { email: { type: 'string' } } }, { type: 'null' }] },
    },
    $defs: { person: { type: 'object', properties: { name: { type: 'string' } } } },
  };
  const before = structuredClone(schema);
  const strict = toStrictJsonSchema(schema);
  assert.deepStrictEqual(schema, before, 'the input is not mutated');
  assert.deepStrictEqual(strict, {
    type: 'object',
    properties: {
      owner: { $ref: '#/$defs/person' },
      pets: {
        type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'], additionalProperties: false },
      },
      contact: { anyOf: [{ type: 'object', properties: { email: { type: 'string' } }, additionalProperties: false, required: ['email'] }, { type: 'null' }] },
    },
    $defs: { person: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false, required: ['name'] } },
    additionalProperties: false,
    required: ['owner', 'pets', 'contact'],
  });
});

test('an object without properties still forbids additional ones; scalars are untouched', () => {
  assert.deepStrictEqual(toStrictJsonSchema({ type: 'object' }), { type: 'object', additionalProperties: false, required: [] });
  assert.deepStrictEqual(toStrictJsonSchema({ type: 'string', enum: ['a'] }), { type: 'string', enum: ['a'] });
});
