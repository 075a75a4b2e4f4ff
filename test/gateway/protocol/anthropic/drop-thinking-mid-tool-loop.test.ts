import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropThinkingMidToolLoop } from '../../../../gateway/protocol/anthropic/drop-thinking-mid-tool-loop.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const CLEAR_THINKING = { type: 'clear_thinking_20251015', keep: 'all' };
const toolLoop = (assistantFirst: Record<string, unknown>[]): AnthropicMessagesRequest => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 32000,
  thinking: { type: 'adaptive' },
  context_management: { edits: [CLEAR_THINKING] },
  messages: [
    { role: 'user', content: 'read the file' },
    { role: 'assistant', content: [...assistantFirst, { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/a' } }] } as never,
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'hello' }] },
  ],
});

test('inside a tool loop whose calling turn lost its thinking, thinking and Claude Code\'s clear_thinking edit are left out, as Anthropic requires', () => {
  const dropped = dropThinkingMidToolLoop(toolLoop([{ type: 'text', text: 'Reading it.' }]), 'claude-sonnet-4-5');
  assert.equal('thinking' in dropped, false);
  assert.equal('context_management' in dropped, false);
  const otherEdits = dropThinkingMidToolLoop({ ...toolLoop([]), context_management: { edits: [CLEAR_THINKING, { type: 'clear_tool_uses_20250919' }] } }, 'claude-sonnet-4-5');
  assert.deepEqual(otherEdits.context_management, { edits: [{ type: 'clear_tool_uses_20250919' }] });
  assert.equal(dropThinkingMidToolLoop({ ...toolLoop([]), thinking: { type: 'enabled', budget_tokens: 2048 } }, 'claude-sonnet-4-5').thinking, undefined);
});

test('a calling turn that starts with Anthropic\'s thinking, a new user turn, or thinking already off leaves the request as it is', () => {
  const signed = toolLoop([{ type: 'thinking', thinking: 'hmm', signature: 'sig' }]);
  assert.equal(dropThinkingMidToolLoop(signed, 'claude-sonnet-4-5'), signed);
  const redacted = toolLoop([{ type: 'redacted_thinking', data: 'x' }]);
  assert.equal(dropThinkingMidToolLoop(redacted, 'claude-sonnet-4-5'), redacted);
  const newTurn = { ...toolLoop([]), messages: [...toolLoop([]).messages, { role: 'assistant' as const, content: 'done' }, { role: 'user' as const, content: 'thanks, now the next file' }] };
  assert.equal(dropThinkingMidToolLoop(newTurn, 'claude-sonnet-4-5'), newTurn);
  const off = { ...toolLoop([]), thinking: { type: 'disabled' as const } };
  assert.equal(dropThinkingMidToolLoop(off, 'claude-sonnet-4-5'), off);
});

test('where thinking is on by default it is switched off explicitly, at an effort Opus 5 allows without thinking', () => {
  const { thinking: _none, ...unset } = toolLoop([]);
  assert.deepEqual(dropThinkingMidToolLoop(unset, 'claude-sonnet-5').thinking, { type: 'disabled' });
  const opus5 = dropThinkingMidToolLoop({ ...toolLoop([]), output_config: { effort: 'max' } }, 'claude-opus-5');
  assert.deepEqual([opus5.thinking, opus5.output_config], [{ type: 'disabled' }, { effort: 'high' }]);
  assert.equal(dropThinkingMidToolLoop(unset, 'claude-opus-4-8'), unset);
});

test('a model that cannot switch thinking off gets the loop as it is: disabled would be its 400, and it takes adaptive thinking there', () => {
  for (const model of ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-fable-5-1', 'claude-mythos-5']) {
    const loop = toolLoop([]);
    assert.equal(dropThinkingMidToolLoop(loop, model), loop, model);
  }
});
