import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPassthroughObserver } from '../../../gateway/proxy/passthrough-observer.ts';

const chunks = [
  { id: 'c1', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
  { id: 'c1', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] },
  { id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
  { id: 'c1', choices: [], usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 } },
];
const compactFrames = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
// The same chunks as a Python server writes them with json.dumps' default separators.
const pythonFrames = [
  'data: {"id": "c1", "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": null}]}\n\n',
  'data: {"id": "c1", "choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": null}]}\n\n',
  'data: {"id": "c1", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}\n\n',
  'data: {"id": "c1", "choices": [], "usage": {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14}}\n\n',
];

for (const [label, frames] of [['compact JSON', compactFrames], ['JSON with a space after each colon', pythonFrames]] as const) {
  test(`OpenAI pass-through, ${label}: first token, usage, and a finish reason without [DONE] are seen`, () => {
    const observer = createPassthroughObserver('openai');
    observer.push(frames[0]!);
    assert.equal(observer.state.sawFirstToken, false, 'an empty content is not a token');
    observer.push(frames[1]!);
    assert.equal(observer.state.sawFirstToken, true);
    observer.push(frames[2]! + frames[3]!);
    assert.equal(observer.state.sawMessageStop, false, 'whole only once the body has ended');
    observer.end();
    assert.equal(observer.state.sawMessageStop, true);
    assert.equal(observer.state.usage.inputTokens, 11);
    assert.equal(observer.state.usage.outputTokens, 3);
  });
}

test('OpenAI pass-through: a body that ends before any finish reason or [DONE] is not whole', () => {
  const observer = createPassthroughObserver('openai');
  observer.push(compactFrames[1]!);
  observer.end();
  assert.equal(observer.state.sawMessageStop, false);
});

test('OpenAI pass-through: [DONE] alone makes a stream whole', () => {
  const observer = createPassthroughObserver('openai');
  observer.push(`${compactFrames[1]!}data: [DONE]\n\n`);
  assert.equal(observer.state.sawMessageStop, true);
});

const anthropicEvent = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

test('Anthropic pass-through: message_delta usage is cumulative, but its input-side 0 (as proxies write it) does not erase message_start\'s count', () => {
  const observer = createPassthroughObserver('anthropic');
  observer.push(anthropicEvent('message_start', { type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', content: [], model: 'm', stop_reason: null, stop_sequence: null, usage: { input_tokens: 1200, output_tokens: 1, cache_read_input_tokens: 800, cache_creation_input_tokens: 300, cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 } } } }));
  observer.push(anthropicEvent('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 0, output_tokens: 40, cache_read_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } } }));
  observer.push(anthropicEvent('message_stop', { type: 'message_stop' }));
  assert.deepEqual(observer.state.usage, { inputTokens: 1200, outputTokens: 40, cacheReadTokens: 800, cacheWriteTokens: 300, cacheWrite1hTokens: 200, webSearchRequests: 0 });
});

test('Anthropic pass-through: a larger input count in message_delta (server tools added input) replaces message_start\'s', () => {
  const observer = createPassthroughObserver('anthropic');
  observer.push(anthropicEvent('message_start', { type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', content: [], model: 'm', stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } } }));
  observer.push(anthropicEvent('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: 2500, output_tokens: 40, cache_read_input_tokens: 100 } }));
  assert.deepEqual(observer.state.usage, { inputTokens: 2500, outputTokens: 40, cacheReadTokens: 100, cacheWriteTokens: 0, cacheWrite1hTokens: 0, webSearchRequests: 0 });
});
