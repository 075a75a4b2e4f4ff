import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptThinkingToModel } from '../../../../gateway/protocol/anthropic/adapt-thinking-to-model.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const base: AnthropicMessagesRequest = { model: 'm', max_tokens: 8192, messages: [{ role: 'user', content: 'hi' }] };
const budget = (tokens: number, extra: Partial<AnthropicMessagesRequest> = {}): AnthropicMessagesRequest => ({ ...base, thinking: { type: 'enabled', budget_tokens: tokens }, ...extra });

test('a budget becomes adaptive thinking at the effort it stands for, up to xhigh and max where the model takes them; an effort the request names is kept', () => {
  const adapted = (tokens: number, model = 'claude-opus-4-7') => adaptThinkingToModel(budget(tokens), model);
  assert.deepEqual([adapted(1024).thinking, adapted(1024).output_config], [{ type: 'adaptive' }, { effort: 'low' }]);
  assert.equal(adapted(2048).output_config?.effort, 'medium');
  assert.equal(adapted(8192).output_config?.effort, 'xhigh');
  assert.equal(adapted(16384).output_config?.effort, 'max');
  assert.equal(adapted(8192, 'claude-fable-5-1').output_config?.effort, 'xhigh');
  assert.equal(adaptThinkingToModel(budget(4096, { output_config: { effort: 'low' } }), 'claude-opus-4-7').output_config?.effort, 'low');
});

test('Claude 4.6 keeps a budget; 4.5 and earlier, the 3.x names and unknown names keep the request as it is', () => {
  for (const model of ['claude-sonnet-4-6', 'claude-sonnet-4-5', 'claude-opus-4-1', 'claude-3-7-sonnet-20250219', 'claude-mythos-preview', 'claude-x']) {
    const request = budget(4096);
    assert.equal(adaptThinkingToModel(request, model), request, model);
  }
});

test('an effort the model does not take becomes the nearest one below it', () => {
  assert.equal(adaptThinkingToModel({ ...base, output_config: { effort: 'xhigh' } }, 'claude-sonnet-4-6').output_config?.effort, 'high');
  assert.equal(adaptThinkingToModel({ ...base, output_config: { effort: 'max' } }, 'claude-opus-4-5').output_config?.effort, 'high');
  const known = { ...base, output_config: { effort: 'xhigh' } };
  assert.equal(adaptThinkingToModel(known, 'claude-opus-5-5'), known);
});

test('thinking disabled goes as the lowest effort to models that always think, as between_tools to Sonnet 5.5, and as it is where accepted', () => {
  const off = { ...base, thinking: { type: 'disabled' } } as const;
  for (const model of ['claude-opus-5-5', 'claude-fable-5', 'claude-fable-5-1', 'claude-mythos-5-1']) {
    const sent = adaptThinkingToModel(off, model);
    assert.deepEqual([sent.thinking, sent.output_config], [undefined, { effort: 'low' }], model);
  }
  assert.deepEqual(adaptThinkingToModel(off, 'claude-sonnet-5-5').thinking, { type: 'between_tools' });
  const tooHigh = adaptThinkingToModel({ ...off, output_config: { effort: 'max' } }, 'claude-sonnet-5-5');
  assert.deepEqual([tooHigh.thinking, tooHigh.output_config], [{ type: 'between_tools' }, { effort: 'high' }]);
  assert.deepEqual(adaptThinkingToModel({ ...off, output_config: { effort: 'max' } }, 'claude-opus-5').output_config, { effort: 'high' });
  for (const model of ['claude-opus-4-8', 'claude-sonnet-5', 'claude-haiku-5-5']) assert.equal(adaptThinkingToModel(off, model), off, model);
});

test('Sonnet 5.5\'s between_tools goes as disabled, or the lowest effort, to a model that does not know it', () => {
  const between = { ...base, thinking: { type: 'between_tools' } } as const;
  assert.deepEqual(adaptThinkingToModel(between, 'claude-opus-5').thinking, { type: 'disabled' });
  assert.deepEqual(adaptThinkingToModel(between, 'claude-opus-5-5').output_config, { effort: 'low' });
  assert.equal(adaptThinkingToModel(between, 'claude-sonnet-5-5'), between);
});

test('adaptive thinking goes to Claude 4.5 and earlier as the budget its effort stands for (high when none), below max_tokens', () => {
  const adaptive = (effort?: string, maxTokens = 32000): AnthropicMessagesRequest => ({ ...base, max_tokens: maxTokens, thinking: { type: 'adaptive' }, ...(effort === undefined ? {} : { output_config: { effort } }) });
  for (const model of ['claude-sonnet-4-5', 'claude-haiku-4-5-20251001', 'claude-opus-4-1']) {
    const sent = adaptThinkingToModel(adaptive('high'), model);
    assert.deepEqual([sent.thinking, 'output_config' in sent], [{ type: 'enabled', budget_tokens: 4096 }, false], model);
  }
  const budgetFor = (request: AnthropicMessagesRequest) => adaptThinkingToModel(request, 'claude-sonnet-4-5').thinking;
  assert.deepEqual([budgetFor(adaptive('low')), budgetFor(adaptive('max')), budgetFor(adaptive())], [
    { type: 'enabled', budget_tokens: 1024 },
    { type: 'enabled', budget_tokens: 16384 },
    { type: 'enabled', budget_tokens: 4096 },
  ]);
  assert.deepEqual(budgetFor(adaptive('max', 3000)), { type: 'enabled', budget_tokens: 2999 }, 'Anthropic wants max_tokens above the budget');
  const noRoom = adaptThinkingToModel({ ...adaptive('high', 1024), context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] } }, 'claude-sonnet-4-5');
  assert.deepEqual([noRoom.thinking, noRoom.context_management], [undefined, undefined], 'no room for the smallest budget: thinking is left off, and the clear_thinking edit that needs it');
  const opus45 = adaptThinkingToModel(adaptive('medium'), 'claude-opus-4-5');
  assert.deepEqual([opus45.thinking, opus45.output_config], [{ type: 'enabled', budget_tokens: 2048 }, { effort: 'medium' }], 'Opus 4.5 takes an effort');
});

test('an effort is left out for the models before Opus 4.5, which take none; the rest of output_config stays', () => {
  const format = { type: 'json_schema', schema: { type: 'object' } } as const;
  const titleCall: AnthropicMessagesRequest = { ...base, thinking: { type: 'disabled' }, output_config: { effort: 'high', format } };
  assert.deepEqual(adaptThinkingToModel(titleCall, 'claude-haiku-4-5').output_config, { format });
  const sent = adaptThinkingToModel(budget(4096, { output_config: { effort: 'low' } }), 'claude-sonnet-4-5');
  assert.deepEqual([sent.thinking, 'output_config' in sent], [{ type: 'enabled', budget_tokens: 4096 }, false]);
  assert.equal(adaptThinkingToModel(titleCall, 'claude-sonnet-4-6').output_config?.effort, 'high');
});
