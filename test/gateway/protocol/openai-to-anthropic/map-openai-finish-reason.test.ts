import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapOpenAIFinishReason } from '../../../../gateway/protocol/openai-to-anthropic/map-openai-finish-reason.ts';

test('the LiteLLM table, and tool calls seen win over "stop" or a missing reason', () => {
  const cases: [string | null, boolean, string][] = [
    ['stop', false, 'end_turn'], ['length', false, 'max_tokens'], ['tool_calls', false, 'tool_use'], ['function_call', false, 'tool_use'],
    ['content_filter', false, 'refusal'], ['something_new', false, 'end_turn'], [null, false, 'end_turn'],
    ['stop', true, 'tool_use'], [null, true, 'tool_use'], ['length', true, 'max_tokens'],
  ];
  for (const [finishReason, sawToolCalls, stopReason] of cases) assert.equal(mapOpenAIFinishReason(finishReason, sawToolCalls), stopReason, `${finishReason} ${sawToolCalls}`);
});
