import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidOpenAIChatRequest } from './assert-valid-openai-chat-request.ts';

const call = { id: 'call_1', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } };
const user = { role: 'user', content: 'ls' };

test('a well-formed tool round trip passes', () => {
  assertValidOpenAIChatRequest({
    model: 'gpt-4.1',
    messages: [{ role: 'system', content: 'be brief' }, user, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_1', content: 'a' }],
    tools: [{ type: 'function', function: { name: 'Bash', parameters: { type: 'object', properties: { signature: { type: 'string' } } } } }],
  });
});

test('the mistakes a converter can make are caught', () => {
  const rejected = [
    { model: 'm', messages: [user, { role: 'tool', tool_call_id: 'call_1', content: 'a' }] },
    { model: 'm', messages: [user, { role: 'assistant', content: null, tool_calls: [call] }, user] },
    { model: 'm', messages: [user, { role: 'assistant', content: null, tool_calls: [call] }] },
    { model: 'm', messages: [user, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_2', content: 'a' }] },
    { model: 'm', messages: [user, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] }] },
    { model: 'm', messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x' }] }] },
    { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }] }] },
    { model: 'm', messages: [user], stop_sequences: ['x'] },
    { model: 'm', messages: [user], thinking: { type: 'adaptive' } },
    { model: 'm', messages: [user], tools: [{ type: 'function', function: { name: 'x'.repeat(65) } }] },
    { model: 'm', messages: [user], tools: [{ type: 'function', function: { name: 'has.dot' } }] },
    { model: 'm', messages: [{ role: 'function', content: 'x' }] },
    { model: 'm', messages: [user, { role: 'system', content: 'late' }] },
    { model: 'm', messages: [user], temperature: undefined },
  ];
  for (const body of rejected) assert.throws(() => assertValidOpenAIChatRequest(body), assert.AssertionError, JSON.stringify(body));
});
