import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { OllamaClient, toLoadedModel } from '../../../gateway/local/ollama/ollama-client.ts';
import type { PullProgress } from '../../../gateway/local/ollama/pull-progress.ts';
import { createTestModel, startOllamaTestServer, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';

let ollama: OllamaTestServer;
let client: OllamaClient;

before(async () => {
  ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b'), createTestModel('llama3.1:8b', { quantizationLevel: 'Q8_0' })], version: '0.12.6' });
  client = new OllamaClient({ baseUrl: ollama.url });
});
after(() => ollama.close());

test('a running server is detected and reports its version', async () => {
  assert.equal(await client.isRunning(), true);
  assert.equal(await client.version(), '0.12.6');
});

test('nothing listening is "not running", and calls fail with an actionable unreachable error', async () => {
  const silent = new OllamaClient({ baseUrl: 'http://127.0.0.1:9', requestTimeoutMs: 2_000 });
  assert.equal(await silent.isRunning(), false);
  await assert.rejects(silent.listModels(), (error: unknown) => {
    assert.ok(GatewayError.isInstance(error));
    assert.equal(error.type, 'provider_unreachable');
    assert.match(error.message, /not answering at http:\/\/127\.0\.0\.1:9.*ollama serve/);
    return true;
  });
});

test('tags list size, family, parameter size and quantization', async () => {
  const models = await client.listModels();
  const llama = models.find((model) => model.name === 'llama3.1:8b');
  assert.ok(llama);
  assert.equal(llama.family, 'llama3.1');
  assert.equal(llama.parameterSize, '8B');
  assert.equal(llama.quantization, 'Q8_0');
  assert.ok(llama.sizeBytes > 1e9);
});

test('load, ps with context length, then unload', async () => {
  const loaded = await client.load('qwen3:8b', { numCtx: 8192, keepAlive: '5m' });
  // The test server, like some Ollama versions, omits load_duration on a load: unknown, not 0.
  assert.equal(loaded.loadDurationMs, null);
  const running = await client.listLoaded();
  assert.equal(running.length, 1);
  assert.equal(running[0]?.contextLength, 8192);
  assert.equal(running[0]?.gpuFraction, 1);
  await client.unload('qwen3:8b');
  assert.deepEqual(await client.listLoaded(), []);
});

test('ps splits a spilled model into VRAM and RAM', () => {
  const spilled = toLoadedModel({ name: 'qwen3:32b', model: 'qwen3:32b', size: 20_000, size_vram: 9_600, context_length: 32768 });
  assert.equal(spilled.vramBytes, 9_600);
  assert.equal(spilled.ramBytes, 10_400);
  assert.equal(spilled.gpuFraction, 0.48);
  const oldServer = toLoadedModel({ name: 'x', model: 'x', size: 100 });
  assert.equal(oldServer.vramBytes, null);
  assert.equal(oldServer.ramBytes, null);
  assert.equal(oldServer.gpuFraction, null);
  assert.equal(oldServer.contextLength, null);
});

test('show returns model_info for the fit estimator', async () => {
  const show = await client.show('qwen3:8b');
  assert.equal(show.model_info?.['general.architecture'], 'qwen3');
  assert.equal(show.model_info?.['qwen3.block_count'], 36);
});

test('an unknown model is a 404 that says to pull it', async () => {
  await assert.rejects(client.show('nope:1b'), (error: unknown) => {
    assert.ok(GatewayError.isInstance(error));
    assert.equal(error.type, 'caller_not_found');
    assert.match(error.message, /ollama pull nope:1b/);
    return true;
  });
});

test('pull sums progress over layers and ends in success', async () => {
  ollama.setPullBehaviour({ failAfterLines: undefined, stepDelayMs: 0 });
  const updates: PullProgress[] = [];
  const final = await client.pull('gemma3:4b', { onProgress: (progress) => updates.push(progress) });
  assert.equal(final.done, true);
  assert.equal(final.fraction, 1);
  assert.equal(final.layerCount, 4);
  const model = ollama.models().find((entry) => entry.name === 'gemma3:4b');
  assert.ok(model);
  // The weights layer dominates; config, template and licence layers add a few kilobytes.
  assert.ok(final.totalBytes >= model.sizeBytes && final.totalBytes < model.sizeBytes + 100_000);
  assert.equal(final.completedBytes, final.totalBytes);
  // Overall progress never goes backwards even though each layer restarts from 0.
  for (let index = 1; index < updates.length; index += 1) assert.ok(updates[index]!.completedBytes >= updates[index - 1]!.completedBytes);
  assert.equal(updates[0]?.status, 'pulling manifest');
});

test('a mid-pull error line becomes a stream-interrupted error with Ollama\'s text, and pulling again resumes', async () => {
  ollama.setPullBehaviour({ failAfterLines: 6 });
  const updates: PullProgress[] = [];
  await assert.rejects(client.pull('devstral:24b', { onProgress: (progress) => updates.push(progress) }), (error: unknown) => {
    assert.ok(GatewayError.isInstance(error));
    assert.equal(error.type, 'provider_stream_interrupted');
    assert.match(error.message, /unexpected EOF/);
    return true;
  });
  assert.ok(updates.at(-1)!.completedBytes > 0);
  ollama.setPullBehaviour({ failAfterLines: undefined });
  assert.equal((await client.pull('devstral:24b')).done, true);
});

test('a pull cancels through its AbortSignal with the signal\'s reason', async () => {
  ollama.setPullBehaviour({ failAfterLines: undefined, stepDelayMs: 20 });
  const controller = new AbortController();
  const pulled = client.pull('qwen3:14b', {
    signal: controller.signal,
    onProgress: (progress) => {
      if (progress.completedBytes > 0) controller.abort(new Error('user cancelled'));
    },
  });
  await assert.rejects(pulled, /user cancelled/);
  ollama.setPullBehaviour({ stepDelayMs: 0 });
  assert.equal(ollama.models().some((model) => model.name === 'qwen3:14b'), false);
});

test('delete removes a model; deleting it again is a 404', async () => {
  await client.pull('llama3.2:3b');
  await client.deleteModel('llama3.2:3b');
  assert.equal((await client.listModels()).some((model) => model.name === 'llama3.2:3b'), false);
  await assert.rejects(client.deleteModel('llama3.2:3b'), (error: unknown) => GatewayError.isInstance(error) && error.status === 404);
});

test('chat streams chunks and turns a mid-stream {"error"} line into a thrown error', async () => {
  ollama.scriptChat({ content: 'one two three' }, { content: 'one two three four', errorAfterChunks: 2, errorMessage: 'model runner has unexpectedly stopped' });
  const request = { model: 'qwen3:8b', messages: [{ role: 'user' as const, content: 'hi' }] };
  const chunks = [];
  for await (const chunk of client.chat(request)) chunks.push(chunk);
  assert.equal(chunks.at(-1)?.done, true);
  assert.equal(typeof chunks.at(-1)?.eval_count, 'number');
  await assert.rejects(async () => {
    for await (const _chunk of client.chat(request)) { /* drain */ }
  }, (error: unknown) => GatewayError.isInstance(error) && error.type === 'provider_stream_interrupted' && /unexpectedly stopped/.test(error.message));
});
