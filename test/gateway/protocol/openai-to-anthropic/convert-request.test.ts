import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpenAIChatRequest, OpenAIToolCall } from '../../../../gateway/protocol/openai/types.ts';
import { convertOpenAIRequestToAnthropic, DEFAULT_MAX_TOKENS } from '../../../../gateway/protocol/openai-to-anthropic/convert-request.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';

const minimal = (extra: Partial<OpenAIChatRequest>): OpenAIChatRequest => ({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }], ...extra });
const isBadRequest = (error: unknown) => GatewayError.isInstance(error) && error.status === 400;

test('a tool round trip: system and developer hoisted, tool_calls parsed, tool messages merged into one user turn before its text', () => {
  const converted = convertOpenAIRequestToAnthropic({
    model: 'claude-sonnet-4-5',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris and Rome?' },
      { role: 'developer', content: [{ type: 'text', text: 'Use tools.' }] },
      {
        role: 'assistant',
        content: 'Checking.',
        reasoning_content: 'unsigned, so dropped',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18C' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '24C' }] },
      { role: 'user', content: 'Thanks' },
    ],
  });
  assert.deepStrictEqual(converted, {
    model: 'claude-sonnet-4-5',
    max_tokens: DEFAULT_MAX_TOKENS,
    system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Use tools.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_2', name: 'get_weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '18C' },
          { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: '24C' }] },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ],
  });
});

test('image data URIs become base64 blocks, URLs url sources, inline files documents', () => {
  const converted = convertOpenAIRequestToAnthropic(
    minimal({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0x', filename: 'a.pdf' } },
          ],
        },
      ],
    }),
  );
  assert.deepStrictEqual(converted.messages[0]?.content, [
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' }, title: 'a.pdf' },
  ]);
});

test('tools, tool_choice and parallel_tool_calls map; web_search_options adds the hosted search tool', () => {
  const tools: OpenAIChatRequest['tools'] = [{ type: 'function', function: { name: 'Read', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];
  const converted = convertOpenAIRequestToAnthropic(minimal({ tools, tool_choice: 'required', parallel_tool_calls: false, web_search_options: {} }));
  assert.deepStrictEqual(converted.tools, [
    { name: 'Read', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } },
    { type: 'web_search_20250305', name: 'web_search' },
  ]);
  assert.deepStrictEqual(converted.tool_choice, { type: 'any', disable_parallel_tool_use: true });
  assert.deepStrictEqual(convertOpenAIRequestToAnthropic(minimal({ tools, tool_choice: 'none' })).tool_choice, { type: 'none' });
  assert.deepStrictEqual(convertOpenAIRequestToAnthropic(minimal({ tools, tool_choice: 'auto' })).tool_choice, { type: 'auto' });
  assert.deepStrictEqual(convertOpenAIRequestToAnthropic(minimal({ tools, tool_choice: { type: 'function', function: { name: 'Read' } } })).tool_choice, { type: 'tool', name: 'Read' });
  assert.equal(convertOpenAIRequestToAnthropic(minimal({ tool_choice: 'auto' })).tool_choice, undefined, 'no tools, no tool_choice');
  assert.deepStrictEqual(convertOpenAIRequestToAnthropic(minimal({ tools: [{ type: 'function', function: { name: 'x' } }] })).tools, [{ name: 'x', input_schema: { type: 'object', properties: {} } }]);
});

test('sampling, stop, max tokens, user, stream, reasoning effort and json_schema map to their Anthropic names', () => {
  const schema = { type: 'object', properties: { title: { type: 'string' } } };
  const converted = convertOpenAIRequestToAnthropic(
    minimal({
      temperature: 0.3,
      top_p: 0.8,
      top_k: 20,
      stop: 'END',
      max_tokens: 100,
      max_completion_tokens: 8000,
      user: 'user-7',
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: 'medium',
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema, strict: true } },
      seed: 3,
      presence_penalty: 1,
    }),
  );
  assert.deepStrictEqual(converted, {
    model: 'claude-sonnet-4-5',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    max_tokens: 8000,
    stream: true,
    temperature: 0.3,
    top_p: 0.8,
    top_k: 20,
    stop_sequences: ['END'],
    thinking: { type: 'enabled', budget_tokens: 2048 },
    output_config: { format: { type: 'json_schema', schema } },
    metadata: { user_id: 'user-7' },
  });
});

