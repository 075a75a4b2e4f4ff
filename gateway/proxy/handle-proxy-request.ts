import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { GatewayError, invalidRequest, toGatewayError } from '../errors/index.ts';
import type { ProviderRequest } from '../providers/provider.ts';
import type { AnthropicMessagesRequest, AnthropicMessageResponse } from '../protocol/anthropic/types.ts';
import type { OpenAIChatRequest, OpenAIChatResponse } from '../protocol/openai/types.ts';
import type { OllamaChatChunk } from '../protocol/ollama/types.ts';
import type { ToolNameMap } from '../protocol/anthropic-to-openai/convert-request.ts';
import { convertAnthropicRequestToOpenAI } from '../protocol/anthropic-to-openai/convert-request.ts';
import { convertAnthropicRequestToOllama } from '../protocol/anthropic-to-ollama/convert-request.ts';
import { convertOpenAIRequestToAnthropic } from '../protocol/openai-to-anthropic/convert-request.ts';
import { convertOpenAIResponseToAnthropic } from '../protocol/openai-to-anthropic/convert-response.ts';
import { convertOllamaResponseToAnthropic } from '../protocol/ollama-to-anthropic/convert-response.ts';
import { convertAnthropicResponseToOpenAI } from '../protocol/anthropic-to-openai/convert-response.ts';
import { convertOpenAIUsage } from '../protocol/openai-to-anthropic/convert-openai-usage.ts';
import { toAnthropicErrorBody, toOpenAIErrorBody } from '../protocol/errors/format-error-body.ts';
import type { LogStore, RequestRecord } from '../store/log-store.ts';
import type { ClientResponse } from './client-response.ts';
import type { ProxyObserver } from './proxy-observer.ts';
import type { RouteAttempt, RoutingPort } from './routing-port.ts';
import { readBounded, upstreamStatusError } from './upstream-error.ts';
import { createClientEncoder, createUpstreamDecoder, type StreamIdentity } from './stream-codecs.ts';
import { createPassthroughObserver } from './passthrough-observer.ts';
import { CanonicalStreamObserver, mergeAnthropicUsage, zeroUsage, type UsageTotals } from './usage-tracker.ts';
import { estimateInputTokens } from './estimate-input-tokens.ts';

const MAX_UPSTREAM_JSON_BYTES = 64 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 250;
const CHARS_PER_TOKEN = 4;

export interface ProxyServices {
  routing: RoutingPort;
  logStore: LogStore;
  observer: ProxyObserver;
  /** Secrets to scrub from anything an upstream echoes back. */
  secrets: () => readonly string[];
  storeBodies: () => boolean;
  /** Ollama num_ctx when a deployment sets none: Claude Code's prompt and tools alone are ~20k tokens. */
  defaultOllamaContext: () => number;
}

export interface ProxyCall {
  id: string;
  clientProtocol: 'anthropic' | 'openai';
  body: Record<string, unknown>;
  rawBody: string;
  headers: Record<string, string | undefined>;
  /** Epoch ms, for the record. */
  startedAt: number;
  /** performance.now() at arrival, for durations. */
  startedMark: number;
}

interface Progress {
  attempts: number;
  target: RouteAttempt['target'] | null;
  usage: UsageTotals;
  ttftMs: number | null;
  status: number;
  error: GatewayError | null;
  responseBody: string | null;
}

/** Checks the envelope both APIs require, with messages that say what to fix. */
export function validateEnvelope(protocol: 'anthropic' | 'openai', body: Record<string, unknown>): void {
  if (typeof body.model !== 'string' || body.model.trim() === '') throw invalidRequest('model: a model name is required (a model_name from the Gatehouse config).');
  if (!Array.isArray(body.messages)) throw invalidRequest('messages: must be an array of messages.');
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw invalidRequest('stream: must be true or false.');
  if (protocol === 'anthropic') {
    if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
      throw invalidRequest('max_tokens: must be a positive integer.');
    }
    for (const [index, message] of (body.messages as unknown[]).entries()) {
      const role = (message as { role?: unknown } | null)?.role;
      if (role !== 'user' && role !== 'assistant' && role !== 'system') throw invalidRequest(`messages.${index}.role: must be "user" or "assistant".`);
    }
  } else {
    for (const [index, message] of (body.messages as unknown[]).entries()) {
      if (typeof (message as { role?: unknown } | null)?.role !== 'string') throw invalidRequest(`messages[${index}].role: a role is required.`);
    }
  }
}

