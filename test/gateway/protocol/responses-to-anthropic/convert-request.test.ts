import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertResponsesRequestToAnthropic } from '../../../../gateway/protocol/responses-to-anthropic/convert-request.ts';
import type { ResponsesCustomTool, ResponsesFunctionTool, ResponsesRequest } from '../../../../gateway/protocol/responses/types.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';
import { readJsonFixture } from '../../../helpers/read-fixture.ts';

const convert = (request: Partial<ResponsesRequest>) => convertResponsesRequestToAnthropic({ model: 'm', input: 'hi', ...request } as ResponsesRequest);
const refusal = (pattern: RegExp) => (error: unknown) => error instanceof GatewayError && error.status === 400 && pattern.test(error.message);

test('a Codex CLI turn: instructions and developer text as system, reasoning as unsigned thinking, calls and outputs paired, store/include/prompt_cache_key ignored', () => {
  const request = readJsonFixture<ResponsesRequest>('responses', 'codex-cli-turn-with-shell-call.json');
  const converted = convertResponsesRequestToAnthropic(request);
  assert.deepEqual(converted.system, [
    { type: 'text', text: "You are Codex, a coding agent running in the user's terminal." },
    { type: 'text', text: '<permissions instructions>Sandbox: workspace-write.</permissions instructions>' },
  ]);
  assert.deepEqual(converted.messages, [
    { role: 'user', content: [{ type: 'text', text: '<environment_context><cwd>/home/dev/project</cwd></environment_context>' }, { type: 'text', text: 'What files are here?' }] },
    {
      role: 'assistant',
      content: [
        // The encrypted_content is OpenAI's alone: only the summary text is carried.
        { type: 'thinking', thinking: '**Listing files**\n\nI should run ls.', signature: null },
        { type: 'tool_use', id: 'call_ls_1', name: 'shell', input: { command: ['ls', '-a'], workdir: '/home/dev/project' } },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_ls_1', content: 'README.md\npackage.json\n' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'There are two files.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Plan the next steps.' }] },
  ]);
  assert.deepEqual(converted.tools?.map((tool) => tool.name), ['shell', 'update_plan']);
  assert.deepEqual(converted.tools?.[0], { name: 'shell', description: 'Runs a shell command and returns its output.', input_schema: (request.tools![0] as ResponsesFunctionTool).parameters });
  assert.deepEqual(converted.tool_choice, { type: 'auto', disable_parallel_tool_use: true });
  // reasoning.effort medium maps as chat's reasoning_effort does, on top of the 4096 default.
  assert.deepEqual(converted.thinking, { type: 'enabled', budget_tokens: 2048 });
  assert.equal(converted.max_tokens, 4096 + 2048);
  assert.equal(converted.stream, true);
  const serialized = JSON.stringify(converted);
  for (const ignored of ['encrypted', 'prompt_cache_key', 'store', 'include']) assert.ok(!serialized.includes(ignored), `${ignored} is not sent on`);
});

test('consecutive function and custom tool calls join one assistant turn and their outputs one user turn, as parallel calls', () => {
  const converted = convert({
    input: [
      { role: 'user', content: 'Read a, patch b.' },
      { type: 'function_call', call_id: 'call_a', name: 'read', arguments: '{"path":"a"}' },
      { type: 'custom_tool_call', call_id: 'call_b', name: 'apply_patch', input: '*** Begin Patch' },
      { type: 'function_call_output', call_id: 'call_a', output: 'A' },
      { type: 'custom_tool_call_output', call_id: 'call_b', output: [{ type: 'input_text', text: 'patched' }] },
    ],
  });
  assert.deepEqual(converted.messages.slice(1), [
    { role: 'assistant', content: [{ type: 'tool_use', id: 'call_a', name: 'read', input: { path: 'a' } }, { type: 'tool_use', id: 'call_b', name: 'apply_patch', input: { input: '*** Begin Patch' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_a', content: 'A' }, { type: 'tool_result', tool_use_id: 'call_b', content: [{ type: 'text', text: 'patched' }] }] },
  ]);
});

test('images and inline PDFs become image and document blocks; file ids are refused', () => {
  const converted = convert({
    input: [{
      role: 'user',
      content: [
        { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
        { type: 'input_image', image_url: 'https://example.com/cat.png' },
        { type: 'input_file', filename: 'spec.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
      ],
    }],
  });
  assert.deepEqual(converted.messages[0]?.content, [
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
    { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'spec.pdf' },
  ]);
  assert.throws(() => convert({ input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-123' }] }] }), refusal(/file ids need the Files API, which Gatehouse does not keep/));
  assert.throws(() => convert({ input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-123' }] }] }), refusal(/file ids need the Files API/));
});

test('stored-response references are refused: Gatehouse keeps no responses', () => {
  assert.throws(() => convert({ previous_response_id: 'resp_1' }), refusal(/keeps no responses/));
  assert.throws(() => convert({ input: [{ type: 'item_reference', id: 'msg_1' }] }), refusal(/input\[0\].*keeps no responses/));
});

test('a Codex CLI turn with apply_patch: the custom tool becomes a function taking one string, its call and output are paired, web_search is dropped', () => {
  const request = readJsonFixture<ResponsesRequest>('responses', 'codex-cli-turn-with-apply-patch.json');
  const applyPatch = request.tools![1] as ResponsesCustomTool;
  const patch = (request.input as { input?: string }[])[4]!.input!;
  const converted = convertResponsesRequestToAnthropic(request);
  assert.deepEqual(converted.tools?.map((tool) => tool.name), ['shell', 'apply_patch']);
  const tool = converted.tools![1]!;
  const description = String(tool.description);
  assert.deepEqual(tool.input_schema, {
    type: 'object',
    properties: { input: { type: 'string', description: "The tool's raw text input, exactly as the tool reads it: not wrapped in JSON, not quoted." } },
    required: ['input'],
    additionalProperties: false,
  });
  assert.ok(description.startsWith(`${applyPatch.description}\n\n`), 'the original description comes first');
  assert.match(description, /raw text as `input`.*not wrapped in JSON/);
  assert.ok(description.endsWith(`lark grammar:\n${applyPatch.format?.type === 'grammar' ? applyPatch.format.definition : ''}`), 'the grammar tells the model the patch format');
  assert.deepEqual(converted.messages.slice(1, 3), [
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: '**Writing the file**', signature: null },
        { type: 'tool_use', id: 'call_patch_1', name: 'apply_patch', input: { input: patch } },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_patch_1', content: (request.input as { output?: string }[])[5]!.output! }] },
  ]);
  assert.deepEqual(converted.tool_choice, { type: 'auto', disable_parallel_tool_use: true });
  assert.ok(!JSON.stringify(converted).includes('web_search'), 'the hosted tool is dropped');
});

test('a custom tool with a text format says its input is free text; a custom tool choice forces it', () => {
  const converted = convert({ tools: [{ type: 'custom', name: 'note', format: { type: 'text' } }], tool_choice: { type: 'custom', name: 'note' } });
  assert.match(String(converted.tools![0]!.description), /not wrapped in JSON\)\. It is free text\.$/);
  assert.deepEqual(converted.tool_choice, { type: 'tool', name: 'note' });
});

test('a custom tool call whose input is not a string is refused', () => {
  assert.throws(() => convert({ input: [{ type: 'custom_tool_call', call_id: 'call_a', name: 'apply_patch', input: { patch: 'A' } }] }), refusal(/input\[0\]\.input: .* must be a string/));
});

test("OpenAI's own tools are dropped; forcing one is refused, as is a type Gatehouse does not know", () => {
  const shell = { type: 'function' as const, name: 'shell', parameters: { type: 'object' } };
  for (const type of ['web_search', 'web_search_preview', 'file_search', 'local_shell', 'shell', 'apply_patch', 'computer_use_preview', 'code_interpreter', 'image_generation', 'mcp']) {
    assert.deepEqual(convert({ tools: [shell, { type }] }).tools?.map((tool) => tool.name), ['shell'], `${type} is dropped`);
  }
  assert.equal(convert({ tools: [{ type: 'web_search' }] }).tools, undefined, 'nothing left to send');
  assert.throws(() => convert({ tools: [shell, { type: 'web_search_preview' }], tool_choice: { type: 'web_search_preview' } }), refusal(/tool_choice: a "web_search_preview" tool cannot be forced/));
  assert.throws(() => convert({ tools: [{ type: 'web_search' }], tool_choice: 'required' }), refusal(/tool_choice: "required" cannot be honoured/));
  assert.throws(() => convert({ tools: [{ type: 'namespace', name: 'x' }] }), refusal(/tools\[0\]: tools of type "namespace"/));
});

test('function tool choices map', () => {
  const tools = [{ type: 'function' as const, name: 'shell', parameters: { type: 'object' } }];
  assert.deepEqual(convert({ tools, tool_choice: { type: 'function', name: 'shell' } }).tool_choice, { type: 'tool', name: 'shell' });
  assert.deepEqual(convert({ tools, tool_choice: 'required' }).tool_choice, { type: 'any' });
  assert.deepEqual(convert({ tools, tool_choice: 'none' }).tool_choice, { type: 'none' });
});

test('output limit, sampling, structured output and the user map as in chat completions', () => {
  const converted = convert({
    max_output_tokens: 500,
    temperature: 0.2,
    top_p: 0.9,
    text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object', properties: { ok: { type: 'boolean' } } } }, verbosity: 'low' },
    safety_identifier: 'user-42',
    metadata: { session: 's1' },
  });
  assert.equal(converted.max_tokens, 500);
  assert.equal(converted.temperature, 0.2);
  assert.equal(converted.top_p, 0.9);
  assert.deepEqual(converted.output_config, { format: { type: 'json_schema', schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } });
  assert.deepEqual(converted.metadata, { user_id: 'user-42' });
  assert.equal(convert({ user: 'someone@example.com' }).metadata, undefined, 'an email address would make Anthropic answer 400');
  assert.equal(convert({ text: { format: { type: 'json_object' } } }).output_config, undefined);
});

test('a reasoning item with only encrypted content adds nothing', () => {
  const converted = convert({ input: [{ role: 'user', content: 'hi' }, { type: 'reasoning', summary: [], encrypted_content: 'gAAAA' }] });
  assert.deepEqual(converted.messages, [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
});
