import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertAnthropicResponseToResponses } from '../../../../gateway/protocol/anthropic-to-responses/convert-response.ts';
import type { ResponsesIdentity } from '../../../../gateway/protocol/anthropic-to-responses/create-response.ts';
import type { AnthropicMessageResponse } from '../../../../gateway/protocol/anthropic/types.ts';
import { readJsonFixture } from '../../../helpers/read-fixture.ts';

const identity: ResponsesIdentity = {
  id: 'resp_abc',
  createdAt: 1_700_000_000,
  model: 'claude-mock',
  request: { model: 'claude-mock', input: 'hi', instructions: 'Be brief.', tools: [{ type: 'function', name: 'shell' }], temperature: 0.5, max_output_tokens: 256, metadata: { session: 's1' } },
};

test('thinking, text and a tool call become reasoning, message and function_call items, with usage in Responses terms', () => {
  const message = readJsonFixture<AnthropicMessageResponse>('responses', 'anthropic-answer-with-thinking-text-and-tool-call.json');
  const response = convertAnthropicResponseToResponses(message, identity);
  assert.deepEqual(response.output, [
    { type: 'reasoning', id: 'rs_abc_0', summary: [{ type: 'summary_text', text: 'The user wants the files listed.' }] },
    { type: 'message', id: 'msg_abc_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Let me look.', annotations: [] }] },
    { type: 'function_call', id: 'fc_abc_2', call_id: 'toolu_01', name: 'shell', arguments: '{"command":["ls"]}', status: 'completed' },
  ]);
  // Input counts cache reads and writes, as OpenAI does.
  assert.deepEqual(response.usage, { input_tokens: 1020, input_tokens_details: { cached_tokens: 900 }, output_tokens: 40, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 1060 });
  assert.equal(response.id, 'resp_abc');
  assert.equal(response.object, 'response');
  assert.equal(response.created_at, 1_700_000_000);
  assert.equal(response.status, 'completed');
  assert.equal(response.model, 'claude-mock');
  assert.equal(response.error, null);
  assert.equal(response.incomplete_details, null);
  // The request's settings are echoed, as the SDK types expect.
  assert.equal(response.instructions, 'Be brief.');
  assert.deepEqual(response.tools, [{ type: 'function', name: 'shell' }]);
  assert.equal(response.tool_choice, 'auto');
  assert.equal(response.parallel_tool_calls, true);
  assert.equal(response.temperature, 0.5);
  assert.equal(response.top_p, null);
  assert.equal(response.max_output_tokens, 256);
  assert.deepEqual(response.metadata, { session: 's1' });
  assert.deepEqual(response.text, { format: { type: 'text' } });
});

test('an answer cut at the output limit is incomplete, for max_output_tokens', () => {
  const message: AnthropicMessageResponse = { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text: 'Once upon' }], stop_reason: 'max_tokens', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } };
  const response = convertAnthropicResponseToResponses(message, identity);
  assert.equal(response.status, 'incomplete');
  assert.deepEqual(response.incomplete_details, { reason: 'max_output_tokens' });
  assert.equal(response.output[0]?.type === 'message' && response.output[0].status, 'incomplete');
});

test("a call to one of the request's custom tools becomes a custom_tool_call carrying the raw text; function calls stay function calls", () => {
  const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n';
  const tools = [{ type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: /.+/s' } }, { type: 'function' as const, name: 'shell' }];
  const message: AnthropicMessageResponse = {
    id: 'msg_1', type: 'message', role: 'assistant', model: 'm', stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 },
    content: [
      { type: 'tool_use', id: 'toolu_patch', name: 'apply_patch', input: { input: patch } },
      { type: 'tool_use', id: 'toolu_ls', name: 'shell', input: { command: ['ls'] } },
    ],
  };
  const response = convertAnthropicResponseToResponses(message, { ...identity, request: { model: 'claude-mock', tools } });
  assert.deepEqual(response.output, [
    { type: 'custom_tool_call', id: 'ctc_abc_0', call_id: 'toolu_patch', name: 'apply_patch', input: patch, status: 'completed' },
    { type: 'function_call', id: 'fc_abc_1', call_id: 'toolu_ls', name: 'shell', arguments: '{"command":["ls"]}', status: 'completed' },
  ]);
});
