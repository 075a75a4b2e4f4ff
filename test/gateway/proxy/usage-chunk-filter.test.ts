import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageChunkFilter } from '../../../gateway/proxy/usage-chunk-filter.ts';

const content = 'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n';
const finish = 'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n';
const usageOnly = 'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}\n\n';
const done = 'data: [DONE]\n\n';

test('the usage-only chunk is taken out; every other event goes out as it came', () => {
  const filter = new UsageChunkFilter();
  assert.equal(filter.push(content + finish + usageOnly + done) + filter.end(), content + finish + done);
});

test('events split across reads at any point come out whole, and only once their end has arrived', () => {
  const whole = content + finish + usageOnly + done;
  for (let cut = 1; cut < whole.length; cut += 7) {
    const filter = new UsageChunkFilter();
    const first = filter.push(whole.slice(0, cut));
    assert.ok((content + finish + done).startsWith(first), `at ${cut}`);
    assert.equal(first + filter.push(whole.slice(cut)) + filter.end(), content + finish + done, `cut at ${cut}`);
  }
});

test('CRLF line endings, a Python server\'s spacing and comments are handled', () => {
  const filter = new UsageChunkFilter();
  const crlf = (event: string) => event.replace(/\n/g, '\r\n');
  const spacedUsage = 'data: {"id": "c1", "choices": [], "usage": {"prompt_tokens": 9}}\n\n';
  const comment = ': OPENROUTER PROCESSING\n\n';
  assert.equal(filter.push(comment + crlf(content) + crlf(usageOnly) + spacedUsage + crlf(done)) + filter.end(), comment + crlf(content) + crlf(done));
});

test('a chunk with choices and usage both is kept (some servers report usage on every chunk)', () => {
  const filter = new UsageChunkFilter();
  const withUsage = 'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"x"}}],"usage":{"prompt_tokens":9}}\n\n';
  assert.equal(filter.push(withUsage) + filter.end(), withUsage);
});

test('text that merely mentions choices inside a string is not mistaken for the usage chunk', () => {
  const filter = new UsageChunkFilter();
  const mention = 'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"the field \\"choices\\":[] is empty"}}]}\n\n';
  assert.equal(filter.push(mention) + filter.end(), mention);
});

test('a last event without its blank line is flushed at the end, unless it is the usage chunk', () => {
  const kept = new UsageChunkFilter();
  assert.equal(kept.push('data: [DONE]') + kept.end(), 'data: [DONE]');
  const dropped = new UsageChunkFilter();
  assert.equal(dropped.push(content + usageOnly.trimEnd()) + dropped.end(), content);
});
