import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropThinkingMidToolLoop } from '../../../../gateway/protocol/anthropic/drop-thinking-mid-tool-loop.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const CLEAR_THINKING = { type: 'clear_thinking_20251015', keep: 'all' };
const toolLoop = (assistantFirst: Record<string, unknown>[]): AnthropicMessagesRequest => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 32000,
  thinking: { type: 'enabled', budget_tokens: 2048 },
  context_management: { edits: [CLEAR_THINKING] },
  messages: [
    { role: 'user', content: 'read the file' },
    { role: 'assistant', content: [...assistantFirst, { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/a' } }] } as never,
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'hello' }] },
  ],
});

test('with budget thinking, inside a tool loop whose calling turn lost its thinking, thinking and Claude Code\'s clear_thinking edit are left out, as Anthropic requires', () => {
  const dropped = dropThinkingMidToolLoop(toolLoop([{ type: 'text', text: 'Reading it.' }]));
  assert.equal('thinking' in dropped, false);
  assert.equal('context_management' in dropped, false);
  const otherEdits = dropThinkingMidToolLoop({ ...toolLoop([]), context_management: { edits: [CLEAR_THINKING, { type: 'clear_tool_uses_20250919' }] } });
  assert.deepEqual(otherEdits.context_management, { edits: [{ type: 'clear_tool_uses_20250919' }] });
});

test('a calling turn that starts with Anthropic\'s thinking, a new user turn, or thinking already off leaves the request as it is', () => {
  const signed = toolLoop([{ type: 'thinking', thinking: 'hmm', signature: 'sig' }]);
  assert.equal(dropThinkingMidToolLoop(signed), signed);
  const redacted = toolLoop([{ type: 'redacted_thinking', data: 'x' }]);
  assert.equal(dropThinkingMidToolLoop(redacted), redacted);
  const newTurn = { ...toolLoop([]), messages: [...toolLoop([]).messages, { role: 'assistant' as const, content: 'done' }, { role: 'user' as const, content: 'thanks, now the next file' }] };
  assert.equal(dropThinkingMidToolLoop(newTurn), newTurn);
  const off = { ...toolLoop([]), thinking: { type: 'disabled' as const } };
  assert.equal(dropThinkingMidToolLoop(off), off);
});

test('adaptive thinking, or thinking on by default, is left alone: the model decides whether to think before a call, and changing it mid-loop would drop the prompt cache', () => {
  const adaptive = { ...toolLoop([]), thinking: { type: 'adaptive' as const } };
  assert.equal(dropThinkingMidToolLoop(adaptive), adaptive);
  const { thinking: _none, ...unset } = toolLoop([]);
  assert.equal(dropThinkingMidToolLoop(unset), unset);
});
