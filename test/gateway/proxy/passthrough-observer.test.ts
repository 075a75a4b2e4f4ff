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
