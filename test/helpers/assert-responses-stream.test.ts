import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertResponsesStream } from './assert-responses-stream.ts';

const frame = (type: string, sequence: number, fields: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence, ...fields })}\n\n`;
const opening = frame('response.created', 0, { response: {} }) + frame('response.in_progress', 1, { response: {} });
const item = { type: 'message', id: 'msg_1' };

test('accepts a well-formed stream', () => {
  const events = assertResponsesStream(opening
    + frame('response.output_item.added', 2, { output_index: 0, item })
    + frame('response.output_text.delta', 3, { item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'hi' })
    + frame('response.output_item.done', 4, { output_index: 0, item })
    + frame('response.completed', 5, { response: {} }));
  assert.equal(events.length, 6);
});

test('rejects sequence numbers out of order, deltas for items not open, and items left open', () => {
  assert.throws(() => assertResponsesStream(opening + frame('response.completed', 3, { response: {} })), /sequence numbers/);
  assert.throws(() => assertResponsesStream(opening + frame('response.output_text.delta', 2, { item_id: 'msg_9', output_index: 0, delta: 'x' })), /names an open item/);
  assert.throws(() => assertResponsesStream(opening + frame('response.output_item.added', 2, { output_index: 0, item }) + frame('response.completed', 3, { response: {} })), /every item is done/);
});

test('rejects a frame whose event line is not its type', () => {
  assert.throws(() => assertResponsesStream(opening.replace('event: response.in_progress', 'event: message')), /event line/);
});

test("rejects a custom tool call whose input deltas do not join to its input", () => {
  const call = { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_1', name: 'apply_patch', input: '' };
  const stream = (done: string) => opening
    + frame('response.output_item.added', 2, { output_index: 0, item: call })
    + frame('response.custom_tool_call_input.delta', 3, { item_id: 'ctc_1', output_index: 0, delta: 'a' })
    + frame('response.custom_tool_call_input.delta', 4, { item_id: 'ctc_1', output_index: 0, delta: 'b' })
    + frame('response.custom_tool_call_input.done', 5, { item_id: 'ctc_1', output_index: 0, input: done })
    + frame('response.output_item.done', 6, { output_index: 0, item: { ...call, input: 'ab' } })
    + frame('response.completed', 7, { response: {} });
  assert.equal(assertResponsesStream(stream('ab')).length, 8);
  assert.throws(() => assertResponsesStream(stream('abc')), /deltas joined/);
});
