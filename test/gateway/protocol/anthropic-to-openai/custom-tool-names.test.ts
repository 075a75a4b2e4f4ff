import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpenAIChatRequest } from '../../../../gateway/protocol/openai/types.ts';
import { chatCustomToolNames } from '../../../../gateway/protocol/anthropic-to-openai/custom-tool-names.ts';

test("the custom tools are named by the request's custom.name; function tools and malformed entries are not", () => {
  const tools = [
    { type: 'custom', custom: { name: 'apply_patch' } },
    { type: 'function', function: { name: 'shell' } },
    { type: 'custom' },
    null,
  ] as unknown as OpenAIChatRequest['tools'];
  assert.deepEqual([...chatCustomToolNames({ tools })], ['apply_patch']);
  assert.equal(chatCustomToolNames({}).size, 0);
  assert.equal(chatCustomToolNames({ tools: 'x' as unknown as OpenAIChatRequest['tools'] }).size, 0);
});