test('reasoning effort budgets stay below max_tokens, or thinking is left off', () => {
  assert.deepStrictEqual(convertOpenAIRequestToAnthropic(minimal({ reasoning_effort: 'max', max_tokens: 5000 })).thinking, { type: 'enabled', budget_tokens: 4999 });
  assert.equal(convertOpenAIRequestToAnthropic(minimal({ reasoning_effort: 'high', max_tokens: 1000 })).thinking, undefined);
});

test('reasoning effort none is said as thinking disabled, since the newest Claude models think unless told not to', () => {
  assert.deepStrictEqual(convertOpenAIRequestToAnthropic(minimal({ reasoning_effort: 'none' })).thinking, { type: 'disabled' });
  assert.equal(convertOpenAIRequestToAnthropic(minimal({})).thinking, undefined);
});

test('n > 1, invalid tool-call JSON and unsupported parts are refused with a 400', () => {
  assert.throws(() => convertOpenAIRequestToAnthropic(minimal({ n: 2 })), isBadRequest);
  assert.doesNotThrow(() => convertOpenAIRequestToAnthropic(minimal({ n: 1 })));
  const badArguments = minimal({
    messages: [{ role: 'user', content: 'go' }, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'Bash', arguments: '{"command":' } }] }],
  });
  assert.throws(() => convertOpenAIRequestToAnthropic(badArguments), isBadRequest);
  const audio = minimal({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] });
  assert.throws(() => convertOpenAIRequestToAnthropic(audio), isBadRequest);
});

test('a reasoning effort without max_tokens gets its thinking budget on top of the default answer length', () => {
  const high = convertOpenAIRequestToAnthropic(minimal({ reasoning_effort: 'high' }));
  assert.deepStrictEqual(high.thinking, { type: 'enabled', budget_tokens: 4096 });
  assert.equal(high.max_tokens, DEFAULT_MAX_TOKENS + 4096);
  assert.equal(convertOpenAIRequestToAnthropic(minimal({ reasoning_effort: 'none' })).max_tokens, DEFAULT_MAX_TOKENS);
});

test('a user that is an email address is not sent as metadata.user_id, which Anthropic refuses', () => {
  assert.equal(convertOpenAIRequestToAnthropic(minimal({ user: 'jane.doe+ai@example.co.uk' })).metadata, undefined);
  assert.deepStrictEqual(convertOpenAIRequestToAnthropic(minimal({ user: 'team@acme' })).metadata, { user_id: 'team@acme' });
});

test("tool-call ids another upstream minted are made valid for Anthropic, the call and its result alike", () => {
  const converted = convertOpenAIRequestToAnthropic(
    minimal({
      messages: [
        { role: 'user', content: 'list files' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'functions.Bash:0', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } }] },
        { role: 'tool', tool_call_id: 'functions.Bash:0', content: 'a.ts' },
      ],
    }),
  );
  assert.deepStrictEqual(converted.messages.slice(1), [
    { role: 'assistant', content: [{ type: 'tool_use', id: 'functions_Bash_0', name: 'Bash', input: { command: 'ls' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'functions_Bash_0', content: 'a.ts' }] },
  ]);
});

test('a tool message or tool call without an id is refused with a 400 that names it', () => {
  const noResultId = minimal({ messages: [{ role: 'user', content: 'go' }, { role: 'tool', content: 'x' } as unknown as OpenAIChatRequest['messages'][number]] });
  assert.throws(() => convertOpenAIRequestToAnthropic(noResultId), (error: unknown) => isBadRequest(error) && (error as Error).message.includes('messages[1].tool_call_id'));
  const noCallId = minimal({
    messages: [{ role: 'user', content: 'go' }, { role: 'assistant', content: null, tool_calls: [{ type: 'function', function: { name: 'Bash', arguments: '{}' } } as unknown as OpenAIToolCall] }],
  });
  assert.throws(() => convertOpenAIRequestToAnthropic(noCallId), (error: unknown) => isBadRequest(error) && (error as Error).message.includes('messages[1].tool_calls[0].id'));
});

