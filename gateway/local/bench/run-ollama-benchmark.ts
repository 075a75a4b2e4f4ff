/**
 * Benchmarks one Ollama model the way reference/desktop.md §4 prescribes: load (timed), one
 * warm-up, then N fixed runs of a ~512-token prompt and 128 generated tokens at temperature 0
 * with num_ctx pinned. Rates come from Ollama's own counters, TTFT from the client clock, the
 * VRAM/RAM split from /api/ps afterwards. Two more steps answer "is it usable for Claude
 * Code?": a depth run with a prompt as long as Claude Code's opening context, and the
 * tool-call smoke test.
 *
 * num_ctx and keep_alive should be what the gateway's own requests for the model send: Ollama
 * reloads a model whose num_ctx changes, and speed depends on the context it was loaded with,
 * so a benchmark at any other context measures a load the user never gets and leaves the
 * model loaded in a way the next real request throws away.
 */
import { DEFAULT_OLLAMA_CONTEXT } from '../../config/schema.ts';
import { GatewayError } from '../../errors/index.ts';
import type { OllamaMetrics } from '../../protocol/ollama/types.ts';
import type { OllamaClient } from '../ollama/ollama-client.ts';
import type { HardwareSnapshot } from '../hardware/hardware-types.ts';
import { benchmarkPrompt, depthPromptTokens } from './benchmark-prompts.ts';
import { tokensPerSecond } from './benchmark-statistics.ts';
import { runBenchmarkSession } from './benchmark-session.ts';
import { runToolCallSmokeTest } from './tool-call-smoke-test.ts';
import type { BenchmarkProgress, BenchmarkResult, BenchmarkRun } from './benchmark-types.ts';

export interface OllamaBenchmarkOptions {
  client: OllamaClient;
  model: string;
  runs?: number;
  /** The gateway's default context when left out, as for a deployment without num_ctx. */
  numCtx?: number;
  /** Left out, Ollama keeps the model for its own default (OLLAMA_KEEP_ALIVE, else 5 minutes). */
  keepAlive?: string | number;
  promptTokens?: number;
  generateTokens?: number;
  hardware?: HardwareSnapshot | null;
  /** False skips the depth run (minutes on a CPU), leaving `depth` null; default true. */
  depth?: boolean;
  onProgress?: (progress: BenchmarkProgress) => void;
  signal?: AbortSignal;
  id?: string;
  now?: () => number;
}

const WARMUP_TOKENS = 8;
/** The depth run is about the prompt; a few tokens still show whether decoding slows at depth. */
const DEPTH_GENERATE_TOKENS = 64;

async function timedChat(options: OllamaBenchmarkOptions, index: number, prompt: string, numPredict: number, numCtx: number, onFirstToken?: () => void): Promise<BenchmarkRun> {
  const started = performance.now();
  let ttftMs: number | null = null;
  let final: OllamaMetrics | undefined;
  const chunks = options.client.chat({
    model: options.model,
    messages: [{ role: 'user', content: prompt }],
    options: { temperature: 0, seed: 42, num_predict: numPredict, num_ctx: numCtx },
    ...(options.keepAlive === undefined ? {} : { keep_alive: options.keepAlive }),
  }, options.signal);
  for await (const chunk of chunks) {
    // Latch on content, not on the first callback: Ollama may send empty chunks first.
    if (ttftMs === null && ((chunk.message?.content ?? '') !== '' || (chunk.message?.thinking ?? '') !== '')) {
      ttftMs = performance.now() - started;
      onFirstToken?.();
    }
    if (chunk.done) final = chunk;
  }
  if (final === undefined) throw new GatewayError('provider_stream_interrupted', 502, `Ollama ended the benchmark stream for ${options.model} without its final metrics.`);
  return toRun(index, final, ttftMs, performance.now() - started);
}

function toRun(index: number, final: OllamaMetrics, ttftMs: number | null, totalMs: number): BenchmarkRun {
  return {
    index,
    promptTokens: final.prompt_eval_count ?? null,
    promptTokensPerSecond: tokensPerSecond(final.prompt_eval_count, final.prompt_eval_duration),
    generatedTokens: final.eval_count ?? null,
    generationTokensPerSecond: tokensPerSecond(final.eval_count, final.eval_duration),
    ttftMs,
    totalMs,
  };
}

export function runOllamaBenchmark(options: OllamaBenchmarkOptions): Promise<BenchmarkResult> {
  const numCtx = options.numCtx ?? DEFAULT_OLLAMA_CONTEXT;
  const { client, model, keepAlive, signal } = options;
  return runBenchmarkSession({ ...options, kind: 'ollama', target: client.baseUrl, numCtx }, async (session) => {
    const { result } = session;
    result.ollamaVersion = await client.version().catch(() => null);
    session.report('load', 0);
    const loaded = await client.load(model, { numCtx, keepAlive, signal });
    result.loadMs = loaded.wallMs;
    result.serverLoadMs = loaded.loadDurationMs;

    session.report('warmup', 0);
    await timedChat(options, 0, 'Say hello.', WARMUP_TOKENS, numCtx);

    for (let run = 1; run <= result.runsRequested; run += 1) {
      session.report('prompt', run);
      const prompt = benchmarkPrompt(run, options.promptTokens);
      session.addRun(await timedChat(options, run, prompt, options.generateTokens ?? 128, numCtx, () => session.report('generate', run)));
    }

    const lastRun = result.runsRequested;
    if (options.depth !== false) {
      const targetTokens = depthPromptTokens(numCtx);
      session.report('depth', lastRun, targetTokens);
      // A run number after the short runs' gives a prompt start they did not have, so no prefix is cached.
      result.depth = { targetTokens, run: await timedChat(options, lastRun + 1, benchmarkPrompt(lastRun + 1, targetTokens), DEPTH_GENERATE_TOKENS, numCtx) };
    }

    session.report('tools', lastRun);
    result.toolCall = await runToolCallSmokeTest({ client, model, numCtx, keepAlive, signal });

    const entry = (await client.listLoaded()).find((loadedModel) => loadedModel.name === model || loadedModel.name === `${model}:latest`);
    if (entry) {
      result.placement = { sizeBytes: entry.sizeBytes, vramBytes: entry.vramBytes, ramBytes: entry.ramBytes, gpuFraction: entry.gpuFraction, contextLength: entry.contextLength };
      result.quantization = entry.quantization;
    }
  });
}
