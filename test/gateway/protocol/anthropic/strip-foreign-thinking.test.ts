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

test('hasForeignThinking spots what stripForeignThinking removes and leaves Claude Code’s own requests alone', () => {
  assert.equal(hasForeignThinking(request), true);
  const ownTurn = { ...request, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x', signature: 'sig' }] }] } as AnthropicMessagesRequest;
  assert.equal(hasForeignThinking(ownTurn), false);
  assert.equal(hasForeignThinking({ ...request, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }] }] } as AnthropicMessagesRequest), true);
  const geminiToolCall = { ...request, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'Bash', input: {}, provider_specific_fields: {} }] }] } as AnthropicMessagesRequest;
  assert.equal(hasForeignThinking(geminiToolCall), true);
});

test('a tool call whose input looks like a thinking block is not foreign thinking', () => {
  const toolInput = { type: 'thinking', thinking: 'a note the model wrote', signature: null };
  const conversation = { ...request, messages: [
    { role: 'user', content: 'save a note' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'SaveNote', input: toolInput }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: JSON.stringify(toolInput) }] },
  ] } as AnthropicMessagesRequest;
  assert.equal(hasForeignThinking(conversation), false);
});

test('malformed content is left for the upstream to refuse, not thrown on', () => {
  const malformed = { ...request, messages: [{ role: 'assistant', content: [null, 7, { type: 'thinking' }] }, { role: 'assistant', content: { type: 'thinking' } }] } as unknown as AnthropicMessagesRequest;
  assert.equal(hasForeignThinking(malformed), true);
  assert.deepEqual(stripForeignThinking(malformed).messages, [{ role: 'assistant', content: [null, 7] }, { role: 'assistant', content: { type: 'thinking' } }]);
  assert.equal(hasForeignThinking({ ...request, messages: [{ role: 'assistant', content: [null] }] } as unknown as AnthropicMessagesRequest), false);
});