const elapsed = (from: number) => performance.now() - from;

/**
 * Serves one /v1/messages or /v1/chat/completions request: asks the router for attempts,
 * sends each to its provider (passing bytes straight through when client and upstream speak
 * the same protocol, translating through the canonical form when not), retries or falls back
 * only while nothing has reached the client, and leaves exactly one record.
 * Validation and unknown-model errors are thrown before anything is recorded.
 */
export async function handleProxyRequest(services: ProxyServices, call: ProxyCall, response: ClientResponse): Promise<void> {
  validateEnvelope(call.clientProtocol, call.body);
  const model = call.body.model as string;
  const stream = call.body.stream === true;
  let canonical: AnthropicMessagesRequest | undefined;
  const getCanonical = () => (canonical ??= call.clientProtocol === 'anthropic'
    ? (call.body as unknown as AnthropicMessagesRequest)
    : convertOpenAIRequestToAnthropic(call.body as unknown as OpenAIChatRequest));
  const session = services.routing.open({
    model,
    clientProtocol: call.clientProtocol,
    canonical: getCanonical,
    estimateInputTokens: () => estimateInputTokens(getCanonical()),
    headers: call.headers,
  });

  const abort = new AbortController();
  const onClientClose = () => {
    if (!response.writableEnded) abort.abort();
  };
  response.once('close', onClientClose);
  services.observer.requestStarted({ id: call.id, at: call.startedAt, clientProtocol: call.clientProtocol, model, stream });

  const progress: Progress = { attempts: 0, target: null, usage: zeroUsage(), ttftMs: null, status: 0, error: null, responseBody: null };
  try {
    let lastError: GatewayError | undefined;
    for (;;) {
      const attempt = await session.next(lastError);
      if (!attempt) throw lastError ?? new GatewayError('gateway_unavailable', 503, `No deployment could serve model "${model}".`);
      if (abort.signal.aborted) throw new GatewayError('caller_cancelled', 499, 'The client closed the connection.');
      progress.attempts += 1;
      progress.target = attempt.target;
      const attemptInfo = { id: call.id, deploymentId: attempt.target.deploymentId, group: attempt.target.group, route: attempt.target.route, protocol: attempt.target.protocol };
      services.observer.attemptStarted(attemptInfo);
      try {
        const costOf = (usage: UsageTotals) => session.costOf(attempt.target, usage);
        await runAttempt(services, call, attempt, getCanonical, stream, response, abort.signal, progress, costOf);
        session.succeeded(attempt, { latencyMs: elapsed(call.startedMark), ttftMs: progress.ttftMs, usage: progress.usage });
        break;
      } catch (error) {
        const failure = abort.signal.aborted ? new GatewayError('caller_cancelled', 499, 'The client closed the connection.') : toGatewayError(error);
        // Every started attempt is reported once, a cancellation too: it releases in-flight and rate-limit slots.
        session.failed(attempt, failure);
        if (failure.type !== 'caller_cancelled') services.observer.attemptFailed(attemptInfo, failure.type);
        // Once bytes reached the client the answer is committed: no retry, no fallback.
        if (response.headersSent || failure.type === 'caller_cancelled') throw failure;
        lastError = failure;
      }
    }
    progress.status = progress.status || 200;
  } catch (error) {
    const failure = toGatewayError(error);
    progress.error = failure;
    if (!response.headersSent && !response.destroyed) {
      sendErrorResponse(response, call.clientProtocol, failure, progress.target?.deploymentId);
      progress.status = failure.status;
    } else {
      progress.status = progress.status || 200;
      writeStreamError(response, call.clientProtocol, failure);
    }
  } finally {
    response.removeListener('close', onClientClose);
    finish(services, call, session, progress, model, stream);
  }
}

