import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnthropicMessagesRequest } from '../../../../gateway/protocol/anthropic/types.ts';
import type { OpenAIChatRequest, OpenAIFunctionTool, OpenAIMessage, OpenAIToolCall } from '../../../../gateway/protocol/openai/types.ts';
import { convertAnthropicRequestToOpenAI } from '../../../../gateway/protocol/anthropic-to-openai/convert-request.ts';
import { BLANK_TOOL_NAME_PLACEHOLDER } from '../../../../gateway/protocol/anthropic-to-openai/create-tool-name-encoder.ts';
import { GatewayError } from '../../../../gateway/errors/index.ts';
import { sha256Hex } from '../../../../gateway/protocol/shared/sha256.ts';
import { assertValidOpenAIChatRequest } from '../../../helpers/assert-valid-openai-chat-request.ts';
import { readJsonFixture } from '../../../helpers/read-fixture.ts';

interface MessagesFixture {
  request: AnthropicMessagesRequest;
  expected_messages: OpenAIMessage[];
}

const convert = (request: AnthropicMessagesRequest, upstreamModel = 'gpt-4.1') => convertAnthropicRequestToOpenAI(request, { upstreamModel });

const minimal = (extra: Partial<AnthropicMessagesRequest>): AnthropicMessagesRequest => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

for (const [fixture, what] of [
  ['tool-result-before-user-text.json', 'tool results come before the user text of the same turn; parallel calls keep ids (LiteLLM #6)'],
  ['images-base64-url-mixed-order.json', 'base64 images become data URIs, URLs stay, order is kept, jpeg by default (LiteLLM #10)'],
  ['tool-result-images-follow-in-user-message.json', 'tool messages stay text, with a note where an image was; the images open the user message after them'],
  ['thinking-history-with-tool-use.json', 'thinking and redacted thinking in the history are dropped and the tool call keeps its id (LiteLLM #5)'],
  ['documents-pdf-text-and-url.json', 'PDFs become file parts, text documents text, URL documents image_url parts'],
] as const) {
  test(what, () => {
    const { request, expected_messages: expectedMessages } = readJsonFixture<MessagesFixture>('anthropic', fixture);
    const before = structuredClone(request);
    const { body } = convert(request);
    assert.deepStrictEqual(body.messages, expectedMessages);
    assert.deepStrictEqual(request, before, 'the input is not mutated');
    assertValidOpenAIChatRequest(body);
  });
}

test('cache_control is dropped for other models and kept without ttl, null, {} or "" for Claude ones (LiteLLM #16)', () => {
  const fixture = readJsonFixture<{ request: AnthropicMessagesRequest; expected_messages_dropped: OpenAIMessage[]; expected_messages_kept: OpenAIMessage[] }>(
    'anthropic',
    'cache-control-system-and-tool-result.json',
  );
  const dropped = convert(fixture.request).body;
  assert.deepStrictEqual(dropped.messages, fixture.expected_messages_dropped);
  assertValidOpenAIChatRequest(dropped);
  const kept = convert(fixture.request, 'anthropic/claude-sonnet-4.5').body;
  assert.deepStrictEqual(kept.messages, fixture.expected_messages_kept);
  assert.ok(!JSON.stringify(kept).includes('ttl'), 'the ttl never leaks');
  assert.ok(!JSON.stringify(kept.tools).includes('cache_control'), 'tools carry no cache_control');
  assertValidOpenAIChatRequest(kept, { allowCacheControl: true });
});

test('cache_control is kept exactly where LiteLLM keeps it: a model string with "anthropic" or "claude", or a Bedrock ARN', () => {
  const request = minimal({ system: [{ type: 'text', text: 'You are Claude Code', cache_control: { type: 'ephemeral' } }] });
  const keeps = (model: string) => JSON.stringify(convert(request, model).body).includes('cache_control');
  for (const model of ['anthropic/claude-sonnet-4.5', 'Claude-Opus-4', 'bedrock/arn:aws:bedrock:us-east-1:1:application-inference-profile/x']) assert.ok(keeps(model), model);
  for (const model of ['gpt-4.1', 'deepseek-v4-pro', 'qwen3-coder:30b', 'openai/gpt-5']) assert.ok(!keeps(model), model);
});

