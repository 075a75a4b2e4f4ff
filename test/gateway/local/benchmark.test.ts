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

test('an Ollama benchmark loads, warms up, runs N times and reads the placement from /api/ps', async () => {
  ollama.scriptChat({ content: 'hi' }, ...[1, 2, 3].map(() => ({ content: words(128), promptEvalCount: 530 })));
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

  const chatRequests = ollama.requests.filter((request) => request.path === '/api/chat').slice(-3);
  for (const request of chatRequests) {
    const options = (request.body as { options: Record<string, unknown> }).options;
    assert.deepEqual({ num_ctx: options.num_ctx, num_predict: options.num_predict, temperature: options.temperature }, { num_ctx: 8192, num_predict: 128, temperature: 0 });
  }
  assert.deepEqual(progress.map((event) => event.phase), ['load', 'warmup', 'prompt', 'generate', 'prompt', 'generate', 'prompt', 'generate', 'done']);
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
