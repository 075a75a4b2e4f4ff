import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relaxForcedToolChoice } from '../../../../gateway/protocol/anthropic/relax-forced-tool-choice.ts';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';

const tool = (name: string) => ({ name, input_schema: { type: 'object' as const, properties: {} } });
const base: AnthropicMessagesRequest = { model: 'm', max_tokens: 1000, messages: [{ role: 'user', content: 'extract it' }], tools: [tool('extract'), tool('search')] };

test('a forced tool choice goes as auto to the models that refuse it; a named tool is then the only one offered', () => {
  for (const model of ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-fable-5-1', 'claude-mythos-5-1']) {
    assert.deepEqual(relaxForcedToolChoice({ ...base, tool_choice: { type: 'any' } }, model), { ...base, tool_choice: { type: 'auto' } }, model);
    const named = relaxForcedToolChoice({ ...base, tool_choice: { type: 'tool', name: 'extract', disable_parallel_tool_use: true } }, model);
    assert.deepEqual([named.tool_choice, named.tools], [{ type: 'auto', disable_parallel_tool_use: true }, [tool('extract')]], model);
  }
});

test('models that accept forced tool use, unknown names, and auto or none get the request as it is', () => {
  const forced = { ...base, tool_choice: { type: 'any' } } as const;
  for (const model of ['claude-haiku-5-5', 'claude-opus-5', 'claude-fable-5', 'claude-sonnet-4-5', 'claude-x']) assert.equal(relaxForcedToolChoice(forced, model), forced, model);
  for (const tool_choice of [{ type: 'auto' }, { type: 'none' }] as const) {
    const request = { ...base, tool_choice };
    assert.equal(relaxForcedToolChoice(request, 'claude-opus-5-5'), request);
  }
});
