import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnthropicMessageResponse } from '../../../../gateway/protocol/anthropic/types.ts';
import { convertAnthropicResponseToOpenAI } from '../../../../gateway/protocol/anthropic-to-openai/convert-response.ts';
import { readJsonFixture } from '../../../helpers/read-fixture.ts';

const identity = { id: 'chatcmpl-1', created: 1700000000, model: 'claude-sonnet-4-5', customTools: new Set<string>() };

test('text, reasoning_content and tool_calls with ids kept; usage folds cache tokens back into prompt_tokens', () => {
  const converted = convertAnthropicResponseToOpenAI(readJsonFixture<AnthropicMessageResponse>('anthropic', 'thinking-text-tool-use.response.json'), identity);
  assert.deepStrictEqual(converted, {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1700000000,
    model: 'claude-sonnet-4-5',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: 'Reading both.',
          reasoning_content: 'Two files.',
          tool_calls: [
            { id: 'toolu_a', type: 'function', function: { name: 'Read', arguments: '{"path":"a.ts"}' } },
            { id: 'toolu_b', type: 'function', function: { name: 'Read', arguments: '{"path":"b.ts"}' } },
          ],
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: { prompt_tokens: 120, completion_tokens: 42, total_tokens: 162, prompt_tokens_details: { cached_tokens: 30, cache_creation_tokens: 20 } },
  });
});

test('stop reasons map back to finish reasons', () => {
  const cases: [AnthropicMessageResponse['stop_reason'], string][] = [
    ['end_turn', 'stop'], ['stop_sequence', 'stop'], ['pause_turn', 'stop'], ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'], ['tool_use', 'tool_calls'], ['refusal', 'content_filter'], [null, 'stop'],
  ];
  for (const [stopReason, finishReason] of cases) {
    const message: AnthropicMessageResponse = { id: 'm', type: 'message', role: 'assistant', model: 'x', content: [], stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
    const converted = convertAnthropicResponseToOpenAI(message, identity);
    assert.equal(converted.choices[0]?.finish_reason, finishReason, String(stopReason));
    assert.equal(converted.choices[0]?.message.content, null, 'no text → null content');
  }
});

test("a call to a request's custom tool goes back as a custom tool call with the raw text; other calls stay functions", () => {
  const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n';
  const message: AnthropicMessageResponse = {
    id: 'm', type: 'message', role: 'assistant', model: 'x', stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 },
    content: [
      { type: 'tool_use', id: 'toolu_patch', name: 'apply_patch', input: { input: patch } },
      { type: 'tool_use', id: 'toolu_read', name: 'Read', input: { path: 'a.ts' } },
    ],
  };
  const converted = convertAnthropicResponseToOpenAI(message, { ...identity, customTools: new Set(['apply_patch']) });
  assert.deepStrictEqual(converted.choices[0]?.message.tool_calls, [
    { id: 'toolu_patch', type: 'custom', custom: { name: 'apply_patch', input: patch } },
    { id: 'toolu_read', type: 'function', function: { name: 'Read', arguments: '{"path":"a.ts"}' } },
  ]);
});
