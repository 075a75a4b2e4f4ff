import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnthropicMessageResponse, AnthropicMessagesRequest, AnthropicStreamEvent, StopReason } from '../../../gateway/protocol/anthropic/types.ts';
import type { OpenAIChatChunk, OpenAIChatResponse, OpenAIFunctionTool } from '../../../gateway/protocol/openai/types.ts';
import { convertAnthropicRequestToOpenAI } from '../../../gateway/protocol/anthropic-to-openai/convert-request.ts';
import { convertAnthropicResponseToOpenAI } from '../../../gateway/protocol/anthropic-to-openai/convert-response.ts';
import { createAnthropicToOpenAIStreamConverter } from '../../../gateway/protocol/anthropic-to-openai/create-stream-converter.ts';
import { convertOpenAIRequestToAnthropic } from '../../../gateway/protocol/openai-to-anthropic/convert-request.ts';
import { convertOpenAIResponseToAnthropic } from '../../../gateway/protocol/openai-to-anthropic/convert-response.ts';
import { createOpenAIToAnthropicStreamConverter } from '../../../gateway/protocol/openai-to-anthropic/create-stream-converter.ts';
import { createSseParser } from '../../../gateway/protocol/sse/create-sse-parser.ts';
import { formatAnthropicEvent, formatOpenAIChunk } from '../../../gateway/protocol/sse/format-sse.ts';
import { readJsonFixture } from '../../helpers/read-fixture.ts';
import { assertAnthropicStream } from '../../helpers/assert-anthropic-stream.ts';

const openAIIdentity = { id: 'chatcmpl-1', created: 1700000000, model: 'claude-sonnet-4-5', customTools: new Set<string>() };
const anthropicContext = { model: 'claude-sonnet-4-5', messageId: 'msg_01', toolNames: new Map<string, string>() };

/** What a client SDK does with a stream: rebuild the message from its events. */
function accumulate(events: AnthropicStreamEvent[]): AnthropicMessageResponse {
  let message: AnthropicMessageResponse | undefined;
  const partialJson = new Map<number, string>();
  for (const event of events) {
    if (event.type === 'message_start') message = structuredClone(event.message);
    else if (event.type === 'content_block_start') message!.content[event.index] = structuredClone(event.content_block);
    else if (event.type === 'content_block_delta') {
      const block = message!.content[event.index] as Record<string, unknown>;
      const { delta } = event;
      if (delta.type === 'text_delta') block.text = `${block.text as string}${delta.text}`;
      if (delta.type === 'thinking_delta') block.thinking = `${block.thinking as string}${delta.thinking}`;
      if (delta.type === 'signature_delta') block.signature = delta.signature;
      if (delta.type === 'input_json_delta') partialJson.set(event.index, (partialJson.get(event.index) ?? '') + delta.partial_json);
    } else if (event.type === 'content_block_stop' && partialJson.has(event.index)) {
      (message!.content[event.index] as Record<string, unknown>).input = JSON.parse(partialJson.get(event.index)!);
    } else if (event.type === 'message_delta') {
      message!.stop_reason = event.delta.stop_reason;
      message!.usage = { ...message!.usage, ...event.usage };
    }
  }
  return message!;
}

test('request: Anthropic → OpenAI → Anthropic keeps tool ids, parallel calls, images, sampling and the thinking bucket', () => {
  const request: AnthropicMessagesRequest = {
    model: 'claude-sonnet-4-5',
    max_tokens: 8000,
    system: 'Be brief.',
    temperature: 0.5,
    stop_sequences: ['END'],
    metadata: { user_id: 'u1' },
    thinking: { type: 'enabled', budget_tokens: 4096 },
    tools: [{ name: 'Read', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } }],
    tool_choice: { type: 'auto' },
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Read both' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_a', name: 'Read', input: { path: 'a.ts' } },
          { type: 'tool_use', id: 'toolu_b', name: 'Read', input: { path: 'b.ts' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_a', content: 'A' },
          { type: 'tool_result', tool_use_id: 'toolu_b', content: 'B' },
          { type: 'text', text: 'Now compare.' },
        ],
      },
    ],
  };
  const back = convertOpenAIRequestToAnthropic(convertAnthropicRequestToOpenAI(request, { upstreamModel: 'claude-sonnet-4-5' }).body);
  assert.deepStrictEqual(back, {
    model: 'claude-sonnet-4-5',
    max_tokens: 8000,
    system: [{ type: 'text', text: 'Be brief.' }],
    temperature: 0.5,
    stop_sequences: ['END'],
    metadata: { user_id: 'u1' },
    thinking: { type: 'enabled', budget_tokens: 4096 },
    tools: [{ name: 'Read', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } }],
    tool_choice: { type: 'auto' },
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Read both' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } }] },
      request.messages[1],
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_a', content: 'A' },
          { type: 'tool_result', tool_use_id: 'toolu_b', content: 'B' },
          { type: 'text', text: 'Now compare.' },
        ],
      },
    ],
  });
});

