import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OllamaClient } from '../../../gateway/local/ollama/ollama-client.ts';
import { runOllamaBenchmark } from '../../../gateway/local/bench/run-ollama-benchmark.ts';
import { runEndpointBenchmark } from '../../../gateway/local/bench/run-endpoint-benchmark.ts';
import { summarise, tokensPerSecond } from '../../../gateway/local/bench/benchmark-statistics.ts';
import { benchmarkPrompt } from '../../../gateway/local/bench/benchmark-prompts.ts';
import type { BenchmarkProgress, BenchmarkResult } from '../../../gateway/local/bench/benchmark-types.ts';
import { openDatabase } from '../../../gateway/store/sqlite-database.ts';
import { SqliteBenchmarkStore } from '../../../gateway/store/sqlite-benchmark-store.ts';
import { createTestModel, startOllamaTestServer, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';
import { anthropicTextStream, openaiTextStream, startMockUpstream, type MockUpstream } from '../../helpers/mock-upstream.ts';

let ollama: OllamaTestServer;
let upstream: MockUpstream;
before(async () => {
  ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b')], version: '0.12.6' });
  upstream = await startMockUpstream();
});
after(async () => {
  await ollama.close();
  await upstream.close();
});

const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index}`).join(' ');

test('rates come from Ollama\'s nanosecond counters; a missing counter is unknown, never 0', () => {
  assert.equal(tokensPerSecond(128, 1_000_000_000), 128);
  assert.equal(tokensPerSecond(undefined, 1_000_000_000), null);
  assert.equal(tokensPerSecond(128, undefined), null);
  assert.equal(tokensPerSecond(128, 0), null);
  assert.deepEqual(summarise([null, null]), null);
  assert.deepEqual(summarise([3, null, 1, 2]), { median: 2, mean: 2, standardDeviation: 1, samples: 3 });
});

test('each run\'s prompt differs at its start (defeating the prefix cache) and is about 512 tokens long', () => {
  const first = benchmarkPrompt(1);
  const second = benchmarkPrompt(2);
  assert.notEqual(first.slice(0, 20), second.slice(0, 20));
  const wordCount = first.split(/\s+/).length;
  assert.ok(wordCount > 350 && wordCount < 450, String(wordCount));
});

test('an Ollama benchmark loads, warms up, runs N times, then a depth run and the tool-call smoke test, and reads the placement from /api/ps', async () => {
  ollama.scriptChat(
    { content: 'hi' },
    ...[1, 2, 3].map(() => ({ content: words(128), promptEvalCount: 530 })),
    { content: words(64), promptEvalCount: 4100 },
    { toolCalls: [{ name: 'Read', arguments: { file_path: '/home/user/project/package.json' } }] },
  );
  const progress: BenchmarkProgress[] = [];
  const result = await runOllamaBenchmark({ client: new OllamaClient({ baseUrl: ollama.url }), model: 'qwen3:8b', runs: 3, numCtx: 8192, onProgress: (event) => progress.push(event) });
  assert.equal(result.status, 'done', result.error ?? '');
  assert.equal(result.runs.length, 3);
  assert.equal(result.ollamaVersion, '0.12.6');
  for (const run of result.runs) {
    assert.equal(run.promptTokens, 530);
    // The test server spends 0.25 ms per prompt token and 20 ms per generated one.
    assert.equal(run.promptTokensPerSecond, 4000);
    assert.equal(run.generatedTokens, 128);
    assert.equal(run.generationTokensPerSecond, 50);
    assert.ok(run.ttftMs !== null && run.ttftMs >= 0);
  }
  assert.equal(result.summary.generationTokensPerSecond?.median, 50);
  assert.equal(result.placement?.contextLength, 8192);
  assert.equal(result.placement?.gpuFraction, 1);
  assert.equal(result.quantization, 'Q4_K_M');
  assert.ok(result.loadMs !== null);

  const chatRequests = ollama.requests.filter((request) => request.path === '/api/chat').slice(-5);
  for (const request of chatRequests.slice(0, 3)) {
    const options = (request.body as { options: Record<string, unknown> }).options;
    assert.deepEqual({ num_ctx: options.num_ctx, num_predict: options.num_predict, temperature: options.temperature }, { num_ctx: 8192, num_predict: 128, temperature: 0 });
  }

  // Depth: half of num_ctx 8192 (below the 16k cap), from Ollama's counters like the short runs.
  assert.equal(result.depth?.targetTokens, 4096);
  assert.equal(result.depth?.run.promptTokens, 4100);
  assert.equal(result.depth?.run.promptTokensPerSecond, 4000);
  assert.ok(result.depth?.run.ttftMs !== null && result.depth!.run.ttftMs >= 0);
  const depthBody = chatRequests[3]!.body as { messages: { content: string }[]; options: Record<string, unknown> };
  assert.equal(depthBody.options.num_ctx, 8192);
  const depthWords = depthBody.messages[0]!.content.split(/\s+/).length;
  assert.ok(depthWords > 2800 && depthWords < 3300, `about 4096 tokens of words: ${depthWords}`);

  // The smoke test: one whole answer, one Claude-Code-shaped tool, the same context.
  assert.deepEqual(result.toolCall, { verdict: 'pass', reason: null, tool: 'Read' });
  const toolBody = chatRequests[4]!.body as { stream: boolean; tools: { function: { name: string; parameters: { required: string[] } } }[]; options: Record<string, unknown> };
  assert.equal(toolBody.stream, false);
  assert.deepEqual(toolBody.tools.map((tool) => [tool.function.name, tool.function.parameters.required]), [['Read', ['file_path']]]);
  assert.deepEqual({ num_ctx: toolBody.options.num_ctx, temperature: toolBody.options.temperature }, { num_ctx: 8192, temperature: 0 });

  assert.deepEqual(progress.map((event) => event.phase), ['load', 'warmup', 'prompt', 'generate', 'prompt', 'generate', 'prompt', 'generate', 'depth', 'tools', 'done']);
  assert.deepEqual(progress.map((event) => event.depthTokens).filter((tokens) => tokens !== null), [4096], 'the depth phase says the size it aims at, the others nothing');
  assert.equal(progress.at(-1)?.result?.id, result.id);
});

test('omitted metric fields make the rates unknown, not zero', async () => {
  ollama.scriptChat({ content: 'hi' }, { content: words(10), omitMetrics: ['eval_duration', 'prompt_eval_count'] });
  const result = await runOllamaBenchmark({ client: new OllamaClient({ baseUrl: ollama.url }), model: 'qwen3:8b', runs: 1 });
  assert.equal(result.status, 'done');
  assert.equal(result.runs[0]?.generationTokensPerSecond, null);
  assert.equal(result.runs[0]?.promptTokensPerSecond, null);
  assert.equal(result.runs[0]?.promptTokens, null);
  assert.equal(result.summary.generationTokensPerSecond, null);
});

test('a mid-stream error ends the benchmark as "error", keeping the runs already done', async () => {
  ollama.scriptChat({ content: 'hi' }, { content: words(20) }, { content: words(20), errorAfterChunks: 3, errorMessage: 'CUDA error: out of memory' });
  const result = await runOllamaBenchmark({ client: new OllamaClient({ baseUrl: ollama.url }), model: 'qwen3:8b', runs: 3 });
  assert.equal(result.status, 'error');
  assert.match(result.error ?? '', /out of memory/);
  assert.equal(result.runs.length, 1);
});

test('a benchmark cancels through its AbortSignal', async () => {
  const controller = new AbortController();
  ollama.scriptChat({ content: 'hi' }, { content: words(50), chunkDelayMs: 20 }, { content: words(50), chunkDelayMs: 20 });
  const result = await runOllamaBenchmark({
    client: new OllamaClient({ baseUrl: ollama.url }),
    model: 'qwen3:8b',
    runs: 2,
    signal: controller.signal,
    onProgress: (event) => {
      if (event.phase === 'generate') controller.abort();
    },
  });
  assert.equal(result.status, 'cancelled');
  assert.equal(result.runs.length, 0);
});

test('an unknown model fails the benchmark with the pull advice', async () => {
  const result = await runOllamaBenchmark({ client: new OllamaClient({ baseUrl: ollama.url }), model: 'missing:1b', runs: 1 });
  assert.equal(result.status, 'error');
  assert.match(result.error ?? '', /ollama pull missing:1b/);
});

test('an OpenAI-compatible endpoint: TTFT and output t/s from usage over the streamed time', async () => {
  upstream.script(() => ({ kind: 'sse', frames: openaiTextStream('The quick brown fox jumps over the lazy dog again'), delayMs: 10 }));
  const result = await runEndpointBenchmark({ protocol: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-test', model: 'gpt-mock', runs: 2 });
  assert.equal(result.status, 'done', result.error ?? '');
  assert.equal(result.kind, 'openai');
  const run = result.runs[0]!;
  assert.equal(run.generatedTokens, 7);
  assert.equal(run.promptTokensPerSecond, null);
  assert.ok(run.ttftMs !== null && run.ttftMs > 0);
  // (7 - 1) tokens over roughly 9 frame gaps of 10 ms.
  assert.ok(run.generationTokensPerSecond !== null && run.generationTokensPerSecond > 10 && run.generationTokensPerSecond < 200, String(run.generationTokensPerSecond));
  const sent = upstream.requests.at(-1)!;
  assert.equal(sent.path, '/v1/chat/completions');
  assert.equal(sent.headers.authorization, 'Bearer sk-test');
  assert.deepEqual(sent.body.stream_options, { include_usage: true });
});

test('an Anthropic endpoint: output tokens from message_delta usage; errors are reported', async () => {
  upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('Hello there from a streamed reply', 'claude-mock', { input_tokens: 520, output_tokens: 9 }), delayMs: 5 }));
  const result = await runEndpointBenchmark({ protocol: 'anthropic', baseUrl: upstream.url, apiKey: 'gw-key', bearerAuth: true, model: 'claude-mock', runs: 1 });
  assert.equal(result.status, 'done', result.error ?? '');
  assert.equal(result.runs[0]?.generatedTokens, 9);
  assert.equal(result.runs[0]?.promptTokens, 520);
  assert.ok((result.runs[0]?.generationTokensPerSecond ?? 0) > 0);
  assert.equal(upstream.requests.at(-1)?.headers.authorization, 'Bearer gw-key');

  upstream.script(() => ({ kind: 'json', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } }));
  const failed = await runEndpointBenchmark({ protocol: 'anthropic', baseUrl: upstream.url, apiKey: 'wrong', model: 'claude-mock', runs: 1 });
  assert.equal(failed.status, 'error');
  assert.match(failed.error ?? '', /401.*invalid x-api-key/);
  upstream.script(undefined);
});

test('through a gateway: the group is pinned, the result is of kind gateway, and it names each deployment that answered once', async () => {
  let answered = 0;
  upstream.script(() => {
    answered += 1;
    return { kind: 'sse', frames: anthropicTextStream('Hello from a group', 'claude-mock'), headers: { 'x-gatehouse-deployment': answered === 2 ? 'cloud-b' : 'cloud-a' } };
  });
  const result = await runEndpointBenchmark({ protocol: 'anthropic', baseUrl: upstream.url, apiKey: 'gw-key', bearerAuth: true, viaGateway: true, model: 'claude-group', runs: 2 });
  assert.equal(result.status, 'done', result.error ?? '');
  assert.equal(result.kind, 'gateway');
  assert.deepEqual(result.deployments, ['cloud-a', 'cloud-b'], 'warm-up and second run from cloud-a, the first run from cloud-b');
  assert.equal(upstream.requests.at(-1)?.headers['x-gatehouse-group'], 'claude-group');

  upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('Hello from a cloud API') }));
  const direct = await runEndpointBenchmark({ protocol: 'anthropic', baseUrl: upstream.url, apiKey: 'sk-test', model: 'claude-mock', runs: 1 });
  assert.equal(direct.kind, 'anthropic');
  assert.deepEqual(direct.deployments, []);
  assert.equal(upstream.requests.at(-1)?.headers['x-gatehouse-group'], undefined);
  upstream.script(undefined);
});

test('the SQLite store round-trips results: save, get, list newest first by model, compare, delete', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-bench-'));
  const database = openDatabase(dataDir);
  try {
    const store = new SqliteBenchmarkStore(database);
    store.migrate();
    store.migrate();
    const result = (id: string, model: string, startedAt: number): BenchmarkResult => ({
      id, kind: 'ollama', model, target: 'http://127.0.0.1:11434', startedAt, finishedAt: startedAt + 10, status: 'done', error: null,
      runsRequested: 1, runs: [{ index: 1, promptTokens: 512, promptTokensPerSecond: 900, generatedTokens: 128, generationTokensPerSecond: null, ttftMs: 80, totalMs: 300 }],
      summary: { promptTokensPerSecond: { median: 900, mean: 900, standardDeviation: 0, samples: 1 }, generationTokensPerSecond: null, ttftMs: null },
      loadMs: 1200, serverLoadMs: null, placement: { sizeBytes: 5e9, vramBytes: 2.4e9, ramBytes: 2.6e9, gpuFraction: 0.48, contextLength: 4096 },
      numCtx: 4096, quantization: 'Q4_K_M', ollamaVersion: '0.12.6', hardware: null,
      depth: { targetTokens: 2048, run: { index: 2, promptTokens: 2051, promptTokensPerSecond: 610, generatedTokens: 64, generationTokensPerSecond: 22, ttftMs: 3400, totalMs: 6300 } },
      toolCall: { verdict: 'fail', reason: 'answered in text instead of calling Read: "I cannot read files."', tool: 'Read' },
      deployments: [],
    });
    store.save(result('a', 'qwen3:8b', 1000));
    store.save(result('b', 'llama3.1:8b', 2000));
    store.save(result('c', 'qwen3:8b', 3000));
    assert.deepEqual(store.get('a'), result('a', 'qwen3:8b', 1000));
    assert.equal(store.get('zzz'), null);
    assert.deepEqual(store.list().map((entry) => entry.id), ['c', 'b', 'a']);
    assert.deepEqual(store.list({ model: 'qwen3:8b' }).map((entry) => entry.id), ['c', 'a']);
    assert.deepEqual(store.list({ limit: 1 }).map((entry) => entry.id), ['c']);
    assert.deepEqual(store.compare(['b', 'missing', 'a']).map((entry) => entry.id), ['b', 'a']);
    // A result stored before the depth run, the smoke test and group benchmarks existed has none of their fields in its JSON.
    const { depth: _depth, toolCall: _toolCall, deployments: _deployments, ...storedBefore } = result('old', 'qwen3:8b', 500);
    store.save(storedBefore as BenchmarkResult);
    assert.deepEqual(store.get('old'), { ...storedBefore, depth: null, toolCall: null, deployments: [] });
    assert.deepEqual(store.list({ model: 'qwen3:8b' }).at(-1), { ...storedBefore, depth: null, toolCall: null, deployments: [] });
    store.save({ ...result('a', 'qwen3:8b', 1000), status: 'error', error: 'boom' });
    assert.equal(store.get('a')?.error, 'boom');
    assert.equal(store.delete('a'), true);
    assert.equal(store.delete('a'), false);
    assert.equal(store.get('a'), null);
  } finally {
    database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** A server of its own, so that scripted replies a test leaves unused cannot leak into another. */
async function withOllama<T>(body: (server: OllamaTestServer) => Promise<T>): Promise<T> {
  const server = await startOllamaTestServer({ models: [createTestModel('qwen3:8b')], version: '0.12.6' });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

test('the depth run aims at 16k tokens under a large num_ctx; its missing counters are unknown, not zero', () => withOllama(async (server) => {
  server.scriptChat({ content: 'hi' }, { content: words(20) }, { content: words(20), omitMetrics: ['prompt_eval_count', 'prompt_eval_duration', 'eval_duration'] });
  const result = await runOllamaBenchmark({ client: new OllamaClient({ baseUrl: server.url }), model: 'qwen3:8b', runs: 1, numCtx: 65_536 });
  assert.equal(result.status, 'done', result.error ?? '');
  assert.equal(result.depth?.targetTokens, 16_384);
  assert.equal(result.depth?.run.promptTokens, null);
  assert.equal(result.depth?.run.promptTokensPerSecond, null);
  assert.equal(result.depth?.run.generationTokensPerSecond, null);
  const depthPrompt = (server.requests.filter((request) => request.path === '/api/chat')[2]!.body as { messages: { content: string }[] }).messages[0]!.content;
  assert.ok(depthPrompt.split(/\s+/).length > 12_000, 'about 16k tokens of words');
  assert.notEqual(depthPrompt.slice(0, 12), benchmarkPrompt(1).slice(0, 12), 'starts unlike the short run, so no prefix is cached');
}));

test('depth: false skips the long-prompt run: no depth phase, no depth result, the smoke test still runs', () => withOllama(async (server) => {
  server.scriptChat({ content: 'hi' }, { content: words(5) }, { toolCalls: [{ name: 'Read', arguments: { file_path: '/home/user/project/package.json' } }] });
  const progress: BenchmarkProgress[] = [];
  const result = await runOllamaBenchmark({ client: new OllamaClient({ baseUrl: server.url }), model: 'qwen3:8b', runs: 1, depth: false, onProgress: (event) => progress.push(event) });
  assert.equal(result.status, 'done', result.error ?? '');
  assert.equal(result.depth, null);
  assert.equal(result.toolCall?.verdict, 'pass');
  assert.deepEqual(progress.map((event) => event.phase), ['load', 'warmup', 'prompt', 'generate', 'tools', 'done']);
  assert.equal(server.requests.filter((request) => request.path === '/api/chat').length, 3, 'warm-up, one run, the smoke test');
}));

test('a cancel during the depth run stops it: no depth result, no smoke test', () => withOllama(async (server) => {
  const controller = new AbortController();
  server.scriptChat({ content: 'hi' }, { content: words(5) }, { content: words(50), chunkDelayMs: 50 });
  const result = await runOllamaBenchmark({
    client: new OllamaClient({ baseUrl: server.url }), model: 'qwen3:8b', runs: 1, signal: controller.signal,
    onProgress: (event) => {
      if (event.phase === 'depth') setTimeout(() => controller.abort(), 30);
    },
  });
  assert.equal(result.status, 'cancelled');
  assert.equal(result.runs.length, 1, 'the short run is kept');
  assert.equal(result.depth, null);
  assert.equal(result.toolCall, null);
  assert.equal(server.requests.filter((request) => request.path === '/api/chat' && (request.body as { tools?: unknown }).tools !== undefined).length, 0);
}));

test('a cancel during the tool-call smoke test stops it and leaves no verdict', () => withOllama(async (server) => {
  const controller = new AbortController();
  server.scriptChat({ content: 'hi' }, { content: words(5) }, { content: words(5) }, { content: 'slow', headersDelayMs: 2_000 });
  const started = performance.now();
  const result = await runOllamaBenchmark({
    client: new OllamaClient({ baseUrl: server.url }), model: 'qwen3:8b', runs: 1, signal: controller.signal,
    onProgress: (event) => {
      if (event.phase === 'tools') setTimeout(() => controller.abort(), 50);
    },
  });
  assert.equal(result.status, 'cancelled');
  assert.ok(result.depth !== null, 'the depth run before it is kept');
  assert.equal(result.toolCall, null);
  assert.ok(performance.now() - started < 1_500, 'did not wait for the answer');
}));
