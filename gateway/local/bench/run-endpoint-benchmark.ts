/**
 * Benchmarks an OpenAI-compatible or Anthropic Messages endpoint (a cloud API, or a model
 * group through the gateway) so that local and cloud models compare on the same two
 * figures: client TTFT, and output tokens/s as (n − 1) / (t_last − t_first) with n from the
 * stream's usage — chunk counts are not token counts once a proxy re-chunks a stream.
 */
import { request } from 'undici';
import { GatewayError } from '../../errors/index.ts';
import { createSseParser, type SseEvent } from '../../protocol/sse/create-sse-parser.ts';
import { benchmarkPrompt } from './benchmark-prompts.ts';
import { runBenchmarkSession } from './benchmark-session.ts';
import type { BenchmarkProgress, BenchmarkResult, BenchmarkRun } from './benchmark-types.ts';

export interface EndpointBenchmarkOptions {
  protocol: 'openai' | 'anthropic';
  /** Origin, with or without a trailing /v1. */
  baseUrl: string;
  apiKey: string;
  model: string;
  runs?: number;
  promptTokens?: number;
  maxTokens?: number;
  /** Anthropic only: send the key as a Bearer token (the gateway's ANTHROPIC_AUTH_TOKEN) instead of x-api-key. */
  bearerAuth?: boolean;
  /**
   * `baseUrl` is a Gatehouse gateway and `model` one of its groups: the requests pin that group
   * (`x-gatehouse-group`, so no Claude Code rule sends them elsewhere), the result is of kind
   * `gateway`, and it records the deployments that answered.
   */
  viaGateway?: boolean;
  onProgress?: (progress: BenchmarkProgress) => void;
  signal?: AbortSignal;
  id?: string;
  now?: () => number;
  timeoutMs?: number;
}

interface TimedRun {
  run: BenchmarkRun;
  /** The gateway's `x-gatehouse-deployment`; null from anything else. */
  deployment: string | null;
}

interface StreamFigures {
  firstTokenAt: number | null;
  lastTokenAt: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
}

const hasText = (value: unknown) => typeof value === 'string' && value !== '';

/** Reads one SSE event into the figures; returns an upstream error message if the event is one. */
function readEvent(protocol: EndpointBenchmarkOptions['protocol'], event: SseEvent, figures: StreamFigures, at: number): string | null {
  if (event.data === '[DONE]') return null;
  const data = JSON.parse(event.data) as Record<string, unknown>;
  const markToken = () => {
    figures.firstTokenAt ??= at;
    figures.lastTokenAt = at;
  };
  if (data.error !== undefined && data.error !== null) {
    const error = data.error as { message?: unknown };
    return typeof error.message === 'string' ? error.message : JSON.stringify(data.error);
  }
  if (protocol === 'openai') {
    const choices = (data.choices as Array<{ delta?: Record<string, unknown> }> | undefined) ?? [];
    const delta = choices[0]?.delta;
    if (delta && (hasText(delta.content) || hasText(delta.reasoning_content) || hasText(delta.reasoning) || Array.isArray(delta.tool_calls))) markToken();
    const usage = data.usage as { prompt_tokens?: number; completion_tokens?: number } | undefined | null;
    if (usage) {
      figures.inputTokens = usage.prompt_tokens ?? figures.inputTokens;
      figures.outputTokens = usage.completion_tokens ?? figures.outputTokens;
    }
    return null;
  }
  if (data.type === 'content_block_delta') {
    const delta = data.delta as Record<string, unknown> | undefined;
    if (delta && (hasText(delta.text) || hasText(delta.thinking) || hasText(delta.partial_json))) markToken();
  }
  if (data.type === 'message_start') {
    const usage = (data.message as { usage?: { input_tokens?: number } } | undefined)?.usage;
    figures.inputTokens = usage?.input_tokens ?? figures.inputTokens;
  }
  if (data.type === 'message_delta') {
    const usage = data.usage as { output_tokens?: number } | undefined;
    figures.outputTokens = usage?.output_tokens ?? figures.outputTokens;
  }
  return null;
}

