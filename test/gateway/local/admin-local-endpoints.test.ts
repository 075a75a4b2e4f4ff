/**
 * /admin/local/* of a real gateway against the in-test Ollama: status, models, pulls with
 * `pull.progress` events and cancel, load/unload, delete, fit, catalog, benchmarks with
 * `bench.progress`, and exposing a pulled model as a deployment that the next request uses.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { parse as parseYaml } from 'yaml';
import {
  benchResultSchema, catalogResponseSchema, exposeResponseSchema, fitResponseSchema, localModelSchema, localStatusResponseSchema,
} from '../../../gateway/admin/contract.ts';
import { openAdminEventStream, type AdminEventStream } from '../../helpers/admin-event-stream.ts';
import { DEFAULT_OLLAMA_CONTEXT } from '../../../gateway/config/schema.ts';
import { createTestModel, startOllamaTestServer, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';
import { startTestGateway, TEST_MASTER_KEY, type TestGateway } from '../../helpers/start-test-gateway.ts';

let ollama: OllamaTestServer;
let harness: TestGateway;
let events: AdminEventStream;

before(async () => {
  ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b')], pull: { stepsPerLayer: 4, stepDelayMs: 5 } });
  harness = await startTestGateway(`
model_list: []
general_settings: { master_key: ${TEST_MASTER_KEY} }
gatehouse:
  ollama: { host: ${ollama.url}, keep_alive: 20m }
`);
  events = await openAdminEventStream(harness.gateway.url, harness.gateway.adminToken);
});

after(async () => {
  events.close();
  await harness.stop();
  await ollama.close();
});

async function admin(path: string, init: { method?: string; json?: unknown } = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${harness.gateway.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${harness.gateway.adminToken}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const installedNames = async () => {
  const { body } = await admin('/admin/local/models');
  return (body as { models: unknown[] }).models.map((model) => localModelSchema.parse(model).name);
};

describe('admin local endpoints against the test Ollama', () => {
  test('status: running, with its version and address, not started by us', async () => {
    const { status, body } = await admin('/admin/local/status');
    assert.equal(status, 200);
    const local = localStatusResponseSchema.parse(body);
    assert.equal(local.state, 'running');
    assert.equal(local.version, '0.13.5');
    assert.equal(local.host, ollama.url);
    assert.equal(local.managed, false);
    assert.equal(local.message, null);
  });

  test('models: the installed ones, with size, quantization and a fit verdict', async () => {
    const { body } = await admin('/admin/local/models');
    const [model] = (body as { models: unknown[] }).models.map((entry) => localModelSchema.parse(entry));
    assert.equal(model?.name, 'qwen3:8b');
    assert.ok((model?.sizeBytes ?? 0) > 0);
    assert.ok(model?.quantization);
    assert.equal(model?.loaded, false);
    assert.equal(model?.group, null, 'not exposed yet');
  });

  test('pull: 202 with a job id, pull.progress events up to success, then the model is installed', async () => {
    const { status, body } = await admin('/admin/local/pull', { method: 'POST', json: { model: 'gemma3:4b' } });
    assert.equal(status, 202);
    const { jobId } = body as { jobId: string };
    const finished = await events.next('pull.progress', (event) => event.jobId === jobId && event.done);
    assert.equal(finished.status, 'success');
    assert.equal(finished.error, null);
    const progress = events.events.filter((event) => event.type === 'pull.progress' && event.jobId === jobId);
    assert.ok(progress.length >= 2, 'a starting event and the final one at least');
    assert.ok((await installedNames()).includes('gemma3:4b'));
  });

  test('pull cancel: the job ends as cancelled and nothing is installed', async () => {
    ollama.setPullBehaviour({ stepsPerLayer: 200, stepDelayMs: 20 });
    try {
      const { body } = await admin('/admin/local/pull', { method: 'POST', json: { model: 'llama3.2:3b' } });
      const { jobId } = body as { jobId: string };
      await events.next('pull.progress', (event) => event.jobId === jobId && event.completed > 0);
      const cancel = await admin('/admin/local/pull/llama3.2:3b', { method: 'DELETE' });
      assert.deepEqual(cancel.body, { cancelled: true });
      const ended = await events.next('pull.progress', (event) => event.jobId === jobId && event.done);
      assert.equal(ended.status, 'cancelled');
      assert.equal(ended.error, null);
      assert.ok(!(await installedNames()).includes('llama3.2:3b'));
    } finally {
      ollama.setPullBehaviour({ stepsPerLayer: 4, stepDelayMs: 5 });
    }
  });

  test('pull twice at once (a double click): one job, one download, and cancel stops it', async () => {
    ollama.setPullBehaviour({ stepsPerLayer: 200, stepDelayMs: 20 });
    try {
      const pullsBefore = ollama.requests.filter((request) => request.path === '/api/pull').length;
      const [first, second] = await Promise.all([
        admin('/admin/local/pull', { method: 'POST', json: { model: 'qwen3:4b' } }),
        admin('/admin/local/pull', { method: 'POST', json: { model: 'qwen3:4b' } }),
      ]);
      const { jobId } = first.body as { jobId: string };
      assert.equal((second.body as { jobId: string }).jobId, jobId);
      await events.next('pull.progress', (event) => event.jobId === jobId && event.completed > 0);
      assert.equal(ollama.requests.filter((request) => request.path === '/api/pull').length - pullsBefore, 1);
      assert.deepEqual((await admin('/admin/local/pull/qwen3:4b', { method: 'DELETE' })).body, { cancelled: true });
      const ended = await events.next('pull.progress', (event) => event.jobId === jobId && event.done);
      assert.equal(ended.status, 'cancelled');
    } finally {
      ollama.setPullBehaviour({ stepsPerLayer: 4, stepDelayMs: 5 });
    }
  });

  test('load with keep_alive, then unload', async () => {
    const loaded = await admin('/admin/local/models/qwen3:8b/load', { method: 'POST', json: { keepAlive: '30m' } });
    assert.deepEqual(loaded.body, { name: 'qwen3:8b', loaded: true });
    assert.deepEqual(ollama.loadedModels(), ['qwen3:8b']);
    const loadRequest = ollama.requests.filter((request) => request.path === '/api/generate').at(-1);
    assert.equal((loadRequest?.body as { keep_alive?: string }).keep_alive, '30m');
    const unloaded = await admin('/admin/local/models/qwen3:8b/unload', { method: 'POST', json: {} });
    assert.deepEqual(unloaded.body, { name: 'qwen3:8b', loaded: false });
    assert.deepEqual(ollama.loadedModels(), []);
  });

  test('delete removes the model; deleting it again is a 404', async () => {
    assert.equal((await admin('/admin/local/models/gemma3:4b', { method: 'DELETE' })).status, 204);
    assert.ok(!(await installedNames()).includes('gemma3:4b'));
    assert.equal((await admin('/admin/local/models/gemma3:4b', { method: 'DELETE' })).status, 404);
  });

  test('fit: an installed model at a given context, a catalog model not pulled, and 404 for neither', async () => {
    const installed = fitResponseSchema.parse((await admin('/admin/local/fit?model=qwen3:8b&context=8192')).body);
    assert.equal(installed.context, 8192);
    assert.ok(installed.weightsBytes > 0 && installed.kvCacheBytes > 0);
    assert.ok(['gpu', 'partial', 'cpu', 'no'].includes(installed.verdict));
    const fromCatalog = fitResponseSchema.parse((await admin('/admin/local/fit?model=gpt-oss:20b')).body);
    assert.equal(fromCatalog.weightsBytes, 14e9, 'the catalog\'s download size');
    assert.equal((await admin('/admin/local/fit?model=no-such-model:1b')).status, 404);
  });

  test('catalog: recommendations with a fit verdict, installed ones marked', async () => {
    const catalog = catalogResponseSchema.parse((await admin('/admin/local/catalog')).body);
    assert.ok(catalog.models.length > 0);
    assert.ok(catalog.models.every((model) => model.installed === (model.name === 'qwen3:8b')));
  });

  test('bench: 202, bench.progress through the phases to done, and the stored result with rates', async () => {
    const { status, body } = await admin('/admin/local/bench', { method: 'POST', json: { model: 'qwen3:8b', runs: 2 } });
    assert.equal(status, 202);
    const { id } = body as { id: string };
    const done = await events.next('bench.progress', (event) => event.id === id && event.phase === 'done');
    assert.equal(done.result?.status, 'done');
    const phases = new Set(events.events.flatMap((event) => (event.type === 'bench.progress' && event.id === id ? [event.phase] : [])));
    for (const phase of ['load', 'warmup', 'prompt', 'depth', 'tools', 'done'] as const) assert.ok(phases.has(phase), `saw ${phase}`);
    const progress = events.events.flatMap((event) => (event.type === 'bench.progress' && event.id === id ? [event] : []));
    assert.ok(progress.every((event) => event.kind === 'ollama'));
    assert.deepEqual(progress.filter((event) => event.depthTokens !== null).map((event) => [event.phase, event.depthTokens]), [['depth', 16_384]], 'the depth run says its size');
    const results = ((await admin('/admin/local/bench')).body as { results: unknown[] }).results.map((result) => benchResultSchema.parse(result));
    const stored = results.find((result) => result.id === id);
    assert.ok(stored && stored.generationTokensPerSecond !== null && stored.promptTokensPerSecond !== null);
    assert.equal(stored.depth?.targetTokens, 16_384, 'the 16k cap: half the default context is more');
    assert.ok(stored.depth.promptTokensPerSecond !== null && stored.depth.ttftMs !== null);
    assert.deepEqual(stored.toolCall, done.result?.toolCall);
    assert.equal(stored.toolCall?.tool, 'Read');
    assert.equal(stored.numCtx, DEFAULT_OLLAMA_CONTEXT, 'no deployment serves it yet: the gateway default context');
    assert.equal((await admin(`/admin/local/bench/${id}`, { method: 'DELETE' })).status, 204);
  });

  test('bench with depth: false skips the long-prompt run and stores no depth run; the tool-call test still runs', async () => {
    const { status, body } = await admin('/admin/local/bench', { method: 'POST', json: { model: 'qwen3:8b', runs: 1, depth: false } });
    assert.equal(status, 202);
    const { id } = body as { id: string };
    const done = await events.next('bench.progress', (event) => event.id === id && event.phase === 'done');
    const phases = events.events.flatMap((event) => (event.type === 'bench.progress' && event.id === id ? [event.phase] : []));
    assert.ok(!phases.includes('depth'), phases.join(' '));
    assert.ok(phases.includes('tools'));
    assert.equal(done.result?.depth, null);
    const stored = ((await admin('/admin/local/bench')).body as { results: unknown[] }).results.map((result) => benchResultSchema.parse(result)).find((result) => result.id === id);
    assert.equal(stored?.depth, null);
    assert.equal(stored?.toolCall?.tool, 'Read');
    await admin(`/admin/local/bench/${id}`, { method: 'DELETE' });
  });

  test('expose: one call writes an ollama_chat/ deployment with num_ctx from the fit estimator, and the next request uses it', async () => {
    const { status, body } = await admin('/admin/local/models/qwen3:8b/expose', { method: 'POST', json: {} });
    assert.equal(status, 200);
    const { deployment } = exposeResponseSchema.parse(body);
    assert.equal(deployment.group, 'qwen3:8b');

    const saved = parseYaml(readFileSync(harness.configPath, 'utf8')) as { model_list: { model_name: string; litellm_params: { model: string; api_base: string; num_ctx: number } }[] };
    const entry = saved.model_list.find((candidate) => candidate.model_name === 'qwen3:8b');
    assert.equal(entry?.litellm_params.model, 'ollama_chat/qwen3:8b');
    assert.equal(entry?.litellm_params.api_base, ollama.url);
    const fit = fitResponseSchema.parse((await admin('/admin/local/fit?model=qwen3:8b')).body);
    assert.equal(entry?.litellm_params.num_ctx, fit.context, 'the context the estimator recommends for this machine');

    const anthropic = new Anthropic({ apiKey: TEST_MASTER_KEY, baseURL: harness.gateway.url, maxRetries: 0 });
    ollama.scriptChat({ content: 'Served by the exposed model.' });
    const message = await anthropic.messages.create({ model: 'qwen3:8b', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((message.content[0] as { text: string }).text, 'Served by the exposed model.');
    const sent = ollama.requests.filter((request) => request.path === '/api/chat').at(-1)?.body as { model: string; options?: { num_ctx?: number } };
    assert.equal(sent.model, 'qwen3:8b');
    assert.equal(sent.options?.num_ctx, entry?.litellm_params.num_ctx);

    const listed = ((await admin('/admin/local/models')).body as { models: unknown[] }).models.map((model) => localModelSchema.parse(model));
    assert.equal(listed.find((model) => model.name === 'qwen3:8b')?.group, 'qwen3:8b');
    assert.equal((await admin('/admin/local/models/qwen3:8b/expose', { method: 'POST', json: {} })).status, 409, 'exposed once only');
  });

  test('expose with an explicit group and context; a model Ollama lacks is a 404', async () => {
    ollama.setModels([...ollama.models(), createTestModel('llama3.1:8b')]);
    const { body } = await admin('/admin/local/models/llama3.1:8b/expose', { method: 'POST', json: { group: 'local-llama', contextLength: 8192 } });
    assert.equal(exposeResponseSchema.parse(body).deployment.group, 'local-llama');
    const saved = readFileSync(harness.configPath, 'utf8');
    assert.match(saved, /model_name: local-llama/);
    assert.match(saved, /num_ctx: 8192/);
    assert.equal((await admin('/admin/local/models/missing:1b/expose', { method: 'POST', json: {} })).status, 404);
  });

  test('load of an exposed model uses the num_ctx its deployment sends, so the first request does not reload it', async () => {
    const loaded = await admin('/admin/local/models/llama3.1:8b/load', { method: 'POST', json: {} });
    assert.equal(loaded.status, 200);
    const loadRequest = ollama.requests.filter((request) => request.path === '/api/generate').at(-1)?.body as { model: string; options?: { num_ctx?: number } };
    assert.equal(loadRequest.model, 'llama3.1:8b');
    assert.equal(loadRequest.options?.num_ctx, 8192);
    await admin('/admin/local/models/llama3.1:8b/unload', { method: 'POST', json: {} });
  });

  test('bench of an exposed model loads and measures it with the num_ctx and keep_alive its deployment sends, and says which', async () => {
    const sentBefore = ollama.requests.length;
    const { body } = await admin('/admin/local/bench', { method: 'POST', json: { model: 'llama3.1:8b', runs: 1 } });
    const { id } = body as { id: string };
    const done = await events.next('bench.progress', (event) => event.id === id && event.phase === 'done');
    assert.equal(done.result?.numCtx, 8192);
    const sent = ollama.requests.slice(sentBefore).filter((request) => request.path === '/api/generate' || request.path === '/api/chat')
      .map((request) => request.body as { options?: { num_ctx?: number }; keep_alive?: string });
    assert.ok(sent.length >= 3, 'the load, the warm-up and one run');
    for (const request of sent) assert.deepEqual({ numCtx: request.options?.num_ctx, keepAlive: request.keep_alive }, { numCtx: 8192, keepAlive: '20m' });
    assert.ok(ollama.loadedModels().includes('llama3.1:8b'));
    await admin('/admin/local/models/llama3.1:8b/unload', { method: 'POST', json: {} });
    await admin(`/admin/local/bench/${id}`, { method: 'DELETE' });
  });
});