function finish(services: ProxyServices, call: ProxyCall, session: ReturnType<RoutingPort['open']>, progress: Progress, model: string, stream: boolean): void {
  const target = progress.target;
  const cost = target ? session.costOf(target, progress.usage) : 0;
  const record: RequestRecord = {
    id: call.id,
    startedAt: call.startedAt,
    clientProtocol: call.clientProtocol,
    modelRequested: model,
    group: target?.group ?? null,
    route: target?.route ?? null,
    deploymentId: target?.deploymentId ?? null,
    provider: target?.protocol ?? null,
    stream,
    status: progress.status,
    errorType: progress.error?.type ?? null,
    errorMessage: progress.error?.message ?? null,
    latencyMs: Math.round(elapsed(call.startedMark) * 100) / 100,
    ttftMs: progress.ttftMs === null ? null : Math.round(progress.ttftMs * 100) / 100,
    inputTokens: progress.usage.inputTokens,
    outputTokens: progress.usage.outputTokens,
    cacheReadTokens: progress.usage.cacheReadTokens,
    cacheWriteTokens: progress.usage.cacheWriteTokens,
    costUsd: cost,
    attempts: progress.attempts,
    requestBody: services.storeBodies() ? call.rawBody : null,
    responseBody: services.storeBodies() ? progress.responseBody : null,
  };
  services.logStore.record(record);
  services.observer.requestEnded(record);
}

