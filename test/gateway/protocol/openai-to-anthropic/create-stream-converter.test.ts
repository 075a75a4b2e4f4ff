import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestMicrosecondsPerOperation } from '../../../helpers/best-time-per-operation.ts';
import type { AnthropicStreamEvent } from '../../../../gateway/protocol/anthropic/types.ts';
import type { OpenAIChatChunk } from '../../../../gateway/protocol/openai/types.ts';
import { createOpenAIToAnthropicStreamConverter } from '../../../../gateway/protocol/openai-to-anthropic/create-stream-converter.ts';
import { readChunksFixture } from '../../../helpers/read-fixture.ts';
import { assertAnthropicStream } from '../../../helpers/assert-anthropic-stream.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';

const context = { model: 'claude-sonnet-4-5', messageId: 'msg_test', toolNames: new Map<string, string>() };

function convertFixture(name: string, toolNames = new Map<string, string>()): AnthropicStreamEvent[] {
  const converter = createOpenAIToAnthropicStreamConverter({ ...context, toolNames });
  const events = readChunksFixture<OpenAIChatChunk>('openai', name).flatMap((chunk) => converter.process(chunk));
  return [...events, ...converter.finish()];
}

/** One line per event, so the shape of a whole stream reads at a glance. */
function summarize(events: AnthropicStreamEvent[]): string[] {
  return events.map((event) => {
    switch (event.type) {
      case 'content_block_start':
        return `start ${event.index} ${event.content_block.type}`;
      case 'content_block_delta': {
        const { delta } = event;
        const value = delta.type === 'text_delta' ? delta.text : delta.type === 'thinking_delta' ? delta.thinking : delta.type === 'input_json_delta' ? delta.partial_json : delta.type === 'signature_delta' ? delta.signature : '';
        return `${delta.type} ${event.index} ${value}`;
      }
      case 'content_block_stop':
        return `stop ${event.index}`;
      case 'message_delta':
        return `message_delta ${event.delta.stop_reason}`;
      default:
        return event.type;
    }
  });
}

const toolNames = (events: AnthropicStreamEvent[]) => events.flatMap((event) => (event.type === 'content_block_start' && event.content_block.type === 'tool_use' ? [(event.content_block as { name: string }).name] : []));

test('a tool call opens a tool_use block with input {} and keeps the arguments of its opening chunk (LiteLLM #1, #9, #26)', () => {
  const events = convertFixture('tool-call-args-in-opening-chunk');
  assertAnthropicStream(events);
  assert.deepStrictEqual(events, [
    {
      type: 'message_start',
      message: {
        id: 'msg_test', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'call_abc', name: 'get_weather', input: {} } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city": ' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"San ' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: 'Francisco"}' } },
    { type: 'content_block_stop', index: 0 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 70, output_tokens: 20, cache_read_input_tokens: 30, cache_creation_input_tokens: 0 },
    },
    { type: 'message_stop' },
  ]);
});

test('reasoning_content opens a thinking block with an empty body, then text gets its own block (LiteLLM #3)', () => {
  const events = convertFixture('reasoning-then-text');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), [
    'message_start',
    'start 0 thinking',
    'thinking_delta 0 Let me think',
    'thinking_delta 0  about it.',
    'stop 0',
    'start 1 text',
    'text_delta 1 The answer',
    'text_delta 1  is 42.',
    'stop 1',
    'message_delta end_turn',
    'message_stop',
  ]);
  const start = events[1];
  assert.ok(start?.type === 'content_block_start' && start.content_block.type === 'thinking');
  assert.equal((start.content_block as { thinking: string }).thinking, '');
});

test('a thinking chunk with text and a signature gives one signature_delta and the text once (LiteLLM #4)', () => {
  const events = convertFixture('thinking-text-with-signature');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), [
    'message_start',
    'start 0 thinking',
    'thinking_delta 0 I should add.',
    'signature_delta 0 sig-abc',
    'stop 0',
    'start 1 text',
    'text_delta 1 4',
    'stop 1',
    'message_delta end_turn',
    'message_stop',
  ]);
});

test('text and a tool call in one chunk: text block, then tool_use with input_json_delta; ids normalised (LiteLLM #14, #7)', () => {
  const events = convertFixture('text-and-tool-call-same-chunk');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), [
    'message_start',
    'start 0 text',
    'text_delta 0 Running it.',
    'stop 0',
    'start 1 tool_use',
    'input_json_delta 1 {"command":"ls"}',
    'stop 1',
    'message_delta tool_use',
    'message_stop',
  ]);
  const toolStart = events[4];
  assert.ok(toolStart?.type === 'content_block_start');
  assert.equal((toolStart.content_block as { id: string }).id, 'functions_Bash_0');
});

