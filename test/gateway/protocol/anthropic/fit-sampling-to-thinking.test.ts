import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitSamplingToThinking } from '../../../../gateway/protocol/anthropic/fit-sampling-to-thinking.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const base: AnthropicMessagesRequest = { model: 'claude-x', max_tokens: 8000, messages: [{ role: 'user', content: 'hi' }] };
const thinking = { type: 'enabled', budget_tokens: 2048 } as const;
const tools = [{ name: 'lookup', input_schema: { type: 'object' as const, properties: {} } }];

test('beside thinking, a temperature other than 1 and top_k are left out, and top_p is raised to 0.95', () => {
  assert.deepStrictEqual(fitSamplingToThinking({ ...base, thinking, temperature: 0.2, top_k: 40, top_p: 0.5 }, 'claude-x'), { ...base, thinking, top_p: 0.95 });
  assert.deepStrictEqual(fitSamplingToThinking({ ...base, thinking, temperature: 1, top_p: 0.97 }, 'claude-x'), { ...base, thinking, temperature: 1, top_p: 0.97 });
});

test('a forced tool choice wins over thinking, which is left off, and keeps its sampling', () => {
  for (const tool_choice of [{ type: 'any' }, { type: 'tool', name: 'lookup' }] as const) {
    assert.deepStrictEqual(fitSamplingToThinking({ ...base, thinking, tools, tool_choice, temperature: 0.2 }, 'claude-x'), { ...base, tools, tool_choice, temperature: 0.2 });
  }
  const clearThinking = { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] };
  assert.equal('context_management' in fitSamplingToThinking({ ...base, thinking, tools, tool_choice: { type: 'any' }, context_management: clearThinking }, 'claude-x'), false, 'the clear_thinking edit goes with thinking');
  const auto = { ...base, thinking, tools, tool_choice: { type: 'auto' } } as const;
  assert.deepStrictEqual(fitSamplingToThinking(auto, 'claude-x'), auto);
});

test('without thinking, or with thinking and nothing in conflict, the request is returned as it is', () => {
  const plain = { ...base, temperature: 0.2, top_k: 40, top_p: 0.5 };
  assert.equal(fitSamplingToThinking(plain, 'claude-x'), plain);
  const disabled = { ...plain, thinking: { type: 'disabled' } } as const;
  assert.equal(fitSamplingToThinking(disabled, 'claude-x'), disabled);
  const fine = { ...base, thinking };
  assert.equal(fitSamplingToThinking(fine, 'claude-x'), fine);
});

test('Claude Opus 4.7 and later refuse sampling parameters, so they are left out whatever the thinking; Sonnet 4.6 keeps them', () => {
  const sampled = { ...base, temperature: 0.2, top_k: 40, top_p: 0.5 };
  for (const model of ['claude-opus-4-7', 'claude-sonnet-5', 'claude-haiku-5-5', 'claude-opus-5-5']) {
    assert.deepStrictEqual(fitSamplingToThinking(sampled, model), base, model);
    assert.deepStrictEqual(fitSamplingToThinking({ ...sampled, thinking: { type: 'adaptive' } }, model), { ...base, thinking: { type: 'adaptive' } }, model);
  }
  assert.equal(fitSamplingToThinking(sampled, 'claude-sonnet-4-6'), sampled);
  assert.equal(fitSamplingToThinking(base, 'claude-opus-5-5'), base);
});
