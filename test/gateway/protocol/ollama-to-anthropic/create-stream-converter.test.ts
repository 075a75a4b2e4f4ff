import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnthropicStreamEvent, ToolUseBlock } from '../../../../gateway/protocol/anthropic/types.ts';
import type { OllamaChatChunk } from '../../../../gateway/protocol/ollama/types.ts';
import { createNdjsonParser } from '../../../../gateway/protocol/ndjson/create-ndjson-parser.ts';
import { createOllamaToAnthropicStreamConverter } from '../../../../gateway/protocol/ollama-to-anthropic/create-stream-converter.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';
import { assertAnthropicStream } from '../../../helpers/assert-anthropic-stream.ts';

const fixturesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/ollama');

function newConverter() {
  let counter = 0;
  return createOllamaToAnthropicStreamConverter({ model: 'claude-sonnet-5', messageId: 'msg_test', idFactory: () => `toolu_generated_${++counter}` });
}

/** Feeds a fixture in 7-character pieces, as a socket would, through the parser and the converter. */
function convertFixture(name: string, converter = newConverter()): AnthropicStreamEvent[] {
  const text = readFileSync(path.join(fixturesDirectory, name), 'utf8');
  const parser = createNdjsonParser();
  const events: AnthropicStreamEvent[] = [];
  const processAll = (chunks: unknown[]) => {
    for (const chunk of chunks) events.push(...converter.process(chunk as OllamaChatChunk));
  };
  for (let offset = 0; offset < text.length; offset += 7) processAll(parser.push(text.slice(offset, offset + 7)));
  processAll(parser.end());
  return events;
}

function blockSummary(events: AnthropicStreamEvent[]): unknown[] {
  const blocks: { type: string; text: string; id?: string; name?: string }[] = [];
  for (const event of events) {
    if (event.type === 'content_block_start') {
      const block = event.content_block;
      const toolUse = block.type === 'tool_use' ? (block as ToolUseBlock) : undefined;
      blocks.push({ type: block.type, text: '', ...(toolUse ? { id: toolUse.id, name: toolUse.name } : {}) });
    } else if (event.type === 'content_block_delta') {
      const delta = event.delta;
      const piece = delta.type === 'text_delta' ? delta.text : delta.type === 'thinking_delta' ? delta.thinking : delta.type === 'input_json_delta' ? delta.partial_json : '';
      blocks[event.index]!.text += piece;
    }
  }
  return blocks;
}

function messageDelta(events: AnthropicStreamEvent[]) {
  const event = events.find((candidate) => candidate.type === 'message_delta');
  assert.ok(event?.type === 'message_delta');
  return event;
}

test('text chunks then done: one text block, end_turn, usage from the counters', () => {
  const converter = newConverter();
  const events = convertFixture('text-then-done-with-metrics.ndjson', converter);
  assertAnthropicStream(events);
  const start = events[0];
  assert.ok(start?.type === 'message_start');
  assert.deepEqual(start.message, {
    id: 'msg_test', type: 'message', role: 'assistant', model: 'claude-sonnet-5', content: [], stop_reason: null, stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  });
  assert.deepEqual(blockSummary(events), [{ type: 'text', text: 'Hello there.' }]);
  assert.deepEqual(messageDelta(events), { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 26, output_tokens: 3 } });
  assert.deepEqual(converter.usage(), { input_tokens: 26, output_tokens: 3 });
  assert.deepEqual(converter.metrics(), { total_duration: 1204512345, load_duration: 20123456, prompt_eval_count: 26, prompt_eval_duration: 130456789, eval_count: 3, eval_duration: 60234567 });
});

test('thinking then text: a thinking block without signature, then a text block; cached prompt tokens become cache reads', () => {
  const converter = newConverter();
  const events = convertFixture('thinking-then-text.ndjson', converter);
  assertAnthropicStream(events);
  assert.deepEqual(blockSummary(events), [{ type: 'thinking', text: 'The user greets me.' }, { type: 'text', text: 'Hi!' }]);
  const thinkingStart = events.find((event) => event.type === 'content_block_start');
  assert.deepEqual(thinkingStart, { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } });
  assert.deepEqual(converter.usage(), { input_tokens: 4, output_tokens: 9, cache_read_input_tokens: 8 });
});

