import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamAccumulator } from '../../../../gateway/protocol/anthropic/accumulate-stream.ts';
import { messageToStreamEvents } from '../../../../gateway/protocol/anthropic/message-to-stream-events.ts';
import type { AnthropicMessageResponse, AnthropicStreamEvent } from '../../../../gateway/protocol/anthropic/types.ts';
import { assertAnthropicStream } from '../../../helpers/assert-anthropic-stream.ts';

const message: AnthropicMessageResponse = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-x',
  content: [
    { type: 'thinking', thinking: 'Let me check.', signature: 'sig-abc' },
    { type: 'text', text: 'Running it.' },
    { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'echo hi', timeout: 5 } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 40, output_tokens: 17, cache_read_input_tokens: 8, cache_creation_input_tokens: 0 },
};

test('a message replayed as events and accumulated again is the same message', () => {
  const accumulator = new StreamAccumulator();
  for (const event of messageToStreamEvents(message)) accumulator.push(event);
  assert.deepEqual(accumulator.message(), message);
});

test('the replay follows the streaming grammar: start, blocks with matching stops, one message_delta, stop last', () => {
  const blocks = assertAnthropicStream(messageToStreamEvents(message));
  assert.deepEqual(blocks.map((block) => block.type), ['thinking', 'text', 'tool_use']);
  assert.deepEqual(blocks[2]?.input, { command: 'echo hi', timeout: 5 });
});

test('tool input split across deltas is parsed when the block closes', () => {
  const accumulator = new StreamAccumulator();
  const events: AnthropicStreamEvent[] = [
    { type: 'message_start', message: { ...message, content: [], stop_reason: null } },
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'Read', input: {} } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"path":' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"/tmp/a"}' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 3 } },
    { type: 'message_stop' },
  ];
  assertAnthropicStream(events);
  for (const event of events) accumulator.push(event);
  assert.deepEqual(accumulator.message()?.content, [{ type: 'tool_use', id: 't', name: 'Read', input: { path: '/tmp/a' } }]);
});

test('an incomplete or failed stream yields no message (nothing half-finished gets cached)', () => {
  const cut = new StreamAccumulator();
  for (const event of messageToStreamEvents(message).slice(0, -1)) cut.push(event);
  assert.equal(cut.message(), undefined);
  const failed = new StreamAccumulator();
  for (const event of messageToStreamEvents(message)) failed.push(event);
  failed.push({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } });
  assert.equal(failed.message(), undefined);
});
