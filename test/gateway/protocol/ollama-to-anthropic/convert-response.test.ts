import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OllamaChatChunk } from '../../../../gateway/protocol/ollama/types.ts';
import { convertOllamaResponseToAnthropic } from '../../../../gateway/protocol/ollama-to-anthropic/convert-response.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';

const context = { model: 'claude-sonnet-5', messageId: 'msg_test', idFactory: () => 'toolu_generated' };
const metrics = { total_duration: 904512345, load_duration: 10123456, prompt_eval_count: 120, prompt_eval_duration: 30456789, eval_count: 25, eval_duration: 180234567 };

test('thinking, text and tool calls become blocks in Anthropic order, and a tool call means tool_use', () => {
  const response: OllamaChatChunk = {
    model: 'qwen3:8b', created_at: '2025-06-01T10:00:00Z', done: true, done_reason: 'stop', ...metrics,
    message: {
      role: 'assistant', content: 'Running it.', thinking: 'Need ls.',
      tool_calls: [{ id: 'call_1', function: { name: 'Bash', arguments: { command: 'ls' } } }, { function: { name: 'Read', arguments: { path: 'a' } } }],
    },
  };
  assert.deepEqual(convertOllamaResponseToAnthropic(response, context), {
    id: 'msg_test', type: 'message', role: 'assistant', model: 'claude-sonnet-5', stop_sequence: null, stop_reason: 'tool_use',
    content: [
      { type: 'thinking', thinking: 'Need ls.' },
      { type: 'text', text: 'Running it.' },
      { type: 'tool_use', id: 'call_1', name: 'Bash', input: { command: 'ls' } },
      { type: 'tool_use', id: 'toolu_generated', name: 'Read', input: { path: 'a' } },
    ],
    usage: { input_tokens: 120, output_tokens: 25 },
  });
});

test('a plain answer cut by num_predict is max_tokens; missing counters are 0', () => {
  const converted = convertOllamaResponseToAnthropic(
    { model: 'qwen3:8b', created_at: '2025-06-01T10:00:00Z', done: true, done_reason: 'length', message: { role: 'assistant', content: 'One two' } },
    context,
  );
  assert.deepEqual(converted.content, [{ type: 'text', text: 'One two' }]);
  assert.equal(converted.stop_reason, 'max_tokens');
  assert.deepEqual(converted.usage, { input_tokens: 0, output_tokens: 0 });
});

test('an error body throws a provider GatewayError', () => {
  assert.throws(
    () => convertOllamaResponseToAnthropic({ error: 'model "x" not found, try pulling it first' } as OllamaChatChunk, context),
    (error: unknown) => GatewayError.isInstance(error) && error.status === 502 && /not found/.test(error.message),
  );
});
