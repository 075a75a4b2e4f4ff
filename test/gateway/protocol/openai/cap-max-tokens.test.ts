import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capOpenAIMaxTokens } from '../../../../gateway/protocol/openai/cap-max-tokens.ts';
import type { OpenAIChatRequest } from '../../../../gateway/protocol/openai/types.ts';

const request = (extra: Partial<OpenAIChatRequest>): OpenAIChatRequest => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra });

test('whichever token field the client used is lowered, and only that one', () => {
  assert.deepEqual(capOpenAIMaxTokens(request({ max_tokens: 32000 }), 8192), request({ max_tokens: 8192 }));
  assert.deepEqual(capOpenAIMaxTokens(request({ max_completion_tokens: 32000, reasoning_effort: 'high' }), 8192), request({ max_completion_tokens: 8192, reasoning_effort: 'high' }));
});

test('a request within the limit, or without a token field, is left as it is', () => {
  const within = request({ max_tokens: 4096 });
  assert.equal(capOpenAIMaxTokens(within, 8192), within);
  const unbounded = request({});
  assert.equal(capOpenAIMaxTokens(unbounded, 8192), unbounded);
});