test('custom (free-form) tools become tools taking one `input` string, with the grammar in the description; a custom choice forces one', () => {
  const grammar = { syntax: 'lark' as const, definition: 'start: "*** Begin Patch" /(.|\\n)*/ "*** End Patch"' };
  const converted = convertOpenAIRequestToAnthropic(minimal({
    tools: [
      { type: 'custom', custom: { name: 'apply_patch', description: 'Edit files.', format: { type: 'grammar', grammar } } },
      { type: 'custom', custom: { name: 'code_exec' } },
    ],
    tool_choice: { type: 'custom', custom: { name: 'apply_patch' } },
    parallel_tool_calls: false,
  }));
  const [patchTool, execTool] = converted.tools as { name: string; description: string; input_schema: Record<string, unknown> }[];
  assert.equal(patchTool!.name, 'apply_patch');
  assert.ok(patchTool!.description.startsWith('Edit files.\n\n'));
  assert.ok(patchTool!.description.endsWith(`lark grammar:\n${grammar.definition}`), patchTool!.description);
  assert.deepEqual(patchTool!.input_schema.required, ['input']);
  assert.deepEqual((patchTool!.input_schema.properties as { input: { type: string } }).input.type, 'string');
  assert.match(execTool!.description, /free text/);
  assert.deepEqual(converted.tool_choice, { type: 'tool', name: 'apply_patch', disable_parallel_tool_use: true });
});

test('a custom tool call in the history goes up as a tool_use of its one string, and its tool message as the tool_result', () => {
  const converted = convertOpenAIRequestToAnthropic(minimal({
    tools: [{ type: 'custom', custom: { name: 'apply_patch' } }],
    messages: [
      { role: 'user', content: 'Add hello.txt' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_patch', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin Patch\n*** End Patch\n' } }] },
      { role: 'tool', tool_call_id: 'call_patch', content: 'Done!' },
    ],
  }));
  assert.deepEqual(converted.messages.slice(1), [
    { role: 'assistant', content: [{ type: 'tool_use', id: 'call_patch', name: 'apply_patch', input: { input: '*** Begin Patch\n*** End Patch\n' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_patch', content: 'Done!' }] },
  ]);
  const noInput = minimal({ messages: [{ role: 'user', content: 'go' }, { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'custom', custom: { name: 'apply_patch' } } as unknown as OpenAIToolCall] }] });
  assert.throws(() => convertOpenAIRequestToAnthropic(noInput), (error: unknown) => isBadRequest(error) && (error as Error).message.includes('messages[1].tool_calls[0].custom'));
});

test('tools of another type and allowed_tools choices are refused with a 400, not an internal error', () => {
  const otherTool = { type: 'mcp', mcp: { name: 'x' } } as unknown as NonNullable<OpenAIChatRequest['tools']>[number];
  assert.throws(() => convertOpenAIRequestToAnthropic(minimal({ tools: [otherTool] })), (error: unknown) => isBadRequest(error) && (error as Error).message.includes('tools[0]'));
  const malformedCustom = { type: 'custom' } as unknown as NonNullable<OpenAIChatRequest['tools']>[number];
  assert.throws(() => convertOpenAIRequestToAnthropic(minimal({ tools: [malformedCustom] })), (error: unknown) => isBadRequest(error) && (error as Error).message.includes('tools[0]'));
  const tools: OpenAIChatRequest['tools'] = [{ type: 'function', function: { name: 'Read' } }];
  const allowedTools = { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'Read' } }] } } as unknown as OpenAIChatRequest['tool_choice'];
  assert.throws(() => convertOpenAIRequestToAnthropic(minimal({ tools, tool_choice: allowedTools })), (error: unknown) => isBadRequest(error) && (error as Error).message.includes('tool_choice'));
  assert.equal(convertOpenAIRequestToAnthropic(minimal({ tools, tool_choice: null as unknown as OpenAIChatRequest['tool_choice'] })).tool_choice, undefined, 'null means the default');
});