function requestFor(options: EndpointBenchmarkOptions, prompt: string): { url: string; headers: Record<string, string>; body: string } {
  const origin = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const maxTokens = options.maxTokens ?? 128;
  const messages = [{ role: 'user', content: prompt }];
  const pin: Record<string, string> = options.viaGateway ? { 'x-gatehouse-group': options.model } : {};
  if (options.protocol === 'openai') {
    return {
      url: `${origin}/v1/chat/completions`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}`, ...pin },
      body: JSON.stringify({ model: options.model, messages, max_tokens: maxTokens, temperature: 0, stream: true, stream_options: { include_usage: true } }),
    };
  }
  const auth: Record<string, string> = options.bearerAuth ? { authorization: `Bearer ${options.apiKey}` } : { 'x-api-key': options.apiKey };
  return {
    url: `${origin}/v1/messages`,
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...auth, ...pin },
    body: JSON.stringify({ model: options.model, messages, max_tokens: maxTokens, temperature: 0, stream: true }),
  };
}

async function timedRequest(options: EndpointBenchmarkOptions, index: number): Promise<TimedRun> {
  const { url, headers, body } = requestFor(options, benchmarkPrompt(index, options.promptTokens));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = performance.now();
  let response;
  try {
    response = await request(url, { method: 'POST', headers, body, signal: options.signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new GatewayError('provider_unreachable', 503, `Could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    const text = (await response.body.text()).slice(0, 300);
    throw new GatewayError(response.statusCode === 401 || response.statusCode === 403 ? 'provider_unauthenticated' : 'provider_rejected', 502,
      `${url} answered HTTP ${response.statusCode}: ${text}`, { upstreamStatus: response.statusCode });
  }
  const figures: StreamFigures = { firstTokenAt: null, lastTokenAt: null, inputTokens: null, outputTokens: null };
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const consume = (events: SseEvent[]) => {
    for (const event of events) {
      const failure = readEvent(options.protocol, event, figures, performance.now());
      if (failure !== null) throw new GatewayError('provider_stream_interrupted', 502, `${url} failed mid-stream: ${failure}`);
    }
  };
  try {
    for await (const chunk of response.body) consume(parser.push(decoder.decode(chunk as Buffer, { stream: true })));
    consume(parser.end());
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  }
  const { firstTokenAt, lastTokenAt, outputTokens } = figures;
  const generationTime = firstTokenAt !== null && lastTokenAt !== null ? (lastTokenAt - firstTokenAt) / 1000 : 0;
  const deployment = response.headers['x-gatehouse-deployment'];
  const run: BenchmarkRun = {
    index,
    promptTokens: figures.inputTokens,
    // Endpoints do not report prompt processing time separately.
    promptTokensPerSecond: null,
    generatedTokens: outputTokens,
    generationTokensPerSecond: outputTokens !== null && outputTokens > 1 && generationTime > 0 ? (outputTokens - 1) / generationTime : null,
    ttftMs: firstTokenAt === null ? null : firstTokenAt - started,
    totalMs: performance.now() - started,
  };
  return { run, deployment: typeof deployment === 'string' ? deployment : null };
}

export function runEndpointBenchmark(options: EndpointBenchmarkOptions): Promise<BenchmarkResult> {
  const kind = options.viaGateway ? 'gateway' : options.protocol;
  return runBenchmarkSession({ ...options, kind, target: options.baseUrl }, async (session) => {
    const { deployments } = session.result;
    const note = (deployment: string | null) => {
      if (deployment !== null && !deployments.includes(deployment)) deployments.push(deployment);
    };
    session.report('warmup', 0);
    note((await timedRequest({ ...options, maxTokens: 8 }, 0)).deployment);
    for (let run = 1; run <= session.result.runsRequested; run += 1) {
      session.report('generate', run);
      const timed = await timedRequest(options, run);
      note(timed.deployment);
      session.addRun(timed.run);
    }
  });
}
