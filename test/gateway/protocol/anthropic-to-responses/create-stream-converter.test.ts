import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnthropicToResponsesStreamConverter } from '../../../../gateway/protocol/anthropic-to-responses/create-stream-converter.ts';
import { convertAnthropicResponseToResponses } from '../../../../gateway/protocol/anthropic-to-responses/convert-response.ts';
import type { ResponsesIdentity } from '../../../../gateway/protocol/anthropic-to-responses/create-response.ts';
import { messageToStreamEvents } from '../../../../gateway/protocol/anthropic/message-to-stream-events.ts';
import type { AnthropicMessageResponse, AnthropicStreamEvent } from '../../../../gateway/protocol/anthropic/types.ts';
import { formatResponsesEvent } from '../../../../gateway/protocol/sse/format-sse.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';
import { readJsonFixture } from '../../../helpers/read-fixture.ts';
import { assertResponsesStream } from '../../../helpers/assert-responses-stream.ts';

const identity: ResponsesIdentity = { id: 'resp_abc', createdAt: 1_700_000_000, model: 'claude-mock', request: { model: 'claude-mock', input: 'hi' } };
const answer = () => readJsonFixture<AnthropicMessageResponse>('responses', 'anthropic-answer-with-thinking-text-and-tool-call.json');

test('a streamed answer follows the Responses grammar and ends with the same response a non-streamed one gets', () => {
  const converter = createAnthropicToResponsesStreamConverter(identity);
  const events = messageToStreamEvents(answer()).flatMap((event) => converter.process(event));
  const checked = assertResponsesStream(events.map(formatResponsesEvent).join(''));
  assert.deepEqual(checked.map((event) => event.type), [
    'response.created',
    'response.in_progress',
    'response.output_item.added',
    'response.reasoning_summary_part.added',
    'response.reasoning_summary_text.delta',
    'response.reasoning_summary_text.done',
    'response.reasoning_summary_part.done',
    'response.output_item.done',
    'response.output_item.added',
    'response.content_part.added',
    'response.output_text.delta',
    'response.output_text.done',
    'response.content_part.done',
    'response.output_item.done',
    'response.output_item.added',
    'response.function_call_arguments.delta',
    'response.function_call_arguments.done',
    'response.output_item.done',
    'response.completed',
  ]);
  const completed = events.at(-1)!.response;
  assert.deepEqual(completed, convertAnthropicResponseToResponses(answer(), identity));
  assert.equal((events[0]!.response as { status: string }).status, 'in_progress');
});

