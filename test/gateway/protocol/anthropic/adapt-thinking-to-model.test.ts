import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptThinkingToModel, prefersAdaptiveThinking } from '../../../../gateway/protocol/anthropic/adapt-thinking-to-model.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

test('Claude 4.6 and later take adaptive thinking; 4.5 and earlier, the 3.x names and unknown names keep the budget', () => {
  for (const model of ['claude-opus-4-6', 'claude-sonnet-4-6-20260217', 'claude-opus-4-7', 'claude-opus-4-8', 'claude-opus-5', 'claude-fable-5', 'claude-mythos-5-1', 'claude-sonnet-5-5']) {
    assert.equal(prefersAdaptiveThinking(model), true, model);
  }
  for (const model of ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'claude-opus-4-1', 'claude-sonnet-4-20250514', 'claude-haiku-4-5', 'claude-3-7-sonnet-20250219', 'claude-mythos-preview', 'qwen3:8b']) {
    assert.equal(prefersAdaptiveThinking(model), false, model);
  }
});

test('a budget becomes adaptive thinking at the effort it stands for; an effort the request already names is kept', () => {
  const request = (budget: number, extra: Partial<AnthropicMessagesRequest> = {}): AnthropicMessagesRequest => ({
    model: 'm', max_tokens: 8192, messages: [{ role: 'user', content: 'hi' }], thinking: { type: 'enabled', budget_tokens: budget }, ...extra,
  });
  const adapted = (budget: number) => adaptThinkingToModel(request(budget), 'claude-opus-4-7');
  assert.deepEqual([adapted(1024).thinking, adapted(1024).output_config], [{ type: 'adaptive' }, { effort: 'low' }]);
  assert.equal(adapted(2048).output_config?.effort, 'medium');
  assert.equal(adapted(16384).output_config?.effort, 'high');
  assert.equal(adaptThinkingToModel(request(4096, { output_config: { effort: 'low' } }), 'claude-opus-4-7').output_config?.effort, 'low');
  const older = request(4096);
  assert.equal(adaptThinkingToModel(older, 'claude-sonnet-4-5'), older);
});