test('a web_search tool becomes web_search_options and leaves tools; tool_choice maps (LiteLLM #20)', () => {
  const fixture = readJsonFixture<{ request: AnthropicMessagesRequest; expected: Partial<OpenAIChatRequest> }>('anthropic', 'web-search-and-tool-choice.json');
  const { body } = convert(fixture.request);
  const { tools, web_search_options: webSearchOptions, tool_choice: toolChoice, parallel_tool_calls: parallelToolCalls } = body;
  assert.deepStrictEqual({ tools, web_search_options: webSearchOptions, tool_choice: toolChoice, parallel_tool_calls: parallelToolCalls }, fixture.expected);
});

test('tool_choice any → required, auto → auto, none → none; dropped when only web search was offered', () => {
  const tools = [{ name: 'Read', input_schema: { type: 'object' } }];
  assert.equal(convert(minimal({ tools, tool_choice: { type: 'any' } })).body.tool_choice, 'required');
  assert.equal(convert(minimal({ tools, tool_choice: { type: 'auto' } })).body.tool_choice, 'auto');
  assert.equal(convert(minimal({ tools, tool_choice: { type: 'none' } })).body.tool_choice, 'none');
  const onlySearch = convert(minimal({ tools: [{ type: 'web_search_20250305', name: 'web_search' }], tool_choice: { type: 'auto' } })).body;
  assert.equal(onlySearch.tool_choice, undefined);
  assert.equal(onlySearch.tools, undefined);
  assert.deepEqual(onlySearch.web_search_options, {});
});

test('mid-array system messages are folded into the one leading system message, in order (Qwen templates, vllm#41114)', () => {
  const { body } = convert(
    minimal({
      system: 'Be terse.',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'Available agent types: none' },
        { role: 'assistant', content: 'hello' },
        { role: 'system', content: [{ type: 'text', text: 'Reminder' }] },
        { role: 'user', content: 'bye' },
      ],
    }),
  );
  assert.deepStrictEqual(body.messages, [
    { role: 'system', content: 'Be terse.\n\nAvailable agent types: none\n\nReminder' },
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: 'hello' },
    { role: 'user', content: 'bye' },
  ]);
  assertValidOpenAIChatRequest(body);
  const withoutPrompt = convert(minimal({ messages: [{ role: 'user', content: 'hi' }, { role: 'system', content: 'Late' }] })).body;
  assert.deepStrictEqual(withoutPrompt.messages, [{ role: 'system', content: 'Late' }, { role: 'user', content: 'hi' }]);
});

test('thinking{enabled,1024} → reasoning_effort low and no thinking field (LiteLLM #17); adaptive takes output_config.effort', () => {
  const enabled = convert(minimal({ thinking: { type: 'enabled', budget_tokens: 1024 } })).body;
  assert.equal(enabled.reasoning_effort, 'low');
  assert.ok(!('thinking' in enabled));
  assert.equal(convert(minimal({ thinking: { type: 'adaptive' } })).body.reasoning_effort, 'medium');
  assert.equal(convert(minimal({ thinking: { type: 'adaptive' }, output_config: { effort: 'high' } })).body.reasoning_effort, 'high');
  assert.equal(convert(minimal({ thinking: { type: 'disabled' }, output_config: { effort: 'high' } })).body.reasoning_effort, undefined);
});

