import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { createTestModel, startOllamaTestServer, type OllamaTestServer } from './ollama-test-server.ts';
import { createNdjsonParser } from '../../gateway/protocol/ndjson/create-ndjson-parser.ts';
import { createOllamaToAnthropicStreamConverter } from '../../gateway/protocol/ollama-to-anthropic/create-stream-converter.ts';
import type { OllamaChatChunk } from '../../gateway/protocol/ollama/types.ts';

let ollama: OllamaTestServer;

before(async () => {
  ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b'), createTestModel('llama3.2:3b', { capabilities: ['completion', 'tools'] })] });
});
after(() => ollama.close());

async function call(method: 'GET' | 'HEAD' | 'POST' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${ollama.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text };
}

async function callJson(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const response = await call(method, path, body);
  return { status: response.status, json: response.text === '' ? undefined : JSON.parse(response.text) };
}

function lines(text: string): Record<string, unknown>[] {
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('HEAD / and GET / answer "Ollama is running"; /api/version answers the version; unknown paths 404', async () => {
  assert.equal((await call('HEAD', '/')).status, 200);
  assert.equal((await call('GET', '/')).text, 'Ollama is running');
  assert.deepEqual((await callJson('GET', '/api/version')).json, { version: '0.13.5' });
  ollama.setVersion('0.14.2');
  assert.deepEqual((await callJson('GET', '/api/version')).json, { version: '0.14.2' });
  assert.equal((await call('GET', '/api/nothing')).status, 404);
});

test('a foreign Host header is refused with 403, as Ollama does on loopback', async () => {
  assert.equal((await call('GET', '/api/version', undefined, { host: 'evil.example.com' })).status, 403);
  assert.equal((await call('GET', '/api/version', undefined, { host: 'localhost:11434' })).status, 200);
});

test('/api/tags lists installed models with details; /api/show gives the fit-maths keys', async () => {
  const tags = (await callJson('GET', '/api/tags')).json as { models: Record<string, unknown>[] };
  assert.deepEqual(tags.models.map((model) => model.name), ['qwen3:8b', 'llama3.2:3b']);
  const qwen = tags.models[0]!;
  assert.equal(typeof qwen.size, 'number');
  assert.match(String(qwen.digest), /^[0-9a-f]{64}$/);
  assert.deepEqual(qwen.details, { parent_model: '', format: 'gguf', family: 'qwen3', families: ['qwen3'], parameter_size: '8B', quantization_level: 'Q4_K_M' });

  const show = await callJson('POST', '/api/show', { model: 'qwen3:8b' });
  assert.equal(show.status, 200);
  assert.equal(show.json.model_info['general.parameter_count'], 8e9);
  for (const key of ['qwen3.block_count', 'qwen3.attention.head_count_kv', 'qwen3.embedding_length', 'qwen3.context_length']) assert.equal(typeof show.json.model_info[key], 'number', key);
  assert.equal(show.json.details.quantization_level, 'Q4_K_M');
  assert.deepEqual(show.json.capabilities, ['completion', 'tools', 'thinking']);
  assert.equal((await callJson('POST', '/api/show', { model: 'missing:1b' })).status, 404);
});

test('/api/generate with an empty prompt loads the model; keep_alive 0 unloads it; /api/ps follows', async () => {
  const load = await callJson('POST', '/api/generate', { model: 'llama3.2:3b', keep_alive: '5m', options: { num_ctx: 8192 } });
  assert.equal(load.json.done_reason, 'load');
  const ps = (await callJson('GET', '/api/ps')).json as { models: Record<string, unknown>[] };
  const loaded = ps.models.find((model) => model.name === 'llama3.2:3b');
  assert.ok(loaded);
  assert.equal(loaded.context_length, 8192);
  assert.equal(loaded.size_vram, loaded.size);
  assert.ok(Date.parse(String(loaded.expires_at)) > Date.now());
  const unload = await callJson('POST', '/api/generate', { model: 'llama3.2:3b', keep_alive: 0 });
  assert.equal(unload.json.done_reason, 'unload');
  assert.ok(!ollama.loadedModels().includes('llama3.2:3b'));
});

test('/api/chat without stream:false streams NDJSON: thinking, content, a whole tool call, then metrics in ns', async () => {
  ollama.scriptChat({ thinking: 'Run it.', content: 'Running now.', toolCalls: [{ id: 'call_1', name: 'Bash', arguments: { command: 'ls' } }], promptEvalCount: 42 });
  const response = await call('POST', '/api/chat', { model: 'qwen3:8b', messages: [{ role: 'user', content: 'ls' }] });
  assert.equal(response.headers['content-type'], 'application/x-ndjson');
  const chunks = lines(response.text);
  assert.ok(chunks.slice(0, -1).every((chunk) => chunk.done === false && chunk.model === 'qwen3:8b' && typeof chunk.created_at === 'string'));
  assert.deepEqual(chunks.map((chunk) => (chunk.message as { thinking?: string }).thinking ?? '').join(''), 'Run it.');
  assert.deepEqual(chunks.map((chunk) => (chunk.message as { content: string }).content).join(''), 'Running now.');
  assert.deepEqual((chunks.at(-2)!.message as { tool_calls: unknown }).tool_calls, [{ id: 'call_1', function: { index: 0, name: 'Bash', arguments: { command: 'ls' } } }]);
  const final = chunks.at(-1)!;
  assert.equal(final.done, true);
  assert.equal(final.done_reason, 'stop');
  assert.equal(final.prompt_eval_count, 42);
  for (const field of ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_count', 'eval_duration']) assert.equal(typeof final[field], 'number', field);
  assert.ok((final.eval_duration as number) > 1e6, 'durations are nanoseconds');
  assert.deepEqual(ollama.requests.at(-1)?.body, { model: 'qwen3:8b', messages: [{ role: 'user', content: 'ls' }] });
});

test('the scripted stream converts to a tool_use turn through the gateway converters', async () => {
  ollama.scriptChat({ content: 'Checking.', toolCalls: [{ name: 'Read', arguments: { path: 'a.txt' } }] });
  const response = await call('POST', '/api/chat', { model: 'qwen3:8b', messages: [{ role: 'user', content: 'read a.txt' }], stream: true });
  const parser = createNdjsonParser();
  const converter = createOllamaToAnthropicStreamConverter({ model: 'claude-sonnet-5', messageId: 'msg_1', idFactory: () => 'toolu_1' });
  const events = [...parser.push(response.text), ...parser.end()].flatMap((chunk) => converter.process(chunk as OllamaChatChunk));
  const delta = events.find((event) => event.type === 'message_delta');
  assert.equal(delta?.type === 'message_delta' && delta.delta.stop_reason, 'tool_use');
  assert.ok(converter.usage().output_tokens > 0);
});

test('stream:false gives one object; omitMetrics leaves fields out as Ollama does', async () => {
  ollama.scriptChat({ content: 'Hi there.', omitMetrics: ['prompt_eval_count', 'prompt_eval_duration'] });
  const response = await callJson('POST', '/api/chat', { model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }], stream: false });
  assert.equal(response.json.message.content, 'Hi there.');
  assert.equal(response.json.done, true);
  assert.equal('prompt_eval_count' in response.json, false);
  assert.equal(typeof response.json.eval_count, 'number');
  ollama.scriptChat({ content: 'x', omitMetrics: true });
  const bare = await callJson('POST', '/api/chat', { model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }], stream: false });
  assert.deepEqual(Object.keys(bare.json).sort(), ['created_at', 'done', 'done_reason', 'message', 'model']);
});

