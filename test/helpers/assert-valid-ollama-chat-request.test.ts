import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidOllamaChatRequest } from './assert-valid-ollama-chat-request.ts';

const call = { id: 'call_1', function: { name: 'Bash', arguments: { command: 'ls' } } };

test('a well-formed tool round trip passes', () => {
  assertValidOllamaChatRequest({
    model: 'qwen3:8b',
    messages: [{ role: 'user', content: 'ls' }, { role: 'assistant', content: '', tool_calls: [call] }, { role: 'tool', content: 'a', tool_call_id: 'call_1', tool_name: 'Bash' }],
    options: { num_predict: 10, stop: ['x'] },
  });
});

test('the mistakes a converter can make are caught', () => {
  const user = { role: 'user', content: 'ls' };
  const rejected = [
    { model: 'm', messages: [user, { role: 'tool', content: 'a' }] },
    { model: 'm', messages: [user, { role: 'assistant', content: '', tool_calls: [call] }, user, { role: 'tool', content: 'a', tool_call_id: 'call_1' }] },
    { model: 'm', messages: [user, { role: 'assistant', content: '', tool_calls: [{ function: { name: 'Bash', arguments: '{"command":"ls"}' } }] }] },
    { model: 'm', messages: [user, { role: 'assistant', content: '', tool_calls: [call] }, { role: 'tool', content: 'a', tool_call_id: 'call_1', tool_name: 'Read' }] },
    { model: 'm', messages: [{ role: 'developer', content: 'x' }] },
    { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] },
    { model: 'm', messages: [{ role: 'user', content: 'x', images: ['data:image/png;base64,AAAA'] }] },
    { model: 'm', messages: [user], options: { num_ctx: '4096' } },
    { model: 'm', messages: [user], options: { temperature: undefined } },
  ];
  for (const request of rejected) assert.throws(() => assertValidOllamaChatRequest(request), assert.AssertionError, JSON.stringify(request));
});