test('reasoning_effort never exceeds what the upstream accepts: Claude Code\'s budget 31999 is "high" for OpenAI, "max" for DeepSeek', () => {
  const claudeCodeHaiku = minimal({ thinking: { type: 'enabled', budget_tokens: 31999 } });
  assert.equal(convertAnthropicRequestToOpenAI(claudeCodeHaiku, { upstreamModel: 'gpt-5', capabilities: { reasoning: true } }).body.reasoning_effort, 'high');
  const adaptiveMax = minimal({ thinking: { type: 'adaptive' }, output_config: { effort: 'max' } });
  assert.equal(convert(adaptiveMax).body.reasoning_effort, 'high');
  assert.equal(convertAnthropicRequestToOpenAI(claudeCodeHaiku, { upstreamModel: 'deepseek-reasoner', capabilities: { maxReasoningEffort: 'max' } }).body.reasoning_effort, 'max');
});

test('a user_id over 64 characters (Claude Code\'s JSON one) becomes its SHA-256 hex, stable across requests', () => {
  const userId = JSON.stringify({ device_id: 'f'.repeat(64), account_uuid: '', session_id: '00000000-0000-0000-0000-000000000000' });
  const first = convert(minimal({ metadata: { user_id: userId } })).body.user;
  assert.equal(first, sha256Hex(userId));
  assert.equal(first?.length, 64);
  assert.equal(convert(minimal({ metadata: { user_id: userId } })).body.user, first);
  assert.equal(convert(minimal({ metadata: { user_id: 'u'.repeat(64) } })).body.user, 'u'.repeat(64), 'an id that fits is sent as it is');
});

test('sampling, stop sequences, user and stream map to their OpenAI names; Anthropic-only fields are dropped', () => {
  const { body } = convert(
    minimal({
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-7' },
      stream: true,
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      service_tier: 'auto',
    }),
  );
  assert.deepStrictEqual(body, {
    model: 'gpt-4.1',
    messages: [{ role: 'user', content: 'hi' }],
    max_tokens: 100,
    temperature: 0.2,
    top_p: 0.9,
    top_k: 40,
    stop: ['END'],
    user: 'user-7',
    stream: true,
    stream_options: { include_usage: true },
  });
  assertValidOpenAIChatRequest(body);
});

test('output_format and output_config.format become a strict response_format; an invalid format gives none (LiteLLM #21)', () => {
  const schema = { type: 'object', properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } };
  for (const field of ['output_format', 'output_config'] as const) {
    const format = { type: 'json_schema' as const, schema };
    const request = minimal(field === 'output_format' ? { output_format: format } : { output_config: { format } });
    const { body } = convert(request);
    assert.deepStrictEqual(body.response_format, {
      type: 'json_schema',
      json_schema: {
        name: 'structured_output',
        strict: true,
        schema: {
          type: 'object',
          properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false, required: ['name'] } } },
          additionalProperties: false,
          required: ['title', 'tags'],
        },
      },
    });
  }
  assert.equal(schema.properties.tags.items.type, 'object');
  assert.ok(!('additionalProperties' in schema), 'the input schema is not mutated');
  const invalid = minimal({ output_format: { type: 'json_object' } as never });
  assert.equal(convert(invalid).body.response_format, undefined);
});

test('blank tool names get a placeholder that the response restores (LiteLLM #13)', () => {
  for (const name of ['', '   ', null]) {
    const { body, toolNames } = convert(
      minimal({
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: name as string, input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
        ],
      }),
    );
    const call = body.messages[1]!;
    assert.ok(call.role === 'assistant');
    assert.equal((call.tool_calls?.[0] as OpenAIToolCall).function.name, BLANK_TOOL_NAME_PLACEHOLDER);
    assert.equal(toolNames.get(BLANK_TOOL_NAME_PLACEHOLDER), name ?? '');
    assertValidOpenAIChatRequest(body);
  }
});

