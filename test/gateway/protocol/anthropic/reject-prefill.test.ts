import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rejectPrefill } from '../../../../gateway/protocol/anthropic/reject-prefill.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const prefilled: AnthropicMessagesRequest = { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'JSON please' }, { role: 'assistant', content: '{' }] };

test('a conversation ending with an assistant message is a 400 naming the model for Claude 4.6 and later', () => {
  for (const model of ['claude-sonnet-4-6', 'claude-opus-5', 'claude-opus-5-5', 'claude-haiku-5-5']) {
    assert.throws(() => rejectPrefill(prefilled, model), (error: unknown) => error instanceof GatewayError && error.status === 400 && error.message.startsWith(`${model} does not accept`), model);
  }
});

test('older models, unknown names and conversations ending with the user go as they are', () => {
  for (const model of ['claude-sonnet-4-5', 'claude-x']) assert.equal(rejectPrefill(prefilled, model), prefilled, model);
  const endsWithUser = { ...prefilled, messages: prefilled.messages.slice(0, 1) };
  assert.equal(rejectPrefill(endsWithUser, 'claude-opus-5-5'), endsWithUser);
});
