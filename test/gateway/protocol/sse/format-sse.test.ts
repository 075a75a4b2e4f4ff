import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSseParser } from '../../../../gateway/protocol/sse/create-sse-parser.ts';
import { formatAnthropicEvent, formatOpenAIChunk, OPENAI_DONE } from '../../../../gateway/protocol/sse/format-sse.ts';
import type { OpenAIChatChunk } from '../../../../gateway/protocol/openai/types.ts';

test('Anthropic frames name the event after its type', () => {
  const event = { type: 'content_block_delta' as const, index: 0, delta: { type: 'text_delta' as const, text: 'line\nbreak' } };
  const frame = formatAnthropicEvent(event);
  assert.equal(frame, `event: content_block_delta\ndata: ${JSON.stringify(event)}\n\n`);
  assert.deepStrictEqual(createSseParser().push(frame), [{ event: 'content_block_delta', data: JSON.stringify(event) }]);
});

test('OpenAI frames are data-only and end with [DONE]', () => {
  const chunk: OpenAIChatChunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] };
  assert.equal(formatOpenAIChunk(chunk), `data: ${JSON.stringify(chunk)}\n\n`);
  assert.equal(OPENAI_DONE, 'data: [DONE]\n\n');
});
