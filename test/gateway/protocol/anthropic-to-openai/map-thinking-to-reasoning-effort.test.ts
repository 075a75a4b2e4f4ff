import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapThinkingToReasoningEffort } from '../../../../gateway/protocol/anthropic-to-openai/map-thinking-to-reasoning-effort.ts';

test('budgets fall into LiteLLM buckets up to the upstream\'s ceiling', () => {
  const cases: [number, string][] = [[0, 'minimal'], [1023, 'minimal'], [1024, 'low'], [2048, 'medium'], [4095, 'medium'], [4096, 'high'], [8192, 'xhigh'], [16384, 'max'], [31999, 'max']];
  for (const [budget, effort] of cases) assert.equal(mapThinkingToReasoningEffort({ type: 'enabled', budget_tokens: budget }, undefined, 'max'), effort, `budget ${budget}`);
  assert.equal(mapThinkingToReasoningEffort({ type: 'enabled', budget_tokens: 16384 }, undefined, 'xhigh'), 'xhigh');
});

test('without a ceiling nothing above "high" is sent: Claude Code\'s budget of 31999 and effort "max" become "high"', () => {
  assert.equal(mapThinkingToReasoningEffort({ type: 'enabled', budget_tokens: 31999 }, undefined), 'high');
  assert.equal(mapThinkingToReasoningEffort({ type: 'enabled', budget_tokens: 8192 }, undefined), 'high');
  assert.equal(mapThinkingToReasoningEffort({ type: 'enabled', budget_tokens: 2048 }, undefined), 'medium');
  assert.equal(mapThinkingToReasoningEffort({ type: 'adaptive' }, 'max'), 'high');
  assert.equal(mapThinkingToReasoningEffort({ type: 'adaptive' }, 'max', 'max'), 'max');
});

test('adaptive takes the requested effort or medium; disabled or absent sends none', () => {
  assert.equal(mapThinkingToReasoningEffort({ type: 'adaptive' }, 'low'), 'low');
  assert.equal(mapThinkingToReasoningEffort({ type: 'adaptive' }, undefined), 'medium');
  assert.equal(mapThinkingToReasoningEffort({ type: 'adaptive' }, 'ultra', 'max'), 'medium', 'an unknown effort is not forwarded');
  assert.equal(mapThinkingToReasoningEffort({ type: 'disabled' }, 'high'), undefined);
  assert.equal(mapThinkingToReasoningEffort({ type: 'between_tools' }, 'high'), undefined, 'Sonnet 5.5\'s "no up-front thinking"');
  assert.equal(mapThinkingToReasoningEffort(undefined, 'high'), undefined);
});
