import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnthropicStreamEvent } from '../../gateway/protocol/anthropic/types.ts';
import { formatAnthropicEvent } from '../../gateway/protocol/sse/format-sse.ts';
import { assertAnthropicSse, assertAnthropicStream } from './assert-anthropic-stream.ts';

const messageStart: AnthropicStreamEvent = {
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 0 } },
};
const textStart = (index: number): AnthropicStreamEvent => ({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
const toolStart = (index: number): AnthropicStreamEvent => ({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: `toolu_${index}`, name: 'Read', input: {} } });
const text = (index: number, value: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: value } });
const json = (index: number, value: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: value } });
const stop = (index: number): AnthropicStreamEvent => ({ type: 'content_block_stop', index });
const messageDelta: AnthropicStreamEvent = { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 5 } };
const messageStop: AnthropicStreamEvent = { type: 'message_stop' };
const error: AnthropicStreamEvent = { type: 'error', error: { type: 'api_error', message: 'boom' } };

const valid: AnthropicStreamEvent[] = [
  messageStart, textStart(0), { type: 'ping' }, text(0, 'Reading.'), stop(0),
  toolStart(1), json(1, '{"path":'), json(1, '"a.ts"}'), stop(1),
  toolStart(2), stop(2),
  messageDelta, messageStop,
];

test('a well-formed stream passes and gives back the blocks the client assembles', () => {
  assert.deepStrictEqual(assertAnthropicStream(valid), [
    { type: 'text', text: 'Reading.' },
    { type: 'tool_use', text: '{"path":"a.ts"}', input: { path: 'a.ts' } },
    { type: 'tool_use', text: '', input: {} },
  ]);
});

test('an error event may end the stream at any point, even as its only event', () => {
  assertAnthropicStream([messageStart, textStart(0), text(0, 'par'), error]);
  assertAnthropicStream([error]);
});

const violations: [string, AnthropicStreamEvent[], RegExp][] = [
  ['no message_start first', valid.slice(1), /before message_start/],
  ['a second message_start', [messageStart, messageStart, messageDelta, messageStop], /message_start comes first, and once/],
  ['blocks that skip an index', [messageStart, textStart(1), stop(1), messageDelta, messageStop], /count up one by one/],
  ['a block started while another is open', [messageStart, textStart(0), toolStart(1), stop(1), stop(0), messageDelta, messageStop], /block 0 is still open/],
  ['a delta for a block already stopped', [messageStart, toolStart(0), json(0, '{"a":1}'), stop(0), toolStart(1), json(0, ' '), stop(1), messageDelta, messageStop], /delta is for block 0, but block 1/],
  ['a delta with no block open', [messageStart, toolStart(0), stop(0), json(0, '{}'), messageDelta, messageStop], /no block is open/],
  ['a text_delta in a tool_use block', [messageStart, toolStart(0), text(0, 'x'), stop(0), messageDelta, messageStop], /text_delta cannot extend a tool_use/],
  ['an input_json_delta in a text block', [messageStart, textStart(0), json(0, '{}'), stop(0), messageDelta, messageStop], /input_json_delta cannot extend a text/],
  ['a thinking_delta in a text block', [messageStart, textStart(0), { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'x' } }, stop(0), messageDelta, messageStop], /thinking_delta cannot extend a text/],
  ['a stop for the wrong block', [messageStart, textStart(0), stop(1), messageDelta, messageStop], /stops block 1, but block 0/],
  ['a block never stopped', [messageStart, textStart(0), messageDelta, messageStop], /block 0 is still open/],
  ['tool input that is not JSON', [messageStart, toolStart(0), json(0, '{"path":'), stop(0), messageDelta, messageStop], /input is not JSON/],
  ['tool input that is JSON but not an object', [messageStart, toolStart(0), json(0, '[1]'), stop(0), messageDelta, messageStop], /input is not an object/],
  ['no message_delta', [messageStart, textStart(0), stop(0), messageStop], /message_stop without a message_delta/],
  ['two message_deltas', [messageStart, messageDelta, messageDelta, messageStop], /a second message_delta/],
  ['a block after message_delta', [messageStart, messageDelta, textStart(0), stop(0), messageStop], /after message_delta/],
  ['no message_stop', [messageStart, textStart(0), stop(0), messageDelta], /ends with message_delta/],
  ['an event after message_stop', [...valid, { type: 'ping' }], /after message_stop/],
  ['an error that is not last', [messageStart, error, messageDelta, messageStop], /must end the stream/],
];

for (const [violation, events, message] of violations) {
  test(`rejects ${violation}`, () => {
    assert.throws(() => assertAnthropicStream(events), message);
  });
}

test('a streamed body is read frame by frame, and a frame named for another event is rejected', () => {
  const body = valid.map(formatAnthropicEvent).join('');
  assert.equal(assertAnthropicSse(body).length, 3);
  assert.throws(() => assertAnthropicSse(body.replace('event: content_block_stop', 'event: content_block_delta')), /named content_block_delta but carries content_block_stop/);
});
