import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isThinkingOff } from '../../../../gateway/protocol/anthropic/is-thinking-off.ts';

test('disabled and Sonnet 5.5\'s between_tools are off; adaptive, a budget and no thinking field are not', () => {
  assert.deepEqual(
    [{ type: 'disabled' }, { type: 'between_tools' }, { type: 'adaptive' }, { type: 'enabled', budget_tokens: 1024 }, undefined].map((thinking) => isThinkingOff(thinking as never)),
    [true, true, false, false, false],
  );
});