test('text with tool_calls:[] stays text (LiteLLM #15)', () => {
  const events = convertFixture('text-with-empty-tool-calls');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), [
    'message_start', 'start 0 text', 'text_delta 0 Hello', 'text_delta 0  world', 'stop 0', 'message_delta end_turn', 'message_stop',
  ]);
});

test('content_filter → exactly one message_delta with refusal, message_stop last, later chunks dropped (LiteLLM #23)', () => {
  const events = convertFixture('content-filter');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), ['message_start', 'start 0 text', 'text_delta 0 I can', 'stop 0', 'message_delta refusal', 'message_stop']);
});

test('chunks with choices:[] do not crash or emit (LiteLLM #24)', () => {
  const events = convertFixture('empty-choices-between-chunks');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), ['message_start', 'start 0 text', 'text_delta 0 ok', 'stop 0', 'message_delta end_turn', 'message_stop']);
});

test('parallel tool calls get one block each, in order, and cache usage is split out', () => {
  const events = convertFixture('parallel-tool-calls');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), [
    'message_start',
    'start 0 tool_use',
    'input_json_delta 0 {"path":"a.ts"}',
    'stop 0',
    'start 1 tool_use',
    'input_json_delta 1 {"path":"b.ts"}',
    'stop 1',
    'message_delta tool_use',
    'message_stop',
  ]);
  const delta = events.find((event) => event.type === 'message_delta');
  assert.ok(delta?.type === 'message_delta');
  assert.deepStrictEqual(delta.usage, { input_tokens: 70, output_tokens: 30, cache_read_input_tokens: 30, cache_creation_input_tokens: 20 });
});

test('parallel calls that all reuse index 0 (Ollama /v1, ollama#15457) still get one block each', () => {
  const events = convertFixture('parallel-tool-calls-reused-index');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), [
    'message_start',
    'start 0 tool_use',
    'input_json_delta 0 {"file_path":"hello.py"}',
    'stop 0',
    'start 1 tool_use',
    'input_json_delta 1 {"file_path":"world.py"}',
    'stop 1',
    'message_delta tool_use',
    'message_stop',
  ]);
  const ids = events.flatMap((event) => (event.type === 'content_block_start' && event.content_block.type === 'tool_use' ? [(event.content_block as { id: string }).id] : []));
  assert.deepStrictEqual(ids, ['call_a1', 'call_b2']);
});

/** Two tool calls as Anthropic streams them, however the upstream sent their fragments. */
const TWO_CALLS_ONE_AFTER_THE_OTHER = [
  'message_start',
  'start 0 tool_use',
  'input_json_delta 0 {"path":',
  'input_json_delta 0 "a.ts"}',
  'stop 0',
  'start 1 tool_use',
  'input_json_delta 1 {"path":',
  'input_json_delta 1 "b.ts"}',
  'stop 1',
  'message_delta tool_use',
  'message_stop',
];

test('parallel calls without an index: a new id opens a new block, and id-less fragments follow the latest call', () => {
  const events = convertFixture('parallel-tool-calls-without-index');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), TWO_CALLS_ONE_AFTER_THE_OTHER);
});

test('interleaved parallel calls: the second waits until the first one\'s arguments are whole, so no delta follows a stop', () => {
  const events = convertFixture('parallel-tool-calls-interleaved');
  assert.deepStrictEqual(assertAnthropicStream(events).map((block) => block.input), [{ path: 'a.ts' }, { path: 'b.ts' }]);
  assert.deepStrictEqual(summarize(events), TWO_CALLS_ONE_AFTER_THE_OTHER);
});

test('interleaved calls with arguments in their opening chunks, and both calls in one chunk', () => {
  const events = convertFixture('parallel-tool-calls-interleaved-args-in-opening-chunk');
  assert.deepStrictEqual(assertAnthropicStream(events).map((block) => block.input), [{ command: 'ls' }, { command: 'pwd' }]);
  const ids = events.flatMap((event) => (event.type === 'content_block_start' ? [(event.content_block as { id: string }).id] : []));
  assert.deepStrictEqual(ids, ['call_a', 'call_b']);
});

