import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasForeignThinking, stripForeignThinking } from '../../../../gateway/protocol/anthropic/strip-foreign-thinking.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const request: AnthropicMessagesRequest = {
  model: 'claude-x',
  max_tokens: 100,
  thinking: { type: 'adaptive' },
  messages: [
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: [
      { type: 'thinking', thinking: 'from gpt-oss', signature: null },
      { type: 'thinking', thinking: 'from Claude', signature: 'EqQBCkYIBx' },
      { type: 'redacted_thinking', data: 'abc' },
      { type: 'tool_use', id: 't1', name: 'Bash', input: {}, provider_specific_fields: { signature: 'gem' } } as never,
    ] },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'only this', signature: '' }] },
  ],
};

test('unsigned thinking and provider_specific_fields are removed; Anthropic-signed and redacted thinking stay', () => {
  const cleaned = stripForeignThinking(request);
  assert.deepEqual(cleaned.messages[1]?.content, [
    { type: 'thinking', thinking: 'from Claude', signature: 'EqQBCkYIBx' },
    { type: 'redacted_thinking', data: 'abc' },
    { type: 'tool_use', id: 't1', name: 'Bash', input: {} },
  ]);
  assert.deepEqual(cleaned.messages[2]?.content, [{ type: 'text', text: '...' }], 'a turn left empty keeps valid content');
  assert.equal((request.messages[1]?.content as unknown[]).length, 4, 'the input is not mutated');
});

test('the cheap raw check spots foreign thinking and leaves Claude Code’s own requests alone', () => {
  assert.equal(hasForeignThinking(JSON.stringify(request)), true);
  const ownTurn = JSON.stringify({ thinking: { type: 'adaptive' }, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x', signature: 'sig' }] }] });
  assert.equal(hasForeignThinking(ownTurn), false);
  assert.equal(hasForeignThinking(JSON.stringify({ messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }] }] })), true);
});
