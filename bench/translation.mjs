#!/usr/bin/env node
// `npm run bench:translation`: DESIGN.md §10's "cross-protocol translation ≤ 50 µs per streamed
// event". Runs the gateway's own stream codecs (upstream decoder → canonical events → client
// encoder, as relay-stream.ts uses them) over streams in each translated direction, one upstream
// event per push as a paced upstream delivers them, and times every push. Streams: one shaped like
// gwbench's mock (a role or start event, 20 text deltas, finish and usage) and the recorded
// fixtures with thinking, reasoning and parallel tool calls from test/fixtures.
//
//   node --import tsx bench/translation.mjs [--streams 2000]
//
// Prints p50, p99 and max µs per upstream event, and the mean of the first stream (cold code),
// per direction; exit code 0 when every p99 is within the budget.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClientEncoder, createUpstreamDecoder } from '../gateway/proxy/stream-codecs.ts';
import { wholeNumberOptions } from './whole-number-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (name) => readFileSync(path.join(root, 'test/fixtures', name), 'utf8');
const BUDGET_US = 50;
const DELTAS = 20;
const DELTA_TEXT = 'twenty chars of text';

const { streams } = wholeNumberOptions('bench/translation.mjs', { streams: 2000 });

const sse = (data, event) => `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const openaiEvents = (lines) => [...lines.map((line) => sse(line)), sse('[DONE]')];
const fixtureLines = (name) => fixture(name).split('\n').filter((line) => line.trim() !== '');

function mockOpenAIStream() {
  const chunk = (delta, finish = null) => ({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000, model: 'mock-model', choices: [{ index: 0, delta, finish_reason: finish }] });
  return [
    sse(chunk({ role: 'assistant', content: '' })),
    ...Array.from({ length: DELTAS }, () => sse(chunk({ content: DELTA_TEXT }))),
    sse(chunk({}, 'stop')),
    sse({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000, model: 'mock-model', choices: [], usage: { prompt_tokens: 12, completion_tokens: 100, total_tokens: 112 } }),
    sse('[DONE]'),
  ];
}

function mockAnthropicStream() {
  return [
    sse({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'mock-model', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }, 'message_start'),
    sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
    sse({ type: 'ping' }, 'ping'),
    ...Array.from({ length: DELTAS }, () => sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: DELTA_TEXT } }, 'content_block_delta')),
    sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
    sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 100 } }, 'message_delta'),
    sse({ type: 'message_stop' }, 'message_stop'),
  ];
}

function mockOllamaStream() {
  const line = (content, done = false) => `${JSON.stringify({ model: 'qwen3:8b', created_at: '2025-06-01T10:00:00.100000Z', message: { role: 'assistant', content }, done, ...(done ? { done_reason: 'stop', total_duration: 1e9, prompt_eval_count: 12, eval_count: 100, eval_duration: 9e8 } : {}) })}\n`;
  return [...Array.from({ length: DELTAS }, () => line(DELTA_TEXT)), line('', true)];
}

const anthropicFixtureEvents = JSON.parse(fixture('anthropic/thinking-text-tool-use.events.json')).map((event) => sse(event, event.type));
const ndjson = (name) => fixtureLines(name).map((line) => `${line}\n`);

/** [direction, upstream protocol, client protocol, streams (each a list of upstream events as text)] */
const DIRECTIONS = [
  ['OpenAI upstream → Anthropic client', 'openai', 'anthropic', [mockOpenAIStream(), openaiEvents(fixtureLines('openai/reasoning-then-text.chunks.txt')), openaiEvents(fixtureLines('openai/parallel-tool-calls.chunks.txt'))]],
  ['Anthropic upstream → OpenAI client', 'anthropic', 'openai', [mockAnthropicStream(), anthropicFixtureEvents]],
  ['Ollama upstream → Anthropic client', 'ollama', 'anthropic', [mockOllamaStream(), ndjson('ollama/thinking-then-text.ndjson'), ndjson('ollama/parallel-tool-calls-without-ids.ndjson')]],
  ['Ollama upstream → OpenAI client', 'ollama', 'openai', [mockOllamaStream(), ndjson('ollama/thinking-then-text.ndjson'), ndjson('ollama/parallel-tool-calls-without-ids.ndjson')]],
];

let ids = 0;
const identity = () => ({ clientModel: 'client-model', messageId: 'msg_bench', openaiId: 'chatcmpl-bench', created: 1700000000, newId: () => `toolu_${(ids += 1)}`, toolNames: undefined, includeUsage: true });

/** Runs one stream through a fresh decoder and encoder; pushes each event's µs into `times`. */
function translate(upstream, client, events, times) {
  const streamIdentity = identity();
  const decoder = createUpstreamDecoder(upstream, streamIdentity);
  const encoder = createClientEncoder(client, streamIdentity);
  let bytes = 0;
  for (const event of events) {
    const started = performance.now();
    bytes += encoder.encode(decoder.push(event)).length;
    times.push((performance.now() - started) * 1000);
  }
  const started = performance.now();
  bytes += (encoder.encode(decoder.end()) + encoder.end()).length;
  times.push((performance.now() - started) * 1000);
  return bytes;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const lines = [`# bench:translation, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, '', `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${streams} passes over each direction's streams, every upstream event pushed on its own.`, '', '| direction | events a pass | first pass µs/event (cold) | p50 µs | p99 µs | max µs |', '|---|---:|---:|---:|---:|---:|'];
let allMet = true;
const verdicts = [];
for (const [label, upstream, client, streamsOfDirection] of DIRECTIONS) {
  const cold = [];
  for (const events of streamsOfDirection) translate(upstream, client, events, cold);
  const times = [];
  for (let pass = 0; pass < streams; pass += 1) for (const events of streamsOfDirection) translate(upstream, client, events, times);
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 0.99);
  const met = p99 <= BUDGET_US;
  allMet &&= met;
  lines.push(`| ${label} | ${cold.length} | ${(cold.reduce((sum, value) => sum + value, 0) / cold.length).toFixed(1)} | ${percentile(times, 0.5).toFixed(1)} | ${p99.toFixed(1)} | ${times.at(-1).toFixed(0)} |`);
  verdicts.push(`- ${met ? 'met' : 'NOT met'}: ${label}: p99 ${p99.toFixed(1)} µs per event ≤ ${BUDGET_US} µs`);
}
console.log([...lines, '', ...verdicts].join('\n'));
process.exit(allMet ? 0 : 1);