test('a late fragment that completes the first call: later calls wait for it, then follow in order', () => {
  const converter = createOpenAIToAnthropicStreamConverter(context);
  const chunks = readChunksFixture<OpenAIChatChunk>('openai', 'parallel-tool-calls-late-fragment-for-first-call');
  const beforeTheFragment = chunks.slice(0, 4).flatMap((chunk) => converter.process(chunk));
  // The first call still streams live; the two calls behind it are held back.
  assert.deepStrictEqual(summarize(beforeTheFragment), ['message_start', 'start 0 tool_use', 'input_json_delta 0 {"path":"a.ts"']);
  const events = [...beforeTheFragment, ...chunks.slice(4).flatMap((chunk) => converter.process(chunk)), ...converter.finish()];
  assert.deepStrictEqual(assertAnthropicStream(events).map((block) => block.input), [{ path: 'a.ts' }, { path: 'b.ts' }, { path: 'c.ts' }]);
});

test('text that arrives while a call is held back comes after it, in arrival order', () => {
  const converter = createOpenAIToAnthropicStreamConverter(context);
  const header = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
  const chunk = (delta: OpenAIChatChunk['choices'][number]['delta'], finish: string | null = null): OpenAIChatChunk => ({ ...header, choices: [{ index: 0, delta, finish_reason: finish }] });
  const events = [
    chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'Read', arguments: '{"path":' } }] }),
    chunk({ tool_calls: [{ index: 1, id: 'call_2', function: { name: 'Read', arguments: '{"path":"b.ts"}' } }] }),
    chunk({ content: 'Reading ' }),
    chunk({ content: 'both.' }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '"a.ts"}' } }] }),
    chunk({}, 'tool_calls'),
  ].flatMap((each) => converter.process(each));
  events.push(...converter.finish());
  assert.deepStrictEqual(assertAnthropicStream(events).map((block) => block.input ?? block.text), [{ path: 'a.ts' }, { path: 'b.ts' }, 'Reading both.']);
});

test('a call still unfinished at the finish releases the calls held behind it, in order', () => {
  const chunks = readChunksFixture<OpenAIChatChunk>('openai', 'parallel-tool-calls-late-fragment-for-first-call');
  const converter = createOpenAIToAnthropicStreamConverter(context);
  const events = [...chunks.slice(0, 4), ...chunks.slice(5)].flatMap((chunk) => converter.process(chunk));
  events.push(...converter.finish());
  assert.deepStrictEqual(summarize(events).filter((line) => !line.startsWith('input_json_delta')), [
    'message_start', 'start 0 tool_use', 'stop 0', 'start 1 tool_use', 'stop 1', 'start 2 tool_use', 'stop 2', 'message_delta tool_use', 'message_stop',
  ]);
});

test('arguments for a call after they formed a whole JSON object fail the answer instead of following its stop', () => {
  const converter = createOpenAIToAnthropicStreamConverter(context);
  const chunks = readChunksFixture<OpenAIChatChunk>('openai', 'tool-call-arguments-after-complete');
  const events = chunks.slice(0, 2).flatMap((chunk) => converter.process(chunk));
  assert.deepStrictEqual(summarize(events).slice(-2), ['start 1 tool_use', 'input_json_delta 1 {"path":"b.ts"}']);
  assert.throws(() => converter.process(chunks[2]!), (error: unknown) => GatewayError.isInstance(error) && error.type === 'provider_bad_response' && /call_1/.test(error.message));
});

test('whitespace after a call\'s whole arguments is no news, and is left out', () => {
  const converter = createOpenAIToAnthropicStreamConverter(context);
  const chunks = readChunksFixture<OpenAIChatChunk>('openai', 'tool-call-arguments-after-complete');
  const whitespace: OpenAIChatChunk = { ...chunks[2]!, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '\n ' } }] }, finish_reason: null }] };
  const events = [...chunks.slice(0, 2), whitespace, ...chunks.slice(3)].flatMap((chunk) => converter.process(chunk));
  events.push(...converter.finish());
  assert.deepStrictEqual(assertAnthropicStream(events).map((block) => block.input), [{ path: 'a.ts' }, { path: 'b.ts' }]);
});

