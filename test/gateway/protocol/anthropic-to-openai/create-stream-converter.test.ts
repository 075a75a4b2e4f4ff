import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestMicrosecondsPerOperation } from '../../../helpers/best-time-per-operation.ts';
import type { AnthropicStreamEvent } from '../../../../gateway/protocol/anthropic/types.ts';
import type { OpenAIChatChunk } from '../../../../gateway/protocol/openai/types.ts';
import { createAnthropicToOpenAIStreamConverter } from '../../../../gateway/protocol/anthropic-to-openai/create-stream-converter.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';
import { readJsonFixture } from '../../../helpers/read-fixture.ts';

const identity = { id: 'chatcmpl-1', created: 1700000000, model: 'claude-sonnet-4-5', customTools: new Set<string>() };
const events = () => readJsonFixture<AnthropicStreamEvent[]>('anthropic', 'thinking-text-tool-use.events.json');

function convertAll(includeUsage: boolean): OpenAIChatChunk[] {
  const converter = createAnthropicToOpenAIStreamConverter({ ...identity, includeUsage });
  return events().flatMap((event) => converter.process(event));
}

test('role chunk first, reasoning and text deltas, one tool_calls index per tool, finish reason, then usage', () => {
  const chunks = convertAll(true);
  for (const chunk of chunks) assert.deepStrictEqual([chunk.id, chunk.object, chunk.created, chunk.model], ['chatcmpl-1', 'chat.completion.chunk', 1700000000, 'claude-sonnet-4-5']);
  assert.deepStrictEqual(
    chunks.map((chunk) => (chunk.choices.length === 0 ? { usage: chunk.usage } : { delta: chunk.choices[0]!.delta, finish_reason: chunk.choices[0]!.finish_reason })),
    [
      { delta: { role: 'assistant', content: '' }, finish_reason: null },
      { delta: { reasoning_content: 'Two files.' }, finish_reason: null },
      { delta: { content: 'Reading both.' }, finish_reason: null },
      { delta: { tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'Read', arguments: '' } }] }, finish_reason: null },
      { delta: { tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }, finish_reason: null },
      { delta: { tool_calls: [{ index: 0, function: { arguments: '"a.ts"}' } }] }, finish_reason: null },
      { delta: { tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'Read', arguments: '' } }] }, finish_reason: null },
      { delta: { tool_calls: [{ index: 1, function: { arguments: '{"path":"b.ts"}' } }] }, finish_reason: null },
      { delta: {}, finish_reason: 'tool_calls' },
      { usage: { prompt_tokens: 120, completion_tokens: 42, total_tokens: 162, prompt_tokens_details: { cached_tokens: 30, cache_creation_tokens: 20 } } },
    ],
  );
});

test('without include_usage there is no usage chunk', () => {
  const chunks = convertAll(false);
  assert.ok(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined));
  assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'tool_calls');
});

test('an error event throws a GatewayError carrying the upstream error', () => {
  const converter = createAnthropicToOpenAIStreamConverter({ ...identity, includeUsage: true });
  converter.process(events()[0]!);
  const upstreamError = { type: 'overloaded_error', message: 'Overloaded' };
  assert.throws(
    () => converter.process({ type: 'error', error: upstreamError }),
    (error: unknown) => GatewayError.isInstance(error) && error.type === 'provider_stream_interrupted' && error.cause === upstreamError && error.message.includes('Overloaded'),
  );
});

test('converting 10k events stays well under 50 µs per event', () => {
  const fixture = events();
  const body = fixture.slice(6, 9);
  const stream = [fixture[0]!, ...Array.from({ length: 10_000 }, (_, position) => (position % 100 === 0 ? body[0]! : position % 100 === 99 ? body[2]! : body[1]!)), ...fixture.slice(-2)];
  const microsecondsPerEvent = bestMicrosecondsPerOperation(5, () => {
    const converter = createAnthropicToOpenAIStreamConverter({ ...identity, includeUsage: true });
    for (const event of stream) converter.process(event);
    return stream.length;
  });
  assert.ok(microsecondsPerEvent < 50, `${microsecondsPerEvent.toFixed(2)} µs per event (best of 5 rounds)`);
});

test('with include_usage every chunk before the usage chunk carries usage: null, as OpenAI streams do', () => {
  const chunks = convertAll(true);
  const last = chunks.at(-1)!;
  assert.deepStrictEqual(last.choices, []);
  assert.ok(last.usage);
  for (const chunk of chunks.slice(0, -1)) assert.ok('usage' in chunk && chunk.usage === null, JSON.stringify(chunk));
  assert.ok(convertAll(false).every((chunk) => !('usage' in chunk)));
});

test('the usage chunk keeps message_start\'s input counts when message_delta writes them as 0, as Anthropic-compatible proxies do', () => {
  const converter = createAnthropicToOpenAIStreamConverter({ ...identity, includeUsage: true });
  const stream: AnthropicStreamEvent[] = [
    { type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', content: [], model: 'm', stop_reason: null, stop_sequence: null, usage: { input_tokens: 1200, output_tokens: 1, cache_read_input_tokens: 800, cache_creation_input_tokens: 0 } } },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 0, output_tokens: 40, cache_read_input_tokens: 0 } },
    { type: 'message_stop' },
  ];
  const usage = stream.flatMap((event) => converter.process(event)).at(-1)?.usage;
  assert.deepEqual([usage?.prompt_tokens, usage?.completion_tokens, usage?.prompt_tokens_details?.cached_tokens], [2000, 40, 800]);
});

test("a call to a request's custom tool streams its raw text in custom.input as the arguments arrive", () => {
  const converter = createAnthropicToOpenAIStreamConverter({ ...identity, customTools: new Set(['apply_patch']), includeUsage: false });
  const stream: AnthropicStreamEvent[] = [
    events()[0]!,
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_patch', name: 'apply_patch', input: {} } },
    ...['{"input":', '"*** Begin', ' Patch\\', 'n*** End Patch\\n"}'].map((partial_json): AnthropicStreamEvent => ({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json } })),
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_other', name: 'apply_patch', input: {} } },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"patch":"p"}' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } },
    { type: 'message_stop' },
  ];
  const deltas = stream.flatMap((event) => converter.process(event)).map((chunk) => ({ delta: chunk.choices[0]!.delta, finish_reason: chunk.choices[0]!.finish_reason }));
  assert.deepStrictEqual(deltas, [
    { delta: { role: 'assistant', content: '' }, finish_reason: null },
    { delta: { tool_calls: [{ index: 0, id: 'toolu_patch', type: 'custom', custom: { name: 'apply_patch', input: '' } }] }, finish_reason: null },
    { delta: { tool_calls: [{ index: 0, custom: { input: '*** Begin' } }] }, finish_reason: null },
    { delta: { tool_calls: [{ index: 0, custom: { input: ' Patch' } }] }, finish_reason: null },
    { delta: { tool_calls: [{ index: 0, custom: { input: '\n*** End Patch\n' } }] }, finish_reason: null },
    { delta: { tool_calls: [{ index: 1, id: 'toolu_other', type: 'custom', custom: { name: 'apply_patch', input: '' } }] }, finish_reason: null },
    // Arguments of another shape go out whole when the call ends, read as the non-streamed answer reads them.
    { delta: { tool_calls: [{ index: 1, custom: { input: 'p' } }] }, finish_reason: null },
    { delta: {}, finish_reason: 'tool_calls' },
  ]);
});