/** Builds the upstream body: untouched bytes when nothing changes, translated when protocols differ. */
function buildUpstreamRequest(
  services: ProxyServices,
  call: ProxyCall,
  attempt: RouteAttempt,
  getCanonical: () => AnthropicMessagesRequest,
  stream: boolean,
): { request: ProviderRequest; toolNames: ToolNameMap | undefined } {
  const target = attempt.target;
  const forwardHeaders: Record<string, string> = {};
  if (target.protocol === 'anthropic') {
    for (const name of ['anthropic-beta', 'anthropic-version'] as const) {
      const value = call.headers[name];
      if (value) forwardHeaders[name] = value;
    }
  }
  if (target.protocol === call.clientProtocol) {
    const needsUsage = target.protocol === 'openai' && stream && (call.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage !== true;
    const body = target.upstreamModel === call.body.model && !needsUsage
      ? call.rawBody
      : JSON.stringify({
          ...call.body,
          model: target.upstreamModel,
          ...(needsUsage ? { stream_options: { ...(call.body.stream_options as object | undefined), include_usage: true } } : {}),
        });
    return { request: { body, stream, forwardHeaders }, toolNames: undefined };
  }
  const canonical = getCanonical();
  if (target.protocol === 'openai') {
    const converted = convertAnthropicRequestToOpenAI({ ...canonical, stream }, { upstreamModel: target.upstreamModel });
    return { request: { body: JSON.stringify(converted.body), stream, forwardHeaders }, toolNames: converted.toolNames };
  }
  if (target.protocol === 'ollama') {
    const converted = convertAnthropicRequestToOllama({ ...canonical, stream }, {
      upstreamModel: target.upstreamModel,
      numCtx: target.numCtx ?? services.defaultOllamaContext(),
      ...(target.keepAlive === undefined ? {} : { keepAlive: target.keepAlive }),
    });
    return { request: { body: JSON.stringify(converted), stream, forwardHeaders }, toolNames: undefined };
  }
  return { request: { body: JSON.stringify({ ...canonical, model: target.upstreamModel, stream }), stream, forwardHeaders }, toolNames: undefined };
}

function attemptHeaders(call: ProxyCall, attempt: RouteAttempt): Record<string, string> {
  return {
    'x-gatehouse-request-id': call.id,
    'x-gatehouse-deployment': attempt.target.deploymentId,
    'x-gatehouse-route': attempt.target.route,
  };
}

async function runAttempt(
  services: ProxyServices,
  call: ProxyCall,
  attempt: RouteAttempt,
  getCanonical: () => AnthropicMessagesRequest,
  stream: boolean,
  response: ClientResponse,
  signal: AbortSignal,
  progress: Progress,
  costOf: (usage: UsageTotals) => number,
): Promise<void> {
  const { request, toolNames } = buildUpstreamRequest(services, call, attempt, getCanonical, stream);
  const upstream = await attempt.provider.send(request, signal);
  if (upstream.status < 200 || upstream.status >= 300) {
    const text = await readBounded(upstream.body);
    throw upstreamStatusError(upstream.status, upstream.headers, text, upstreamLabel(attempt), services.secrets());
  }
  const identity: StreamIdentity = {
    clientModel: call.body.model as string,
    messageId: `msg_${randomUUID().replaceAll('-', '')}`,
    openaiId: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
    created: Math.floor(call.startedAt / 1000),
    newId: () => `toolu_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    toolNames,
    includeUsage: (call.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true,
  };
  if (stream) await relayStream(services, call, attempt, upstream.body, identity, response, signal, progress);
  else await relayJson(services, call, attempt, upstream.body, identity, response, progress, costOf);
}

function upstreamLabel(attempt: RouteAttempt): string {
  return `Upstream "${attempt.target.deploymentId}" (${attempt.target.protocol})`;
}

async function relayStream(
  services: ProxyServices,
  call: ProxyCall,
  attempt: RouteAttempt,
  body: Readable,
  identity: StreamIdentity,
  response: ClientResponse,
  signal: AbortSignal,
  progress: Progress,
): Promise<void> {
  const passthrough = attempt.target.protocol === call.clientProtocol ? createPassthroughObserver(call.clientProtocol) : undefined;
  const decoder = passthrough ? undefined : createUpstreamDecoder(attempt.target.protocol, identity);
  const encoder = passthrough ? undefined : createClientEncoder(call.clientProtocol, identity);
  const observer = passthrough?.state ?? new CanonicalStreamObserver();
  const utf8 = new TextDecoder();
  let lastProgressAt = 0;

  const writeOut = async (chunk: string | Uint8Array) => {
    if (chunk.length === 0) return;
    if (!response.headersSent) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        ...attemptHeaders(call, attempt),
      });
    }
    if (!response.write(chunk)) await waitForDrain(response, signal);
  };
  const noteProgress = () => {
    if (progress.ttftMs === null && observer.sawFirstToken) {
      progress.ttftMs = elapsed(call.startedMark);
      services.observer.firstToken(call.id, Date.now());
    }
    const now = performance.now();
    if (observer.sawFirstToken && now - lastProgressAt >= PROGRESS_INTERVAL_MS) {
      lastProgressAt = now;
      services.observer.progress(call.id, Math.round(observer.outputChars / CHARS_PER_TOKEN), Date.now());
    }
  };

  try {
    for await (const chunk of body) {
      const bytes = chunk as Buffer;
      if (passthrough) {
        passthrough.push(utf8.decode(bytes, { stream: true }));
        noteProgress();
        await writeOut(bytes);
      } else {
        const events = decoder!.push(utf8.decode(bytes, { stream: true }));
        for (const event of events) observer.observe(event);
        noteProgress();
        await writeOut(encoder!.encode(events));
      }
    }
    if (passthrough) passthrough.end();
    else {
      const events = decoder!.end();
      for (const event of events) observer.observe(event);
      await writeOut(encoder!.encode(events) + encoder!.end());
    }
  } finally {
    Object.assign(progress.usage, observer.usage);
  }
  if (observer.streamError) {
    throw new GatewayError('provider_stream_interrupted', 502, `The upstream stream reported an error: ${observer.streamError.message}`);
  }
  if (!observer.sawMessageStop) {
    throw new GatewayError('provider_stream_interrupted', 502, `${upstreamLabel(attempt)} ended the stream before it was complete.`);
  }
  if (!response.headersSent) await writeOut(encoder ? encoder.end() : '');
  response.end();
}

async function waitForDrain(response: ClientResponse, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await once(response as unknown as NodeJS.EventEmitter, 'drain', { signal }).catch(() => undefined);
}

async function relayJson(
  services: ProxyServices,
  call: ProxyCall,
  attempt: RouteAttempt,
  body: Readable,
  identity: StreamIdentity,
  response: ClientResponse,
  progress: Progress,
  costOf: (usage: UsageTotals) => number,
): Promise<void> {
  const text = await readBounded(body, MAX_UPSTREAM_JSON_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GatewayError('provider_bad_response', 502, `${upstreamLabel(attempt)} answered with something that is not JSON: ${text.slice(0, 120)}`);
  }
  let out: string;
  if (attempt.target.protocol === call.clientProtocol) {
    out = text;
    if (call.clientProtocol === 'anthropic') mergeAnthropicUsage(progress.usage, (parsed as AnthropicMessageResponse).usage);
    else {
      const usage = (parsed as OpenAIChatResponse).usage;
      if (usage) mergeAnthropicUsage(progress.usage, convertOpenAIUsage(usage));
    }
  } else {
    const message = toCanonicalMessage(attempt.target.protocol, parsed, identity);
    mergeAnthropicUsage(progress.usage, message.usage);
    out = JSON.stringify(call.clientProtocol === 'anthropic'
      ? message
      : convertAnthropicResponseToOpenAI(message, { id: identity.openaiId, created: identity.created, model: identity.clientModel }));
  }
  progress.ttftMs = elapsed(call.startedMark);
  progress.responseBody = services.storeBodies() ? out : null;
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(out),
    ...attemptHeaders(call, attempt),
    'x-gatehouse-cost-usd': costOf(progress.usage).toFixed(8),
  });
  response.end(out);
}

function toCanonicalMessage(protocol: RouteAttempt['target']['protocol'], parsed: unknown, identity: StreamIdentity): AnthropicMessageResponse {
  if (protocol === 'openai') {
    return convertOpenAIResponseToAnthropic(parsed as OpenAIChatResponse, { model: identity.clientModel, messageId: identity.messageId, toolNames: identity.toolNames ?? new Map() });
  }
  if (protocol === 'ollama') {
    return convertOllamaResponseToAnthropic(parsed as OllamaChatChunk, { model: identity.clientModel, messageId: identity.messageId, idFactory: identity.newId });
  }
  return { ...(parsed as AnthropicMessageResponse), model: identity.clientModel };
}

/** A complete error response in the client's protocol. */
export function sendErrorResponse(response: ClientResponse, protocol: 'anthropic' | 'openai', error: GatewayError, deploymentId?: string): void {
  const body = JSON.stringify(protocol === 'anthropic' ? toAnthropicErrorBody(error) : toOpenAIErrorBody(error));
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = Math.ceil(error.retryAfterSeconds);
  if (deploymentId) headers['x-gatehouse-deployment'] = deploymentId;
  response.writeHead(error.status, headers);
  response.end(body);
}

/** After the first byte the status is sent: the error travels inside the stream, in protocol shape. */
function writeStreamError(response: ClientResponse, protocol: 'anthropic' | 'openai', error: GatewayError): void {
  if (response.writableEnded || response.destroyed) return;
  const text = protocol === 'anthropic'
    ? `event: error\ndata: ${JSON.stringify(toAnthropicErrorBody(error))}\n\n`
    : `data: ${JSON.stringify(toOpenAIErrorBody(error))}\n\n`;
  response.end(text);
}