test('text arrives as output_text deltas of the open message', () => {
  const converter = createAnthropicToResponsesStreamConverter(identity);
  const events: AnthropicStreamEvent[] = [
    { type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', model: 'x', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 3, output_tokens: 0 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
  ];
  const out = events.flatMap((event) => converter.process(event));
  assert.deepEqual(out.slice(-2).map((event) => [event.type, event.delta, event.item_id, event.output_index, event.content_index]), [
    ['response.output_text.delta', 'Hel', 'msg_abc_0', 0, 0],
    ['response.output_text.delta', 'lo', 'msg_abc_0', 0, 0],
  ]);
});

test('an upstream error event throws; fail() then ends the stream with response.failed and an error event the SDK throws on', () => {
  const converter = createAnthropicToResponsesStreamConverter(identity);
  const sent = messageToStreamEvents(answer()).slice(0, 4).flatMap((event) => converter.process(event));
  assert.throws(() => converter.process({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), (error: unknown) => error instanceof GatewayError && error.status === 502);
  const failure = converter.fail(new GatewayError('provider_stream_interrupted', 502, 'The upstream reported an error mid-stream (overloaded_error): Overloaded'));
  assert.deepEqual(failure.map((event) => event.type), ['response.failed', 'error']);
  assert.deepEqual(failure.map((event) => event.sequence_number), [sent.length, sent.length + 1]);
  const failed = failure[0]!.response as { status: string; error: { code: string; message: string } };
  assert.equal(failed.status, 'failed');
  assert.deepEqual(failed.error, { code: 'server_error', message: 'The upstream reported an error mid-stream (overloaded_error): Overloaded' });
  const errorEvent = failure[1]!;
  assert.equal(errorEvent.code, 'provider_stream_interrupted');
  assert.equal(errorEvent.param, null);
  assert.deepEqual(errorEvent.error, { message: errorEvent.message, type: 'server_error', code: 'provider_stream_interrupted', param: null });
  assert.deepEqual(converter.fail(new GatewayError('provider_stream_interrupted', 502, 'again')), [], 'a stream fails once');
});

test('an answer cut at the output limit ends with response.incomplete', () => {
  const converter = createAnthropicToResponsesStreamConverter(identity);
  const message: AnthropicMessageResponse = { ...answer(), content: [{ type: 'text', text: 'Once' }], stop_reason: 'max_tokens' };
  const events = messageToStreamEvents(message).flatMap((event) => converter.process(event));
  assert.equal(events.at(-1)!.type, 'response.incomplete');
  assert.deepEqual((events.at(-1)!.response as { incomplete_details: unknown }).incomplete_details, { reason: 'max_output_tokens' });
});

const customIdentity: ResponsesIdentity = { ...identity, request: { model: 'claude-mock', tools: [{ type: 'custom', name: 'apply_patch' }] } };

/** A streamed answer calling apply_patch with its arguments arriving as the given partial JSON pieces. */
function customCallStream(pieces: readonly string[], stopReason: AnthropicMessageResponse['stop_reason'] = 'tool_use'): AnthropicStreamEvent[] {
  const message: AnthropicMessageResponse = { ...answer(), content: [{ type: 'tool_use', id: 'toolu_patch', name: 'apply_patch', input: {} }], stop_reason: stopReason };
  return messageToStreamEvents(message).flatMap((event): AnthropicStreamEvent[] => {
    if (event.type === 'content_block_delta') return [];
    if (event.type !== 'content_block_stop') return [event];
    return [...pieces.map((partial_json): AnthropicStreamEvent => ({ type: 'content_block_delta', index: event.index, delta: { type: 'input_json_delta', partial_json } })), event];
  });
}

/** The custom call's input deltas and its done input, from a stream that follows the Responses grammar. */
function customCallEvents(stream: AnthropicStreamEvent[]): { deltas: string[]; input: unknown; item: unknown } {
  const converter = createAnthropicToResponsesStreamConverter(customIdentity);
  const events = assertResponsesStream(stream.flatMap((event) => converter.process(event)).map(formatResponsesEvent).join(''));
  return {
    deltas: events.filter((event) => event.type === 'response.custom_tool_call_input.delta').map((event) => event.delta as string),
    input: events.find((event) => event.type === 'response.custom_tool_call_input.done')?.input,
    item: events.find((event) => event.type === 'response.output_item.done')?.item,
  };
}

test('a custom tool call streams its decoded text delta by delta as the arguments arrive, then its done events, and ends as the non-streamed answer does', () => {
  const patch = '*** Begin Patch\n*** Add File: "a b.txt"\n+hello \u{1F600}\n*** End Patch\n';
  const message: AnthropicMessageResponse = {
    ...answer(),
    content: [{ type: 'text', text: 'Patching.' }, { type: 'tool_use', id: 'toolu_patch', name: 'apply_patch', input: { input: patch } }],
    stop_reason: 'tool_use',
  };
  const arguments_ = JSON.stringify({ input: patch });
  // Cut inside an escape sequence, as an upstream's deltas may be.
  const cut = arguments_.indexOf('\\n') + 1;
  const stream = messageToStreamEvents(message).flatMap((event): AnthropicStreamEvent[] => {
    if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
      return [arguments_.slice(0, cut), arguments_.slice(cut)].map((partial_json) => ({ type: 'content_block_delta', index: event.index, delta: { type: 'input_json_delta', partial_json } }));
    }
    return [event];
  });
  const converter = createAnthropicToResponsesStreamConverter(customIdentity);
  const events = assertResponsesStream(stream.flatMap((event) => converter.process(event)).map(formatResponsesEvent).join(''));
  assert.deepEqual(events.slice(8).map((event) => event.type), [
    'response.output_item.added',
    'response.custom_tool_call_input.delta',
    'response.custom_tool_call_input.delta',
    'response.custom_tool_call_input.done',
    'response.output_item.done',
    'response.completed',
  ]);
  const [added, first, second, done, itemDone] = events.slice(8);
  assert.deepEqual(added!.item, { type: 'custom_tool_call', id: 'ctc_abc_1', call_id: 'toolu_patch', name: 'apply_patch', input: '', status: 'in_progress' });
  assert.deepEqual([first!.item_id, first!.output_index, first!.delta], ['ctc_abc_1', 1, '*** Begin Patch']);
  assert.deepEqual([second!.item_id, second!.output_index, second!.delta], ['ctc_abc_1', 1, patch.slice('*** Begin Patch'.length)]);
  assert.equal(done!.input, patch);
  assert.deepEqual(itemDone!.item, { type: 'custom_tool_call', id: 'ctc_abc_1', call_id: 'toolu_patch', name: 'apply_patch', input: patch, status: 'completed' });
  assert.deepEqual(events.at(-1)!.response, convertAnthropicResponseToResponses(message, customIdentity));
});

test('custom call arguments of another shape go out whole at the end, as the non-streamed answer reads them', () => {
  assert.deepEqual(customCallEvents(customCallStream(['{"pat', 'ch":"A\\n', 'B"}'])), {
    deltas: ['A\nB'],
    input: 'A\nB',
    item: { type: 'custom_tool_call', id: 'ctc_abc_0', call_id: 'toolu_patch', name: 'apply_patch', input: 'A\nB', status: 'completed' },
  });
  assert.deepEqual(customCallEvents(customCallStream(['{"a":1,', '"b":2}'])).deltas, ['{"a":1,"b":2}'], 'no string to take: the arguments as text');
  assert.deepEqual(customCallEvents(customCallStream(['*** Begin', ' Patch'])).deltas, ['*** Begin Patch'], 'not JSON at all: the raw text');
  const secondProperty = customCallEvents(customCallStream(['{"input":"A', 'B","extra":', '1}']));
  assert.deepEqual([secondProperty.deltas, secondProperty.input], [['A', 'B'], 'AB'], 'what streamed before the second property is the input');
});

test('a custom call cut short at the output limit keeps the text that streamed', () => {
  const cut = customCallEvents(customCallStream(['{"input":"*** Begin', ' Patch\\n*** Add'], 'max_tokens'));
  assert.deepEqual([cut.deltas, cut.input], [['*** Begin', ' Patch\n*** Add'], '*** Begin Patch\n*** Add']);
});
