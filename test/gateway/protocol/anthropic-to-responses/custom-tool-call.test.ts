import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customToolNames } from '../../../../gateway/protocol/anthropic-to-responses/custom-tool-call.ts';

test('the custom tools are named by the request', () => {
  assert.deepEqual([...customToolNames({ model: 'm', tools: [{ type: 'custom', name: 'apply_patch' }, { type: 'function', name: 'shell' }, { type: 'web_search' }] })], ['apply_patch']);
  assert.equal(customToolNames({ model: 'm' }).size, 0);
});