test('a streamed custom tool call becomes a tool_use of its raw text in the one-string shape; a call begun meanwhile waits behind it', () => {
  const events = convertFixture('custom-tool-call-then-function-call');
  const patch = '*** Begin Patch\n*** Update File: hello.txt\n@@\n hello\n+world "quoted" \\ \u{1F600}\n*** End Patch\n';
  assert.deepStrictEqual(assertAnthropicStream(events).map((block) => block.input), [{ input: patch }, { command: ['ls'] }]);
  assert.deepStrictEqual(toolNames(events), ['apply_patch', 'shell']);
  const lines = summarize(events);
  // The text streams as it comes; the call's JSON is closed at its stop, which waits for the finish.
  assert.equal(lines[1], 'start 0 tool_use');
  assert.equal(lines[2], 'input_json_delta 0 {"input":"');
  assert.equal(lines[3], 'input_json_delta 0 *** Begin');
  assert.deepStrictEqual(lines.slice(lines.indexOf('stop 0') - 1, lines.indexOf('stop 0') + 2), ['input_json_delta 0 "}', 'stop 0', 'start 1 tool_use']);
});

test('function call deltas that echo an empty `custom: {}` stay function calls (earendil-works/pi#8504)', () => {
  const events = convertFixture('function-call-with-empty-custom-echo');
  assert.deepStrictEqual(assertAnthropicStream(events).map((block) => block.input), [{ path: 'a.ts' }]);
  assert.deepStrictEqual(toolNames(events), ['Read']);
});

test('a tool call finished with "stop" still ends in tool_use, so the client runs it', () => {
  const events = convertFixture('tool-call-then-finish-stop');
  assertAnthropicStream(events);
  assert.deepStrictEqual(summarize(events), ['message_start', 'start 0 tool_use', 'stop 0', 'message_delta tool_use', 'message_stop']);
});

test('message_delta waits for the usage chunk; finish() ends a stream that never sent one', () => {
  const converter = createOpenAIToAnthropicStreamConverter(context);
  const [first, finishing] = readChunksFixture<OpenAIChatChunk>('openai', 'reasoning-then-text').slice(3, 5);
  converter.process(first!);
  const atFinish = converter.process(finishing!);
  assert.ok(!atFinish.some((event) => event.type === 'message_delta'), 'held until usage');
  assert.deepStrictEqual(summarize(converter.finish()), ['message_delta end_turn', 'message_stop']);
  assert.deepStrictEqual(converter.finish(), []);
});

test('an empty upstream stream still yields message_start, message_delta and message_stop (LiteLLM #25)', () => {
  const converter = createOpenAIToAnthropicStreamConverter(context);
  assert.deepStrictEqual(summarize(converter.start()), ['message_start']);
  assert.deepStrictEqual(converter.start(), []);
  assert.deepStrictEqual(summarize(converter.finish()), ['message_delta end_turn', 'message_stop']);
});

test('usage() reports what was seen so far, for aborted requests', () => {
  const converter = createOpenAIToAnthropicStreamConverter(context);
  assert.deepStrictEqual(converter.usage(), { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  for (const chunk of readChunksFixture<OpenAIChatChunk>('openai', 'parallel-tool-calls')) converter.process(chunk);
  assert.deepStrictEqual(converter.usage(), { input_tokens: 70, output_tokens: 30, cache_read_input_tokens: 30, cache_creation_input_tokens: 20 });
});

test('shortened tool names are restored in tool_use blocks', () => {
  const events = convertFixture('tool-call-args-in-opening-chunk', new Map([['get_weather', 'get_weather.v2']]));
  const start = events.find((event) => event.type === 'content_block_start');
  assert.ok(start?.type === 'content_block_start');
  assert.equal((start.content_block as { name: string }).name, 'get_weather.v2');
});

test('converting 10k chunks stays well under 50 µs per event', () => {
  const header = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
  const chunks: OpenAIChatChunk[] = [];
  for (let position = 0; position < 10_000; position += 1) {
    const delta = position < 3_000 ? { reasoning_content: 'think ' } : position < 7_000 ? { content: 'word ' } : { tool_calls: [{ index: Math.floor(position / 1000), id: `call_${Math.floor(position / 1000)}`, function: { name: 'Bash', arguments: '{"a":' } }] };
    chunks.push({ ...header, choices: [{ index: 0, delta, finish_reason: null }] });
  }
  chunks.push({ ...header, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 10, completion_tokens: 10_000, total_tokens: 10_010 } });
  let eventCount = 0;
  const microsecondsPerEvent = bestMicrosecondsPerOperation(5, () => {
    const converter = createOpenAIToAnthropicStreamConverter(context);
    eventCount = 0;
    for (const chunk of chunks) eventCount += converter.process(chunk).length;
    eventCount += converter.finish().length;
    return eventCount;
  });
  assert.ok(eventCount >= 10_000);
  assert.ok(microsecondsPerEvent < 50, `${microsecondsPerEvent.toFixed(2)} µs per event (best of 5 rounds)`);
});
