/**
 * The real Anthropic and OpenAI SDKs (chat completions and responses) through a real gateway to the in-test Ollama via an
 * `ollama_chat/` deployment: what the client got, what Ollama received (num_ctx, keep_alive,
 * think), and what the gateway recorded, including Ollama's mid-stream `{"error"}` lines and
 * its left-out metric fields.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { RequestRecord } from '../../../gateway/store/log-store.ts';
import { startOllamaTestServer, createTestModel, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let ollama: OllamaTestServer;
let harness: TestGateway;
let anthropic: Anthropic;
let openai: OpenAI;

before(async () => {
  ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b'), createTestModel('llama3.1:8b')] });
  // gatehouse.ollama.host points at the test server, so the startup check finds Ollama running and starts nothing.
  harness = await startTestGateway(`
model_list:
  - model_name: qwen-local
    litellm_params: { model: ollama_chat/qwen3:8b, api_base: ${ollama.url}, num_ctx: 16384, keep_alive: 15m }
    model_info: { id: ollama-qwen, route: local }
  - model_name: llama-local
    litellm_params: { model: ollama_chat/llama3.1:8b, api_base: ${ollama.url} }
    model_info: { id: ollama-llama, route: local }
general_settings: { master_key: ${TEST_MASTER_KEY} }
router_settings: { num_retries: 0 }
gatehouse:
  ollama: { host: ${ollama.url}, context_length: 24576, keep_alive: 5m }
`);
  anthropic = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: TEST_MASTER_KEY, baseURL: `${harness.gateway.url}/v1`, maxRetries: 0 });
});

after(async () => {
  await harness.stop();
  await ollama.close();
});

interface OllamaChatBody {
  model: string;
  stream?: boolean;
  think?: unknown;
  keep_alive?: string | number;
  options?: { num_ctx?: number };
}

const lastChatRequest = (): OllamaChatBody => {
  const request = ollama.requests.filter((recorded) => recorded.path === '/api/chat').at(-1);
  assert.ok(request, 'Ollama received a /api/chat request');
  return request.body as OllamaChatBody;
};

/** The newest record for the group, once the gateway has written it (records land after the response ends). */
async function latestRecord(group: string, after: number): Promise<RequestRecord> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const record = harness.gateway.runtime.logStore.query({ model: group, since: after }).records[0];
    if (record) return record;
    if (Date.now() > deadline) throw new Error(`no record for ${group}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const tools = [{ name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } }];

describe('Anthropic client → Ollama', () => {
  test('streaming text: deltas in order, end_turn, usage from Ollama counters; num_ctx and keep_alive from the deployment', async () => {
    ollama.scriptChat({ content: 'Hello from the local model.', promptEvalCount: 21, evalCount: 6 });
    const stream = anthropic.messages.stream({ model: 'qwen-local', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    assert.ok(deltas.length > 1, 'several text deltas');
    assert.equal(deltas.join(''), 'Hello from the local model.');
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(final.usage.input_tokens, 21);
    assert.equal(final.usage.output_tokens, 6);
    const sent = lastChatRequest();
    assert.equal(sent.model, 'qwen3:8b');
    assert.equal(sent.stream, true);
    assert.equal(sent.options?.num_ctx, 16384);
    assert.equal(sent.keep_alive, '15m');
  });

  test('a deployment without num_ctx or keep_alive gets gatehouse.ollama.context_length and keep_alive', async () => {
    ollama.scriptChat({ content: 'ok' });
    await anthropic.messages.create({ model: 'llama-local', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    const sent = lastChatRequest();
    assert.equal(sent.model, 'llama3.1:8b');
    assert.equal(sent.options?.num_ctx, 24576);
    assert.equal(sent.keep_alive, '5m');
  });

  test('a tool call after some text, ending with done_reason stop, becomes stop_reason tool_use', async () => {
    ollama.scriptChat({ content: 'Let me check the weather.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_1' }], doneReason: 'stop' });
    const final = await anthropic.messages.stream({ model: 'qwen-local', max_tokens: 64, tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] }).finalMessage();
    assert.equal(final.stop_reason, 'tool_use');
    assert.deepEqual(final.content.map((block) => block.type), ['text', 'tool_use']);
    const toolUse = final.content[1];
    assert.ok(toolUse?.type === 'tool_use');
    assert.equal(toolUse.name, 'get_weather');
    assert.deepEqual(toolUse.input, { city: 'Paris' });
  });

  test('thinking streams as a thinking block before the text, and `think` reaches Ollama', async () => {
    ollama.scriptChat({ thinking: 'Two plus two is four.', content: 'It is 4.' });
    const final = await anthropic.messages.stream({
      model: 'qwen-local',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'What is 2+2?' }],
    }).finalMessage();
    assert.deepEqual(final.content.map((block) => block.type), ['thinking', 'text']);
    const [thinking, text] = final.content;
    assert.ok(thinking?.type === 'thinking' && text?.type === 'text');
    assert.equal(thinking.thinking, 'Two plus two is four.');
    assert.equal(text.text, 'It is 4.');
    assert.equal(lastChatRequest().think, true);
  });

  test('a mid-stream {"error"} line ends the stream with an error event, and the record keeps the error', async () => {
    const startedAt = Date.now();
    // Paced, so that the first words are out before the error: a failure before the first byte is a plain HTTP error instead.
    ollama.scriptChat({ content: 'This answer will be cut short here.', errorAfterChunks: 3, errorMessage: 'llama runner process has terminated', chunkDelayMs: 30 });
    const stream = anthropic.messages.stream({ model: 'qwen-local', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    await assert.rejects(stream.finalMessage(), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /llama runner process has terminated/);
      return true;
    });
    assert.ok(deltas.length > 0, 'the text before the error reached the client');
    const record = await latestRecord('qwen-local', startedAt);
    assert.equal(record.status, 200, 'the headers had gone out before the error');
    assert.ok(record.errorType, 'the record names the error type');
    assert.match(record.errorMessage ?? '', /llama runner process has terminated/);
  });

  test('missing metric fields: usage is 0 instead of a crash, streaming and not', async () => {
    ollama.scriptChat({ content: 'No counters.', omitMetrics: true }, { content: 'Still none.', omitMetrics: true });
    const streamed = await anthropic.messages.stream({ model: 'qwen-local', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    assert.equal(streamed.usage.input_tokens, 0);
    assert.equal(streamed.usage.output_tokens, 0);
    const whole = await anthropic.messages.create({ model: 'qwen-local', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((whole.content[0] as { text: string }).text, 'Still none.');
    assert.equal(whole.usage.input_tokens, 0);
    assert.equal(whole.usage.output_tokens, 0);
  });
});

describe('Responses client → Ollama', () => {
  test('streaming: a function call reaches the client whole, the tool reaches Ollama, and the record says responses', async () => {
    const startedAt = Date.now();
    ollama.scriptChat({ content: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const final = await openai.responses.stream({
      model: 'llama-local',
      tools: [{ type: 'function', name: 'get_weather', parameters: tools[0]!.input_schema, strict: false }],
      input: 'Weather in Oslo?',
    }).finalResponse();
    assert.equal(final.output_text, 'Checking.');
    const call = final.output.find((item) => item.type === 'function_call');
    assert.ok(call && call.type === 'function_call');
    assert.equal(call.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.arguments), { city: 'Oslo' });
    const sent = lastChatRequest() as OllamaChatBody & { tools?: { function: { name: string } }[] };
    assert.equal(sent.tools?.[0]?.function.name, 'get_weather');
    const record = await latestRecord('llama-local', startedAt);
    assert.equal(record.clientProtocol, 'responses');
    assert.equal(record.provider, 'ollama');
  });
  test("a custom tool (Codex's apply_patch) reaches Ollama as a function taking `input`, and its call comes back as a custom_tool_call", async () => {
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n';
    ollama.scriptChat({ content: '', toolCalls: [{ name: 'apply_patch', arguments: { input: patch } }] });
    const final = await openai.responses.stream({
      model: 'llama-local',
      tools: [{ type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: /.+/s' } }, { type: 'web_search' }],
      input: 'Create hello.txt.',
    }).finalResponse();
    const call = final.output.find((item) => item.type === 'custom_tool_call');
    assert.ok(call && call.type === 'custom_tool_call');
    assert.equal(call.name, 'apply_patch');
    assert.equal(call.input, patch);
    const sent = lastChatRequest() as OllamaChatBody & { tools?: { function: { name: string; parameters: { required: string[] } } }[] };
    assert.deepEqual(sent.tools?.map((tool) => tool.function.name), ['apply_patch'], 'web_search is dropped');
    assert.deepEqual(sent.tools?.[0]?.function.parameters.required, ['input']);
  });
});

describe('OpenAI client → Ollama', () => {
  test('streaming text arrives as deltas with finish_reason stop; num_ctx and keep_alive reach Ollama', async () => {
    ollama.scriptChat({ content: 'Hi from Ollama over OpenAI.' });
    const stream = await openai.chat.completions.create({ model: 'qwen-local', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    }
    assert.ok(deltas.length > 1);
    assert.equal(deltas.join(''), 'Hi from Ollama over OpenAI.');
    assert.equal(finishReason, 'stop');
    const sent = lastChatRequest();
    assert.equal(sent.options?.num_ctx, 16384);
    assert.equal(sent.keep_alive, '15m');
  });

  test('a tool call mid-stream ends with finish_reason tool_calls and whole arguments', async () => {
    ollama.scriptChat({ content: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const stream = await openai.chat.completions.create({
      model: 'qwen-local',
      stream: true,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: tools[0]!.input_schema } }],
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    });
    let name = '';
    let argumentsText = '';
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      for (const call of choice?.delta.tool_calls ?? []) {
        name += call.function?.name ?? '';
        argumentsText += call.function?.arguments ?? '';
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    }
    assert.equal(name, 'get_weather');
    assert.deepEqual(JSON.parse(argumentsText), { city: 'Oslo' });
    assert.equal(finishReason, 'tool_calls');
  });

  test('missing metric fields: usage is 0', async () => {
    ollama.scriptChat({ content: 'No counters.', omitMetrics: true });
    const completion = await openai.chat.completions.create({ model: 'qwen-local', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'No counters.');
    assert.equal(completion.usage?.prompt_tokens ?? 0, 0);
    assert.equal(completion.usage?.completion_tokens ?? 0, 0);
  });

  test('a mid-stream {"error"} line makes the SDK iteration fail after the first words', async () => {
    ollama.scriptChat({ content: 'Cut off in the middle of it.', errorAfterChunks: 3, errorMessage: 'out of memory', chunkDelayMs: 30 });
    const stream = await openai.chat.completions.create({ model: 'qwen-local', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    await assert.rejects(async () => {
      for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? '');
    }, /out of memory/);
    assert.ok(deltas.join('').startsWith('Cut off'), 'the text before the error reached the client');
  });

  test('a custom tool reaches Ollama as a function taking `input`, and its call comes back as a custom tool call with the raw text', async () => {
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n';
    ollama.scriptChat({ content: '', toolCalls: [{ name: 'apply_patch', arguments: { input: patch } }] });
    const completion = await openai.chat.completions.create({
      model: 'llama-local',
      tools: [{ type: 'custom', custom: { name: 'apply_patch', format: { type: 'grammar', grammar: { syntax: 'lark', definition: 'start: /.+/s' } } } }],
      messages: [{ role: 'user', content: 'Create hello.txt.' }],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    assert.ok(call?.type === 'custom', `a custom tool call, not ${call?.type}`);
    assert.deepEqual(call.custom, { name: 'apply_patch', input: patch });
    const sent = lastChatRequest() as OllamaChatBody & { tools?: { function: { name: string; parameters: { required: string[] } } }[] };
    assert.deepEqual(sent.tools?.map((tool) => tool.function.name), ['apply_patch']);
    assert.deepEqual(sent.tools?.[0]?.function.parameters.required, ['input']);
  });
});