test('long tool names are shortened consistently in tools, tool_choice and history', () => {
  const longName = `mcp__playwright__${'browser_take_screenshot_of_the_whole_page_'.repeat(2)}`;
  const { body, toolNames } = convert(
    minimal({
      tools: [{ name: longName, input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: longName },
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: longName, input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
      ],
    }),
  );
  const shortName = (body.tools![0] as OpenAIFunctionTool).function.name;
  assert.equal(shortName.length, 64);
  assert.deepEqual(body.tool_choice, { type: 'function', function: { name: shortName } });
  const assistant = body.messages[1]!;
  assert.ok(assistant.role === 'assistant');
  assert.equal((assistant.tool_calls?.[0] as OpenAIToolCall).function.name, shortName);
  assert.deepEqual([...toolNames], [[shortName, longName]]);
  assertValidOpenAIChatRequest(body);
});

test('a Gemini thought signature on a tool_use goes back into the call id and its result', () => {
  const { body } = convert(
    minimal({
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'Bash', input: {}, provider_specific_fields: { signature: 'c2lnbmF0dXJl' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'ok' }] },
      ],
    }),
  );
  const [, assistant, tool] = body.messages;
  assert.ok(assistant?.role === 'assistant' && tool?.role === 'tool');
  assert.equal(assistant.tool_calls?.[0]?.id, 'call_1__thought__c2lnbmF0dXJl');
  assert.equal(tool.tool_call_id, 'call_1__thought__c2lnbmF0dXJl');
});

test('a PDF a tool returned (Claude Code reading a .pdf) leaves a note in the tool message and follows as a file part', () => {
  const pdf = { type: 'document' as const, source: { type: 'base64' as const, media_type: 'application/pdf', data: 'JVBERi0' } };
  const { body } = convert(
    minimal({
      messages: [
        { role: 'user', content: 'read it' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: 'a.pdf' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [pdf] }] },
      ],
    }),
  );
  assert.deepStrictEqual(body.messages.slice(2), [
    { role: 'tool', tool_call_id: 'toolu_1', content: '[document: see the next message]' },
    { role: 'user', content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0', filename: 'document.pdf' } }] },
  ]);
  assertValidOpenAIChatRequest(body);
});

test('DeepSeek gets each assistant turn\'s thinking back as reasoning_content, "" where there was none; others do not', () => {
  const request = minimal({
    messages: [
      { role: 'user', content: 'list files' },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'I should run ls.', signature: '' }, { type: 'tool_use', id: 'call_1', name: 'Bash', input: { command: 'ls' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'a.ts' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_2', name: 'Bash', input: { command: 'pwd' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_2', content: '/w' }] },
    ],
  });
  const deepseek = convertAnthropicRequestToOpenAI(request, { upstreamModel: 'deepseek-v4-pro', capabilities: { reasoningContentInHistory: true } }).body;
  const assistants = deepseek.messages.filter((message) => message.role === 'assistant');
  assert.deepStrictEqual(assistants.map((message) => message.reasoning_content), ['I should run ls.', '']);
  assertValidOpenAIChatRequest(deepseek);
  assert.ok(!JSON.stringify(convert(request).body).includes('reasoning_content'));
});

test('file_id images cannot be carried and are refused with a 400', () => {
  const request = minimal({ messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'file_1' } }] }] });
  assert.throws(() => convert(request), (error: unknown) => GatewayError.isInstance(error) && error.status === 400);
});

test('upstream capabilities: max_tokens is clamped and renamed, reasoning_effort dropped where refused', () => {
  const request = { model: 'm', max_tokens: 64_000, thinking: { type: 'adaptive' as const }, output_config: { effort: 'high' }, messages: [{ role: 'user' as const, content: 'hi' }] };
  const plain = convertAnthropicRequestToOpenAI(request, { upstreamModel: 'qwen' }).body;
  assert.equal(plain.max_tokens, 64_000);
  assert.equal(plain.reasoning_effort, 'high');
  const strict = convertAnthropicRequestToOpenAI(request, { upstreamModel: 'gpt-4.1', capabilities: { reasoning: false, maxOutputTokens: 32_768, maxTokensField: 'max_completion_tokens' } }).body;
  assert.equal(strict.max_tokens, undefined);
  assert.equal(strict.max_completion_tokens, 32_768);
  assert.equal(strict.reasoning_effort, undefined);
});
