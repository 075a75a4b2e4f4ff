import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutThinking } from '../../../../gateway/protocol/anthropic/without-thinking.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const CLEAR_THINKING = { type: 'clear_thinking_20251015', keep: 'all' };
const CLEAR_TOOL_USES = { type: 'clear_tool_uses_20250919' };
const request = (contextManagement?: unknown): AnthropicMessagesRequest => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  thinking: { type: 'enabled', budget_tokens: 1024 },
  messages: [{ role: 'user', content: 'hi' }],
  ...(contextManagement === undefined ? {} : { context_management: contextManagement }),
});

test('thinking goes, and with it the clear_thinking edit Anthropic refuses without thinking; other edits stay', () => {
  const onlyClearThinking = withoutThinking(request({ edits: [CLEAR_THINKING] }));
  assert.deepEqual(onlyClearThinking, { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] });
  assert.deepEqual(withoutThinking(request({ edits: [CLEAR_THINKING, CLEAR_TOOL_USES] })).context_management, { edits: [CLEAR_TOOL_USES] });
});

test('context management without an edits list, or none at all, is left as sent', () => {
  const unknownShape = { strategy: 'auto' };
  assert.equal(withoutThinking(request(unknownShape)).context_management, unknownShape);
  assert.equal('context_management' in withoutThinking(request()), false);
});