test('a mid-stream error arrives as an {"error"} line under HTTP 200; scripted HTTP errors and unknown models are statuses', async () => {
  ollama.scriptChat({ content: 'one two three', errorAfterChunks: 2, errorMessage: 'model runner crashed' });
  const response = await call('POST', '/api/chat', { model: 'qwen3:8b', messages: [{ role: 'user', content: 'go' }] });
  assert.equal(response.status, 200);
  const chunks = lines(response.text);
  assert.equal(chunks.length, 3);
  assert.deepEqual(chunks[2], { error: 'model runner crashed' });

  ollama.scriptChat({ httpStatus: 503, httpError: 'server busy' });
  const busy = await callJson('POST', '/api/chat', { model: 'qwen3:8b', messages: [{ role: 'user', content: 'go' }] });
  assert.deepEqual([busy.status, busy.json], [503, { error: 'server busy' }]);

  const missing = await callJson('POST', '/api/chat', { model: 'nope:1b', messages: [{ role: 'user', content: 'go' }] });
  assert.deepEqual([missing.status, missing.json], [404, { error: 'model "nope:1b" not found, try pulling it first' }]);
});

test('/api/pull streams per-layer progress then success and installs the model; a mid-pull error is a line', async () => {
  ollama.setPullBehaviour({ stepsPerLayer: 2, stepDelayMs: 1 });
  const pull = await call('POST', '/api/pull', { model: 'gemma3:4b' });
  const progress = lines(pull.text);
  assert.deepEqual(progress[0], { status: 'pulling manifest' });
  const firstLayer = progress[1]!;
  assert.match(String(firstLayer.status), /^pulling [0-9a-f]{12}$/);
  assert.equal('completed' in firstLayer, false, 'the first line of a layer has no completed yet');
  const digests = new Set(progress.filter((line) => line.digest).map((line) => line.digest));
  assert.equal(digests.size, 4);
  for (const line of progress.filter((candidate) => candidate.completed !== undefined)) assert.ok((line.completed as number) <= (line.total as number));
  assert.deepEqual(progress.slice(-4).map((line) => line.status), ['verifying sha256 digest', 'writing manifest', 'removing any unused layers', 'success']);
  assert.ok(ollama.models().some((model) => model.name === 'gemma3:4b'));

  ollama.setPullBehaviour({ failAfterLines: 3, errorMessage: 'connection reset' });
  const failed = lines((await call('POST', '/api/pull', { model: 'phi4:14b' })).text);
  assert.equal(failed.length, 4);
  assert.deepEqual(failed.at(-1), { error: 'connection reset' });
  assert.ok(!ollama.models().some((model) => model.name === 'phi4:14b'));
  ollama.setPullBehaviour({ failAfterLines: undefined });
});

test('/api/delete removes a model (200) and answers 404 for one that does not exist', async () => {
  assert.equal((await call('DELETE', '/api/delete', { model: 'gemma3:4b' })).status, 200);
  assert.ok(!ollama.models().some((model) => model.name === 'gemma3:4b'));
  assert.deepEqual(await callJson('DELETE', '/api/delete', { model: 'gemma3:4b' }), { status: 404, json: { error: "model 'gemma3:4b' not found" } });
});