test('response: Anthropic → OpenAI → Anthropic keeps content, ids, usage with cache, and loses only the thinking signature', () => {
  const original = readJsonFixture<AnthropicMessageResponse>('anthropic', 'thinking-text-tool-use.response.json');
  const back = convertOpenAIResponseToAnthropic(convertAnthropicResponseToOpenAI(original, openAIIdentity), anthropicContext);
  assert.deepStrictEqual(back, { ...original, content: original.content.map((block) => (block.type === 'thinking' ? { ...block, signature: null } : block)) });
});

test('stop reasons survive the round trip where OpenAI has a counterpart', () => {
  const survivors: StopReason[] = ['end_turn', 'max_tokens', 'tool_use', 'refusal'];
  for (const stopReason of survivors) {
    const content: AnthropicMessageResponse['content'] = stopReason === 'tool_use' ? [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} }] : [{ type: 'text', text: 'x' }];
    const original: AnthropicMessageResponse = { id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content, stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } };
    assert.equal(convertOpenAIResponseToAnthropic(convertAnthropicResponseToOpenAI(original, openAIIdentity), anthropicContext).stop_reason, stopReason);
  }
});

test('stream: Anthropic events → OpenAI SSE → Anthropic events rebuild the same message', () => {
  const original = readJsonFixture<AnthropicStreamEvent[]>('anthropic', 'thinking-text-tool-use.events.json');
  const toOpenAI = createAnthropicToOpenAIStreamConverter({ ...openAIIdentity, includeUsage: true });
  const wire = original.flatMap((event) => toOpenAI.process(event)).map(formatOpenAIChunk).join('');
  const parser = createSseParser();
  const toAnthropic = createOpenAIToAnthropicStreamConverter(anthropicContext);
  // Fed 7 characters at a time, as a slow upstream would.
  const events: AnthropicStreamEvent[] = [];
  for (let offset = 0; offset < wire.length; offset += 7) {
    for (const sse of parser.push(wire.slice(offset, offset + 7))) events.push(...toAnthropic.process(JSON.parse(sse.data) as OpenAIChatChunk));
  }
  events.push(...toAnthropic.finish());
  assertAnthropicStream(original);
  assertAnthropicStream(events);
  const expected = accumulate(original);
  const rebuilt = accumulate(events);
  assert.deepStrictEqual(rebuilt.content, expected.content.map((block) => (block.type === 'thinking' ? { ...block, signature: '' } : block)));
  assert.equal(rebuilt.stop_reason, 'tool_use');
  assert.deepStrictEqual(rebuilt.usage, { input_tokens: 70, output_tokens: 42, cache_read_input_tokens: 30, cache_creation_input_tokens: 20 });
});

test('a tool name too long for OpenAI reaches the client as declared, streamed or not', () => {
  const longName = `mcp__browser__${'navigate_and_capture_'.repeat(4)}`;
  const { body, toolNames } = convertAnthropicRequestToOpenAI(
    { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'go' }], tools: [{ name: longName, input_schema: { type: 'object' } }] },
    { upstreamModel: 'gpt-4.1' },
  );
  const upstreamName = (body.tools![0] as OpenAIFunctionTool).function.name;
  const response: OpenAIChatResponse = {
    id: 'x', object: 'chat.completion', created: 1, model: 'gpt-4.1',
    choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: upstreamName, arguments: '{}' } }] }, finish_reason: 'tool_calls' }],
  };
  const message = convertOpenAIResponseToAnthropic(response, { ...anthropicContext, toolNames });
  assert.equal((message.content[0] as { name: string }).name, longName);
  const converter = createOpenAIToAnthropicStreamConverter({ ...anthropicContext, toolNames });
  const chunk: OpenAIChatChunk = { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'gpt-4.1', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: upstreamName, arguments: '{}' } }] }, finish_reason: null }] };
  const start = converter.process(chunk).find((event) => event.type === 'content_block_start');
  assert.ok(start?.type === 'content_block_start');
  assert.equal((start.content_block as { name: string }).name, longName);
});

test('Anthropic SSE frames parse back to the same events', () => {
  const original = readJsonFixture<AnthropicStreamEvent[]>('anthropic', 'thinking-text-tool-use.events.json');
  const parsed = createSseParser().push(original.map(formatAnthropicEvent).join(''));
  assert.deepStrictEqual(parsed.map((sse) => [sse.event, JSON.parse(sse.data)]), original.map((event) => [event.type, event]));
});
