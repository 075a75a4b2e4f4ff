import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpenAIChatResponse } from '../../../../gateway/protocol/openai/types.ts';
import { convertOpenAIResponseToAnthropic } from '../../../../gateway/protocol/openai-to-anthropic/convert-response.ts';
import { readJsonFixture } from '../../../helpers/read-fixture.ts';

const context = { model: 'claude-sonnet-4-5', messageId: 'msg_1', toolNames: new Map<string, string>() };

const response = (message: Partial<OpenAIChatResponse['choices'][number]['message']>, finishReason: string | null = 'stop'): OpenAIChatResponse => ({
  id: 'x',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finishReason }],
});

test('thinking, text, then tool_use with clean ids; "" arguments → {}; tool_use stop reason; cache usage (LiteLLM #2, #7, #8, #19)', () => {
  const converted = convertOpenAIResponseToAnthropic(readJsonFixture<OpenAIChatResponse>('openai', 'text-and-tool-calls-response.json'), context);
  assert.deepStrictEqual(converted, {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'thinking', thinking: 'Need the file list first.', signature: null },
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'functions_Bash_0', name: 'Bash', input: { command: 'ls' } },
      { type: 'tool_use', id: 'call_2', name: 'Read', input: {}, provider_specific_fields: { signature: 'c2lnbmF0dXJl' } },
    ],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 70, output_tokens: 50, cache_read_input_tokens: 30, cache_creation_input_tokens: 0 },
  });
});

test('OpenRouter-style `reasoning` and LiteLLM thinking_blocks become thinking blocks', () => {
  assert.deepStrictEqual(convertOpenAIResponseToAnthropic(response({ reasoning: 'hmm', content: 'ok' }), context).content, [
    { type: 'thinking', thinking: 'hmm', signature: null },
    { type: 'text', text: 'ok' },
  ]);
  const signed = response({ reasoning_content: 'a', thinking_blocks: [{ type: 'thinking', thinking: 'a', signature: 's' }, { type: 'redacted_thinking', data: 'r' }] });
  assert.deepStrictEqual(convertOpenAIResponseToAnthropic(signed, context).content, [
    { type: 'thinking', thinking: 'a', signature: 's' },
    { type: 'redacted_thinking', data: 'r' },
  ]);
});

test('stop reasons: length → max_tokens, content_filter → refusal, unknown → end_turn; no usage → zeros', () => {
  const cases: [string | null, string][] = [['stop', 'end_turn'], ['length', 'max_tokens'], ['content_filter', 'refusal'], ['eos', 'end_turn'], [null, 'end_turn']];
  for (const [finishReason, stopReason] of cases) {
    const converted = convertOpenAIResponseToAnthropic(response({ content: 'x' }, finishReason), context);
    assert.equal(converted.stop_reason, stopReason, String(finishReason));
    assert.equal(converted.stop_sequence, null);
    assert.deepStrictEqual(converted.usage, { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  }
});

test('a refusal without content becomes text; unparseable arguments become {}; shortened names are restored', () => {
  const converted = convertOpenAIResponseToAnthropic(
    response({ refusal: 'I cannot help with that.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'short_abc', arguments: '{not json' } }] }, 'tool_calls'),
    { ...context, toolNames: new Map([['short_abc', 'a.very.long.name']]) },
  );
  assert.deepStrictEqual(converted.content, [
    { type: 'text', text: 'I cannot help with that.' },
    { type: 'tool_use', id: 'call_1', name: 'a.very.long.name', input: {} },
  ]);
});

test('a response with no choices converts to an empty message instead of crashing', () => {
  const converted = convertOpenAIResponseToAnthropic({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [] }, context);
  assert.deepStrictEqual(converted.content, []);
  assert.equal(converted.stop_reason, 'end_turn');
});

test("an OpenAI upstream's custom tool call becomes a tool_use of its raw text in the one-string shape, as a custom tool goes to other upstreams", () => {
  const converted = convertOpenAIResponseToAnthropic(response({ tool_calls: [{ id: 'call_patch', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin Patch' } }] }, 'tool_calls'), context);
  assert.deepStrictEqual(converted.content, [{ type: 'tool_use', id: 'call_patch', name: 'apply_patch', input: { input: '*** Begin Patch' } }]);
});
