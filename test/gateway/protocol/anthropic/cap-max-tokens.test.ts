import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capAnthropicMaxTokens } from '../../../../gateway/protocol/anthropic/cap-max-tokens.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const request = (extra: Partial<AnthropicMessagesRequest> = {}): AnthropicMessagesRequest => ({ model: 'm', max_tokens: 32000, messages: [{ role: 'user', content: 'hi' }], ...extra });

test('max_tokens within the limit leaves the request as it is', () => {
  const within = request({ max_tokens: 4096 });
  assert.equal(capAnthropicMaxTokens(within, 8192), within);
});

test('max_tokens is lowered, and a thinking budget that no longer fits goes just under it', () => {
  assert.deepEqual(capAnthropicMaxTokens(request({ thinking: { type: 'enabled', budget_tokens: 31999 } }), 8192), request({ max_tokens: 8192, thinking: { type: 'enabled', budget_tokens: 8191 } }));
  assert.deepEqual(capAnthropicMaxTokens(request({ thinking: { type: 'enabled', budget_tokens: 4000 } }), 8192), request({ max_tokens: 8192, thinking: { type: 'enabled', budget_tokens: 4000 } }));
  assert.deepEqual(capAnthropicMaxTokens(request({ thinking: { type: 'adaptive' } }), 8192), request({ max_tokens: 8192, thinking: { type: 'adaptive' } }));
});

test('thinking is left out when even Anthropic\'s smallest budget (1024) would not fit', () => {
  assert.deepEqual(capAnthropicMaxTokens(request({ thinking: { type: 'enabled', budget_tokens: 31999 } }), 1024), request({ max_tokens: 1024 }));
});
