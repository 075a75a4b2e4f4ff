/**
 * The real Anthropic and OpenAI SDKs against a real gateway in front of a mock upstream:
 * what the client got, and what the upstream received, in all four protocol pairings.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startMockUpstream, anthropicTextStream, anthropicToolUseStream, openaiToolCallStream, type MockUpstream } from '../../helpers/mock-upstream.ts';
import { startTestGateway, twoProtocolConfig, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let upstream: MockUpstream;
let harness: TestGateway;
let anthropic: Anthropic;
let openai: OpenAI;

before(async () => {
  upstream = await startMockUpstream();
  harness = await startTestGateway(twoProtocolConfig(upstream.url));
  anthropic = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${harness.gateway.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await harness.stop();
  await upstream.close();
});

const lastUpstreamRequest = () => upstream.requests.at(-1)!;

describe('Anthropic client → Anthropic upstream (pass-through)', () => {
  test('non-streaming: the model is renamed for the upstream and beta headers are forwarded', async () => {
    upstream.script(undefined);
    const message = await anthropic.messages.create(
      { model: 'claude-mock', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    assert.equal(message.content[0]?.type, 'text');
    assert.equal((message.content[0] as { text: string }).text, 'Hello from the Anthropic mock');
    const sent = lastUpstreamRequest();
    assert.equal(sent.path, '/v1/messages');
    assert.equal(sent.body.model, 'claude-upstream');
    assert.equal(sent.headers['anthropic-beta'], 'context-1m-2025-08-07');
    assert.equal(sent.headers['x-api-key'], 'sk-ant-planted-secret-0123456789');
  });

  test('streaming: text arrives as deltas and the final message is whole', async () => {
    upstream.script(undefined);
    const stream = anthropic.messages.stream({ model: 'claude-mock', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    assert.ok(deltas.length > 1, 'several text deltas');
    assert.equal(deltas.join(''), 'Hello from the Anthropic mock');
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(lastUpstreamRequest().body.stream, true);
  });
});

describe('Anthropic client → OpenAI-compatible upstream (translated)', () => {
  test('a full tool-use round trip keeps ids, names and arguments', async () => {
    upstream.script((request) => (request.body.stream === true ? { kind: 'sse', frames: openaiToolCallStream('call_abc', 'get_weather', { city: 'Paris' }) } : undefined)!);
    const tools = [{ name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } }];
    const first = await anthropic.messages.stream({ model: 'gpt-mock', max_tokens: 64, tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] }).finalMessage();
    assert.equal(first.stop_reason, 'tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    assert.ok(toolUse && toolUse.type === 'tool_use');
    assert.equal(toolUse.id, 'call_abc');
    assert.equal(toolUse.name, 'get_weather');
    assert.deepEqual(toolUse.input, { city: 'Paris' });
    const sentTools = lastUpstreamRequest().body.tools as { function: { name: string; parameters: unknown } }[];
    assert.equal(sentTools[0]?.function.name, 'get_weather');
    assert.equal(lastUpstreamRequest().body.model, 'gpt-upstream');

    upstream.script(undefined);
    const second = await anthropic.messages.create({
      model: 'gpt-mock',
      max_tokens: 64,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_abc', content: '18°C and sunny' }] },
      ],
    });
    assert.equal((second.content[0] as { text: string }).text, 'Hello from the OpenAI mock');
    const messages = lastUpstreamRequest().body.messages as { role: string; tool_call_id?: string; tool_calls?: { id: string }[]; content?: unknown }[];
    assert.deepEqual(messages.map((message) => message.role), ['user', 'assistant', 'tool']);
    assert.equal(messages[1]?.tool_calls?.[0]?.id, 'call_abc');
    assert.equal(messages[2]?.tool_call_id, 'call_abc');
    assert.equal(messages[2]?.content, '18°C and sunny');
  });

  test('images travel as data URIs and thinking becomes reasoning_effort', async () => {
    upstream.script(undefined);
    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await anthropic.messages.create({
      model: 'gpt-mock',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: pixel } }, { type: 'text', text: 'What is this?' }] }],
    });
    const body = lastUpstreamRequest().body as { reasoning_effort?: string; thinking?: unknown; messages: { role: string; content: unknown }[] };
    assert.equal(body.reasoning_effort, 'low');
    assert.equal(body.thinking, undefined);
    assert.equal(body.messages[0]?.role, 'system');
    const parts = body.messages[1]?.content as { type: string; image_url?: { url: string } }[];
    assert.equal(parts[0]?.image_url?.url, `data:image/png;base64,${pixel}`);
  });

  test('usage from the upstream reaches the client, with cached tokens split out', async () => {
    upstream.script(undefined);
    const final = await anthropic.messages.stream({ model: 'gpt-mock', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    assert.equal(final.usage.output_tokens, 7);
    assert.equal(final.usage.input_tokens, 16);
    assert.equal(final.usage.cache_read_input_tokens, 4);
  });
});

describe('OpenAI client → Anthropic upstream (translated)', () => {
  test('non-streaming text and usage', async () => {
    upstream.script(undefined);
    const completion = await openai.chat.completions.create({ model: 'claude-mock', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from the Anthropic mock');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.usage?.completion_tokens, 6);
    const sent = lastUpstreamRequest().body as { system?: unknown; messages: unknown[]; max_tokens: number };
    assert.ok(sent.system, 'the system message became the system prompt');
    assert.equal(sent.messages.length, 1);
    assert.ok(sent.max_tokens > 0);
  });

  test('streaming tool calls arrive as tool_call deltas', async () => {
    upstream.script((request) => ({ kind: 'sse', frames: request.body.stream === true ? anthropicToolUseStream('toolu_1', 'lookup', { q: 'x' }) : [] }));
    const stream = await openai.chat.completions.create({
      model: 'claude-mock',
      stream: true,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
      messages: [{ role: 'user', content: 'look it up' }],
    });
    let name = '';
    let args = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      if (call?.function?.name) name += call.function.name;
      if (call?.function?.arguments) args += call.function.arguments;
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(name, 'lookup');
    assert.deepEqual(JSON.parse(args), { q: 'x' });
    assert.equal(finish, 'tool_calls');
  });
});

describe('OpenAI client → OpenAI upstream (pass-through)', () => {
  test('streaming asks the upstream for usage so it can be recorded, and keeps the usage chunk from a client that did not ask', async () => {
    upstream.script(undefined);
    const stream = await openai.chat.completions.create({ model: 'gpt-mock', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    // Written as client code often is: without include_usage there is no chunk with empty choices.
    for await (const chunk of stream) text += chunk.choices[0]!.delta.content ?? '';
    assert.equal(text, 'Hello from the OpenAI mock');
    assert.deepEqual(lastUpstreamRequest().body.stream_options, { include_usage: true });
    assert.equal(lastUpstreamRequest().headers.authorization, 'Bearer sk-openai-planted-secret-0123456789');
    const record = harness.gateway.runtime.logStore.query({ limit: 1 }).records[0];
    assert.ok((record?.inputTokens ?? 0) > 0, 'the usage the client did not see is recorded');
  });

  test('a client that asks for include_usage gets the usage chunk', async () => {
    upstream.script(undefined);
    const stream = await openai.chat.completions.create({ model: 'gpt-mock', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
    const usageChunks = [];
    for await (const chunk of stream) if (chunk.choices.length === 0) usageChunks.push(chunk);
    assert.equal(usageChunks.length, 1);
    assert.equal(usageChunks[0]?.usage?.completion_tokens, 7);
  });
});

describe('errors reach each SDK in its own shape', () => {
  test('a wrong key is a 401 AuthenticationError for both clients', async () => {
    const badAnthropic = new Anthropic({ apiKey: 'wrong', baseURL: harness.gateway.url, maxRetries: 0 });
    await assert.rejects(badAnthropic.messages.create({ model: 'claude-mock', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.AuthenticationError);
      return true;
    });
    const badOpenAI = new OpenAI({ apiKey: 'wrong', baseURL: `${harness.gateway.url}/v1`, maxRetries: 0 });
    await assert.rejects(badOpenAI.chat.completions.create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'x' }] }), OpenAI.AuthenticationError);
  });

  test('an unknown model is a 404 naming configured models', async () => {
    await assert.rejects(anthropic.messages.create({ model: 'no-such-model', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.NotFoundError);
      assert.match(String((error as Error).message), /claude-mock|gpt-mock/);
      return true;
    });
  });

  test('an upstream 500 is a 502 in protocol shape and the upstream key is never echoed', async () => {
    upstream.script(() => ({ kind: 'json', status: 500, body: { error: { message: 'boom with key sk-openai-planted-secret-0123456789' } } }));
    await assert.rejects(openai.chat.completions.create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal((error as InstanceType<typeof OpenAI.APIError>).status, 502);
      assert.doesNotMatch((error as Error).message, /planted-secret/);
      return true;
    });
    upstream.script(undefined);
  });

  test('an upstream 429 keeps its status and retry-after for Claude Code to honour', async () => {
    upstream.script(() => ({ kind: 'json', status: 429, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, headers: { 'retry-after': '3' } }));
    const response = await fetch(`${harness.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': TEST_MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-mock', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
    });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '3');
    const body = (await response.json()) as { type: string; error: { type: string } };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'rate_limit_error');
    upstream.script(undefined);
  });

  test('Anthropic overloaded at the start of a stream reaches the SDK as a 529, which it retries into the answer', async () => {
    let calls = 0;
    upstream.script(() => {
      calls += 1;
      return calls === 1
        ? { kind: 'sse', frames: ['event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'] }
        : { kind: 'sse', frames: anthropicTextStream('Second time lucky') };
    });
    try {
      const retrying = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 1 });
      const message = await retrying.messages.stream({ model: 'claude-mock', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
      assert.deepEqual(message.content, [{ type: 'text', text: 'Second time lucky' }]);
      assert.equal(calls, 2, 'the SDK retried the 529; the gateway did not pass the error event on as a stream');
    } finally {
      upstream.script(undefined);
    }
  });
});

describe('upstream compatibility', () => {
  test('history thinking from another model is stripped before it reaches Anthropic', async () => {
    upstream.script(undefined);
    await anthropic.messages.create({
      model: 'claude-mock',
      max_tokens: 16,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'from a local model', signature: '' }, { type: 'text', text: 'hello' }] },
        { role: 'user', content: 'again' },
      ],
    });
    const sent = lastUpstreamRequest().body as { model: string; messages: { content: unknown }[] };
    assert.equal(sent.model, 'claude-upstream');
    assert.deepEqual(sent.messages[1]?.content, [{ type: 'text', text: 'hello' }]);
  });
});

describe('a max_tokens probe refused by a reasoning upstream', () => {
  const refusal = () => ({ kind: 'json' as const, status: 400, body: { error: { message: 'Could not finish the message because max_tokens or model output limit was reached.' } } });

  test('is a normal reply cut at max_tokens, streamed or not (litellm #35061)', async () => {
    upstream.script(refusal);
    const message = await anthropic.messages.create({ model: 'gpt-mock', max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] });
    assert.equal(message.stop_reason, 'max_tokens');
    assert.deepEqual(message.content, []);
    const streamed = await anthropic.messages.stream({ model: 'gpt-mock', max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] }).finalMessage();
    assert.equal(streamed.stop_reason, 'max_tokens');
    upstream.script(undefined);
  });

  test('a real request with the same error stays an error', async () => {
    upstream.script(refusal);
    await assert.rejects(anthropic.messages.create({ model: 'gpt-mock', max_tokens: 4000, messages: [{ role: 'user', content: 'write an essay' }] }), Anthropic.BadRequestError);
    upstream.script(undefined);
  });
});

describe('GET /v1/models', () => {
  test('each SDK lists the configured groups in its own shape, also without the /v1 prefix, and no upstream is called', async () => {
    const before = upstream.requests.length;
    const anthropicModels = [];
    for await (const model of anthropic.models.list()) anthropicModels.push(model);
    assert.deepEqual(anthropicModels.map((model) => [model.type, model.id]).sort(), [['model', 'claude-mock'], ['model', 'gpt-mock']]);
    assert.ok(anthropicModels.every((model) => !Number.isNaN(Date.parse(model.created_at)) && typeof model.display_name === 'string'));
    const openaiModels = [];
    for await (const model of openai.models.list()) openaiModels.push(model);
    assert.deepEqual(openaiModels.map((model) => [model.object, model.id]).sort(), [['model', 'claude-mock'], ['model', 'gpt-mock']]);
    assert.ok(openaiModels.every((model) => Number.isInteger(model.created) && typeof model.owned_by === 'string'));
    const unprefixed = new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
    assert.deepEqual((await unprefixed.models.list()).data.map((model) => model.id).sort(), ['claude-mock', 'gpt-mock']);
    assert.equal(upstream.requests.length, before);
  });
});
