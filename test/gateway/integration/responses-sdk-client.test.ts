/**
 * The real OpenAI SDK's Responses client (`client.responses`) against a real gateway in front of
 * the mock upstream: what the client got, and what each kind of upstream received.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { anthropicTextStream, anthropicToolUseStream, openaiToolCallStream } from '../../helpers/mock-upstream.ts';
import { TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';
import { useGatewayWithMock } from '../../helpers/use-gateway-with-mock.ts';
import { assertResponsesStream } from '../../helpers/assert-responses-stream.ts';
import { rawRequest } from '../../helpers/raw-http-request.ts';
import { readJsonFixture } from '../../helpers/read-fixture.ts';

const setup = useGatewayWithMock();
let client: OpenAI | undefined;
/** The SDK pointed at the gateway, made once the gateway is up. */
const openaiClient = () => (client ??= new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${setup.harness.gateway.url}/v1`, maxRetries: 0 }));

const lastUpstreamRequest = () => setup.upstream.requests.at(-1)!;

const shellTool = {
  type: 'function' as const,
  name: 'shell',
  description: 'Runs a shell command',
  parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'] },
  strict: false,
};

/** A Codex CLI turn (function shell, custom apply_patch with its lark grammar, hosted web_search), sent to `model`. */
function codexTurn(model: string): OpenAI.Responses.ResponseCreateParamsNonStreaming {
  const { stream: _stream, ...turn } = readJsonFixture<OpenAI.Responses.ResponseCreateParams>('responses', 'codex-cli-turn-with-apply-patch.json');
  return { ...turn, model, stream: false };
}
const patch = '*** Begin Patch\n*** Update File: hello.txt\n@@\n hello\n+world\n*** End Patch\n';

/** The client got apply_patch back as a custom_tool_call carrying the raw patch. */
function assertPatchCall(response: OpenAI.Responses.Response, callId: string) {
  const call = response.output.find((item) => item.type === 'custom_tool_call');
  assert.ok(call && call.type === 'custom_tool_call', 'a custom_tool_call item');
  assert.equal(call.call_id, callId);
  assert.equal(call.name, 'apply_patch');
  assert.equal(call.input, patch);
  assert.ok(!response.output.some((item) => item.type === 'function_call'));
}

/** The upstream got apply_patch as a tool taking one `input` string, and no web_search (Anthropic tools or chat functions). */
function assertPatchToolSent(tools: { name?: string; input_schema?: unknown; function?: { name: string; parameters?: unknown } }[]) {
  const sent = tools.map((tool) => (tool.function ? { name: tool.function.name, schema: tool.function.parameters } : { name: tool.name, schema: tool.input_schema }));
  assert.deepEqual(sent.map((tool) => tool.name), ['shell', 'apply_patch'], 'web_search is dropped');
  const schema = sent[1]!.schema as { properties: { input: { type: string } }; required: string[] };
  assert.equal(schema.properties.input.type, 'string');
  assert.deepEqual(schema.required, ['input']);
}

describe('Responses client → Anthropic upstream', () => {
  test('non-streaming: instructions become the system prompt and the answer is a response object', async () => {
    setup.upstream.script(undefined);
    const response = await openaiClient().responses.create({ model: 'claude-mock', instructions: 'Be brief.', input: 'hi', max_output_tokens: 64, store: false });
    assert.equal(response.object, 'response');
    assert.match(response.id, /^resp_/);
    assert.equal(response.status, 'completed');
    assert.equal(response.model, 'claude-mock');
    assert.equal(response.output_text, 'Hello from the Anthropic mock');
    assert.equal(response.output[0]?.type, 'message');
    assert.deepEqual(response.usage, { input_tokens: 15, input_tokens_details: { cached_tokens: 3 }, output_tokens: 6, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 21 });
    assert.equal(response.instructions, 'Be brief.');
    const sent = lastUpstreamRequest();
    assert.equal(sent.path, '/v1/messages');
    assert.equal(sent.body.model, 'claude-upstream');
    assert.deepEqual(sent.body.system, [{ type: 'text', text: 'Be brief.' }]);
    assert.deepEqual(sent.body.messages, [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    assert.equal(sent.body.max_tokens, 64);
    const record = setup.harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
    assert.equal(record?.clientProtocol, 'responses');
    assert.equal(record?.provider, 'anthropic');
    assert.equal(record?.inputTokens, 12);
    assert.equal(record?.cacheReadTokens, 3);
  });

  test('streaming: responses.stream() gets text deltas and a completed response', async () => {
    setup.upstream.script(undefined);
    const stream = openaiClient().responses.stream({ model: 'claude-mock', input: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    assert.ok(deltas.length > 1, 'several text deltas');
    assert.equal(deltas.join(''), 'Hello from the Anthropic mock');
    assert.equal(final.status, 'completed');
    assert.equal(final.output_text, 'Hello from the Anthropic mock');
    assert.equal(lastUpstreamRequest().body.stream, true);
    assert.equal(lastUpstreamRequest().body.max_tokens, 4096, 'the chat-completions default output limit');
  });

  test('a function call round trip: the call comes back as a function_call, its output goes back as a tool_result', async () => {
    setup.upstream.script((request) => (request.body.stream === true ? { kind: 'sse', frames: anthropicToolUseStream('toolu_01', 'shell', { command: ['ls'] }) } : undefined)!);
    const first = await openaiClient().responses.stream({ model: 'claude-mock', tools: [shellTool], input: 'List the files.' }).finalResponse();
    const call = first.output.find((item) => item.type === 'function_call');
    assert.ok(call && call.type === 'function_call');
    assert.equal(call.call_id, 'toolu_01');
    assert.equal(call.name, 'shell');
    assert.deepEqual(JSON.parse(call.arguments), { command: ['ls'] });
    assert.deepEqual(lastUpstreamRequest().body.tools, [{ name: 'shell', description: 'Runs a shell command', input_schema: shellTool.parameters }]);

    setup.upstream.script(undefined);
    const second = await openaiClient().responses.create({
      model: 'claude-mock',
      tools: [shellTool],
      input: [
        { role: 'user', content: 'List the files.' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: 'README.md' },
      ],
    });
    assert.equal(second.output_text, 'Hello from the Anthropic mock');
    assert.deepEqual(lastUpstreamRequest().body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'List the files.' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'shell', input: { command: ['ls'] } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'README.md' }] },
    ]);
  });

  test('a Codex turn: apply_patch streams back as a custom_tool_call, its raw patch delta by delta as the upstream writes it', async () => {
    setup.upstream.script((request) => (request.body.stream === true ? { kind: 'sse', frames: anthropicToolUseStream('toolu_patch', 'apply_patch', { input: patch }) } : undefined)!);
    const { stream: _stream, ...turn } = codexTurn('claude-mock');
    const stream = openaiClient().responses.stream(turn);
    const inputDeltas: string[] = [];
    stream.on('response.custom_tool_call_input.delta', (event) => inputDeltas.push(event.delta));
    const final = await stream.finalResponse();
    assertPatchCall(final, 'toolu_patch');
    assert.equal(inputDeltas.join(''), patch);
    // The mock writes the arguments ten characters at a time; the first piece, `{"input":"`, holds none of the patch.
    assert.deepEqual(inputDeltas.slice(0, 3), ['*** Begin ', 'Patch\n***', ' Update Fi']);
    const sent = lastUpstreamRequest().body;
    assertPatchToolSent(sent.tools as never);
    // The earlier apply_patch call and its output went up as a tool_use / tool_result pair.
    const history = sent.messages as { role: string; content: { type: string; input?: unknown }[] }[];
    assert.deepEqual(history[1]?.content.find((block) => block.type === 'tool_use')?.input, { input: '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n' });
    assert.equal(history[2]?.content[0]?.type, 'tool_result');
  });

  test('a Codex turn, non-streamed: apply_patch comes back as a custom_tool_call', async () => {
    setup.upstream.script(() => ({
      kind: 'json',
      body: { id: 'msg_patch', type: 'message', role: 'assistant', model: 'claude-upstream', content: [{ type: 'tool_use', id: 'toolu_patch', name: 'apply_patch', input: { input: patch } }], stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 30, output_tokens: 9 } },
    }));
    assertPatchCall(await openaiClient().responses.create(codexTurn('claude-mock')), 'toolu_patch');
    assertPatchToolSent(lastUpstreamRequest().body.tools as never);
  });

  test('the raw event stream follows the Responses grammar, with event lines and no [DONE]', async () => {
    setup.upstream.script(undefined);
    const reply = await rawRequest(setup.harness.gateway.url, {
      method: 'POST',
      path: '/responses',
      headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-mock', input: 'hi', stream: true }),
    });
    assert.equal(reply.status, 200);
    assertResponsesStream(reply.text);
    assert.ok(!reply.text.includes('[DONE]'));
  });

  test('a failure after the stream started reaches the SDK as an error, after a response.failed event', async () => {
    setup.upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('partial answer that will be cut'), dropAfter: 4, delayMs: 20 }));
    const events: string[] = [];
    const stream = openaiClient().responses.stream({ model: 'claude-mock', input: 'hi' });
    stream.on('event', (event) => events.push(event.type));
    await assert.rejects(stream.finalResponse(), (error: Error) => error instanceof OpenAI.APIError && /Could not reach Anthropic/.test(error.message));
    assert.ok(events.includes('response.output_text.delta'), 'text arrived before the failure');
    assert.equal(events.at(-1), 'response.failed');
  });

  test("an upstream error event mid-stream ends the stream with response.failed and the SDK's error", async () => {
    const overloaded = `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`;
    setup.upstream.script(() => ({ kind: 'sse', frames: [...anthropicTextStream('partial answer').slice(0, 4), overloaded], delayMs: 20 }));
    const reply = await rawRequest(setup.harness.gateway.url, {
      method: 'POST',
      path: '/v1/responses',
      headers: { authorization: `Bearer ${TEST_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-mock', input: 'hi', stream: true }),
    });
    const events = assertResponsesStream(reply.text);
    assert.deepEqual(events.slice(-2).map((event) => event.type), ['response.failed', 'error']);
    assert.match(String((events.at(-1)!.error as { message: string }).message), /overloaded_error/);
  });
});

describe('Responses client → OpenAI-compatible upstream', () => {
  test('non-streaming: the request arrives as chat completions, the answer as a response', async () => {
    setup.upstream.script(undefined);
    const response = await openaiClient().responses.create({
      model: 'gpt-mock',
      input: [{ role: 'developer', content: 'Answer in English.' }, { role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
      reasoning: { effort: 'low', summary: 'auto' },
      store: false,
      include: ['reasoning.encrypted_content'],
    });
    assert.equal(response.output_text, 'Hello from the OpenAI mock');
    assert.equal(response.usage?.input_tokens, 20);
    const sent = lastUpstreamRequest();
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.body.model, 'gpt-upstream');
    assert.deepEqual(sent.body.messages, [{ role: 'system', content: 'Answer in English.' }, { role: 'user', content: 'hi' }]);
    assert.equal(sent.body.reasoning_effort, 'low');
    assert.equal(sent.body.store, undefined);
    assert.equal(sent.body.include, undefined);
  });

  test('streaming: create({ stream: true }) yields a tool call whose arguments arrive as deltas', async () => {
    setup.upstream.script((request) => (request.body.stream === true ? { kind: 'sse', frames: openaiToolCallStream('call_abc', 'shell', { command: ['pwd'] }) } : undefined)!);
    const stream = await openaiClient().responses.create({ model: 'gpt-mock', tools: [shellTool], input: 'Where am I?', stream: true });
    const types: string[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.completed') completed = event.response;
    }
    assert.ok(types.includes('response.function_call_arguments.delta'));
    const call = completed?.output.find((item) => item.type === 'function_call');
    assert.ok(call && call.type === 'function_call');
    assert.equal(call.call_id, 'call_abc');
    assert.deepEqual(JSON.parse(call.arguments), { command: ['pwd'] });
    const sentTools = lastUpstreamRequest().body.tools as { type: string; function: { name: string } }[];
    assert.equal(sentTools[0]?.function.name, 'shell');
  });
});

describe('Responses client (Codex turn) → OpenAI-compatible upstream', () => {
  test('streaming: the apply_patch function call comes back as a custom_tool_call, its raw patch streamed as it arrives', async () => {
    setup.upstream.script((request) => (request.body.stream === true ? { kind: 'sse', frames: openaiToolCallStream('call_patch', 'apply_patch', { input: patch }) } : undefined)!);
    const { stream: _stream, ...turn } = codexTurn('gpt-mock');
    const stream = openaiClient().responses.stream(turn);
    const inputDeltas: string[] = [];
    stream.on('response.custom_tool_call_input.delta', (event) => inputDeltas.push(event.delta));
    assertPatchCall(await stream.finalResponse(), 'call_patch');
    assert.ok(inputDeltas.length > 1, `the patch came in ${inputDeltas.length} delta(s)`);
    assert.equal(inputDeltas.join(''), patch);
    assertPatchToolSent(lastUpstreamRequest().body.tools as never);
  });

  test('non-streamed: the same', async () => {
    setup.upstream.script(() => ({
      kind: 'json',
      body: {
        id: 'chatcmpl-patch', object: 'chat.completion', created: 1, model: 'gpt-upstream',
        choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_patch', type: 'function', function: { name: 'apply_patch', arguments: JSON.stringify({ input: patch }) } }] }, finish_reason: 'tool_calls' }],
        usage: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 },
      },
    }));
    assertPatchCall(await openaiClient().responses.create(codexTurn('gpt-mock')), 'call_patch');
    assertPatchToolSent(lastUpstreamRequest().body.tools as never);
  });
});

describe('Responses errors before the stream', () => {
  test('an unknown model is a 404 in the OpenAI error shape', async () => {
    await assert.rejects(
      openaiClient().responses.create({ model: 'no-such-model', input: 'hi', stream: true }),
      (error: unknown) => error instanceof OpenAI.NotFoundError && error.status === 404 && typeof (error.error as { message?: unknown }).message === 'string',
    );
  });

  test('previous_response_id is refused: Gatehouse keeps no responses', async () => {
    const before = setup.upstream.requests.length;
    await assert.rejects(
      openaiClient().responses.create({ model: 'claude-mock', input: 'hi', previous_response_id: 'resp_123' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /keeps no responses/.test(error.message),
    );
    assert.equal(setup.upstream.requests.length, before, 'nothing reached the upstream');
  });

  test('forcing a hosted tool, which Gatehouse drops, is refused, naming its type', async () => {
    await assert.rejects(
      openaiClient().responses.create({ model: 'claude-mock', input: 'hi', tools: [{ type: 'web_search_preview' }], tool_choice: { type: 'web_search_preview' } }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /"web_search_preview" tool cannot be forced/.test(error.message),
    );
  });
});