test('a tool call mid-stream followed by done_reason stop ends with tool_use (LiteLLM #34692)', () => {
  const events = convertFixture('tool-call-mid-stream-then-done-stop.ndjson');
  assertAnthropicStream(events);
  assert.deepEqual(blockSummary(events), [
    { type: 'thinking', text: 'I should run it.' },
    { type: 'text', text: 'Running the command.' },
    { type: 'tool_use', id: 'call_k3v9x2', name: 'Bash', text: '{"command":"echo hi","description":"Print marker"}' },
  ]);
  const toolStart = events.find((event) => event.type === 'content_block_start' && event.index === 2);
  assert.deepEqual(toolStart, { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_k3v9x2', name: 'Bash', input: {} } });
  assert.equal(messageDelta(events).delta.stop_reason, 'tool_use');
  assert.deepEqual(messageDelta(events).usage, { input_tokens: 18234, output_tokens: 41 });
});

test('parallel tool calls without ids get one block each with ids from the factory', () => {
  const events = convertFixture('parallel-tool-calls-without-ids.ndjson');
  assertAnthropicStream(events);
  assert.deepEqual(blockSummary(events), [
    { type: 'tool_use', id: 'toolu_generated_1', name: 'get_weather', text: '{"city":"Paris"}' },
    { type: 'tool_use', id: 'toolu_generated_2', name: 'get_time', text: '{}' },
  ]);
  assert.equal(messageDelta(events).delta.stop_reason, 'tool_use');
});

test('missing metric fields read as 0 in usage but stay unknown in metrics()', () => {
  const converter = newConverter();
  const events = convertFixture('done-without-metrics.ndjson', converter);
  assertAnthropicStream(events);
  assert.deepEqual(messageDelta(events).usage, { input_tokens: 0, output_tokens: 0 });
  assert.deepEqual(converter.metrics(), { total_duration: 104512345 });
  assert.equal(converter.metrics().prompt_eval_count, undefined);
});

test('done_reason length becomes max_tokens', () => {
  const events = convertFixture('length-limit.ndjson');
  assertAnthropicStream(events);
  assert.equal(messageDelta(events).delta.stop_reason, 'max_tokens');
});

test('an {"error"} line mid-stream throws provider_stream_interrupted after the events already produced', () => {
  const converter = newConverter();
  const lines = readFileSync(path.join(fixturesDirectory, 'mid-stream-error.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as OllamaChatChunk);
  const before = converter.process(lines[0]!);
  assert.deepEqual(before.map((event) => event.type), ['message_start', 'content_block_start', 'content_block_delta']);
  assert.throws(() => converter.process(lines[1]!), (error: unknown) => {
    assert.ok(GatewayError.isInstance(error));
    assert.equal(error.type, 'provider_stream_interrupted');
    assert.equal(error.status, 502);
    assert.match(error.message, /unexpected EOF/);
    return true;
  });
});

test('a stream that ends without done is left open: no message_delta or message_stop is made up', () => {
  const converter = newConverter();
  const events = convertFixture('ends-without-done.ndjson', converter);
  assert.equal(events[0]?.type, 'message_start');
  assert.ok(events.some((event) => event.type === 'content_block_delta' && event.delta.type === 'text_delta' && event.delta.text === 'Cut off'));
  assert.ok(!events.some((event) => event.type === 'message_delta' || event.type === 'message_stop'), 'the relay sees no message_stop and reports the stream cut short');
  assert.deepEqual(converter.metrics(), {});
});

test('a done chunk alone is a complete message, and chunks after done add nothing', () => {
  const converter = newConverter();
  const done: OllamaChatChunk = { model: 'qwen3:8b', created_at: '2025-06-01T10:00:00Z', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' };
  const events = converter.process(done);
  assertAnthropicStream(events);
  assert.deepEqual(blockSummary(events), []);
  assert.deepEqual(converter.process({ ...done, message: { role: 'assistant', content: 'late' } }), []);
});
