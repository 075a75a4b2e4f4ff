import { GatewayError, invalidRequest, toGatewayError } from '../errors/index.ts';
import type { AnthropicMessagesRequest } from '../protocol/anthropic/types.ts';
import type { OpenAIChatRequest } from '../protocol/openai/types.ts';
import { convertOpenAIRequestToAnthropic } from '../protocol/openai-to-anthropic/convert-request.ts';
import { convertResponsesRequestToAnthropic, NO_STORED_RESPONSES } from '../protocol/responses-to-anthropic/convert-request.ts';
import type { ResponsesRequest } from '../protocol/responses/types.ts';
import { statedOutputLimit } from '../protocol/errors/stated-output-limit.ts';
import type { LogStore, RequestRecord } from '../store/log-store.ts';
import { whenClientLeaves, type ClientResponse } from './client-response.ts';
import type { ProxyObserver } from './proxy-observer.ts';
import type { RouteAttempt, RoutingPort, RoutingSession } from './routing-port.ts';
import { elapsedSince, gatewayHeaders, newStreamIdentity, upstreamLabel, type AttemptContext, type RequestProgress } from './attempt-context.ts';
import { asClientShapeError } from './as-client-shape-error.ts';
import { buildUpstreamRequest } from './build-upstream-request.ts';
import { relayJson } from './relay-json.ts';
import { relayStream } from './relay-stream.ts';
import { serveMessage } from './serve-message.ts';
import { outputLimitReply } from './output-limit-probe.ts';
import { refusesThinking } from './ollama-thinking-refusal.ts';
import { missingOllamaModelAdvice } from './ollama-missing-model.ts';
import { sendErrorResponse, writeStreamError } from './client-errors.ts';
import { readBounded, upstreamStatusError } from './upstream-error.ts';
import { zeroUsage, type UsageTotals } from './usage-tracker.ts';
import type { SecretScrubber } from './secret-scrubber.ts';
import { estimateInputTokens } from './estimate-input-tokens.ts';
import { Cancellation } from './cancellation.ts';
import { abandon } from './for-each-chunk.ts';
import type { ClientProtocol } from './client-protocol.ts';

export { sendErrorResponse } from './client-errors.ts';

export interface ProxyServices {
  routing: RoutingPort;
  logStore: LogStore;
  observer: ProxyObserver;
  /** Masks our secrets in anything leaving the proxy (upstreams echo keys in errors and streams). */
  scrubber: () => SecretScrubber;
  storeBodies: () => boolean;
}

export interface ProxyCall {
  id: string;
  clientProtocol: ClientProtocol;
  body: Record<string, unknown>;
  /** The body's bytes as received: a same-protocol upstream is sent these when nothing changes, and the log keeps them when bodies are kept. */
  rawBytes: Buffer;
  headers: Record<string, string | undefined>;
  /** Epoch ms, for the record. */
  startedAt: number;
  /** performance.now() at arrival, for durations. */
  startedMark: number;
}

const cancelled = () => new GatewayError('caller_cancelled', 499, 'The client closed the connection.');

/** Checks the envelope each API requires, with messages that say what to fix. */
export function validateEnvelope(protocol: ClientProtocol, body: Record<string, unknown>): void {
  if (typeof body.model !== 'string' || body.model.trim() === '') throw invalidRequest('model: a model name is required (a model_name from the Gatehouse config).');
  if (protocol === 'responses') return validateResponsesEnvelope(body);
  if (!Array.isArray(body.messages)) throw invalidRequest('messages: must be an array of messages.');
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw invalidRequest('stream: must be true or false.');
  if (protocol === 'anthropic') {
    if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
      throw invalidRequest('max_tokens: must be a positive integer.');
    }
    const messages = body.messages as unknown[];
    for (let index = 0; index < messages.length; index += 1) {
      const role = (messages[index] as { role?: unknown } | null)?.role;
      if (role !== 'user' && role !== 'assistant' && role !== 'system') throw invalidRequest(`messages.${index}.role: must be "user", "assistant" or "system".`);
    }
  } else {
    const messages = body.messages as unknown[];
    for (let index = 0; index < messages.length; index += 1) {
      if (typeof (messages[index] as { role?: unknown } | null)?.role !== 'string') throw invalidRequest(`messages[${index}].role: a role is required.`);
    }
  }
}

/** Responses carries the conversation in `input`; a reference to a stored response cannot be served. */
function validateResponsesEnvelope(body: Record<string, unknown>): void {
  if (typeof body.input !== 'string' && !Array.isArray(body.input)) throw invalidRequest('input: must be a string or an array of input items.');
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw invalidRequest('stream: must be true or false.');
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) throw invalidRequest(`previous_response_id: ${NO_STORED_RESPONSES}`);
}

/**
 * Serves one /v1/messages, /v1/chat/completions or /v1/responses request: asks the router for attempts,
 * sends each to its provider, retries or falls back only while nothing has reached the
 * client, and leaves exactly one record. Validation errors are thrown before anything is
 * recorded; everything after routing starts is recorded, refusals included.
 */
export async function handleProxyRequest(services: ProxyServices, call: ProxyCall, response: ClientResponse): Promise<void> {
  validateEnvelope(call.clientProtocol, call.body);
  const model = call.body.model as string;
  const stream = call.body.stream === true;
  let canonical: AnthropicMessagesRequest | undefined;
  const getCanonical = () => (canonical ??= call.clientProtocol === 'anthropic'
    ? (call.body as unknown as AnthropicMessagesRequest)
    : asClientShapeError(call.clientProtocol, () => (call.clientProtocol === 'openai'
      ? convertOpenAIRequestToAnthropic(call.body as unknown as OpenAIChatRequest)
      : convertResponsesRequestToAnthropic(call.body as unknown as ResponsesRequest))));
  const session = services.routing.open({
    model,
    clientProtocol: call.clientProtocol,
    stream,
    canonical: getCanonical,
    estimateInputTokens: () => asClientShapeError(call.clientProtocol, () => estimateInputTokens(getCanonical())),
    headers: call.headers,
  });

  const abort = new Cancellation();
  const stopWatchingClient = whenClientLeaves(response, () => abort.abort());
  services.observer.requestStarted({ id: call.id, at: call.startedAt, clientProtocol: call.clientProtocol, model, stream });

  const progress: RequestProgress = { attempts: 0, target: null, usage: zeroUsage(), ttftMs: null, status: 0, error: null, responseBody: null, cacheHit: false, costUsd: null, finalMessage: null };
  try {
    if (session.cacheEnabled) {
      const cached = session.cachedResponse();
      services.observer.cacheLookup(cached !== undefined);
      if (cached) {
        serveMessage(call, cached, stream, response, { ...gatewayHeaders(call, null), 'x-gatehouse-cache': 'hit', 'x-gatehouse-cost-usd': '0.00000000' });
        progress.cacheHit = true;
        progress.status = 200;
        return;
      }
    }
    await runAttempts({ services, call, session, getCanonical, stream, response, signal: abort, progress });
    progress.status = progress.status || 200;
    if (progress.finalMessage) session.remember(progress.finalMessage);
  } catch (error) {
    const failure = services.scrubber().error(toGatewayError(error));
    progress.error = failure;
    if (!response.headersSent && !response.destroyed) {
      sendErrorResponse(response, call.clientProtocol, failure, gatewayHeaders(call, progress.target));
      progress.status = failure.status;
    } else {
      progress.status = progress.status || 200;
      writeStreamError(response, call.clientProtocol, failure, progress.failStream);
    }
  } finally {
    stopWatchingClient();
    finish(services, call, session, progress, model, stream);
  }
}

/** What every attempt of one request shares. */
interface RequestScope {
  services: ProxyServices;
  call: ProxyCall;
  session: RoutingSession;
  getCanonical: () => AnthropicMessagesRequest;
  stream: boolean;
  response: ClientResponse;
  signal: Cancellation;
  progress: RequestProgress;
}

async function runAttempts(scope: RequestScope): Promise<void> {
  const { services, call, session, response, signal, progress } = scope;
  let lastError: GatewayError | undefined;
  for (;;) {
    const attempt = await session.next(lastError, signal);
    if (signal.aborted) throw cancelled();
    if (!attempt) throw lastError ?? new GatewayError('gateway_unavailable', 503, `No deployment could serve model "${call.body.model as string}".`);
    progress.attempts += 1;
    progress.costUsd = null;
    // Each attempt's usage is its own: a failed one reports what it consumed, and only that.
    progress.usage = zeroUsage();
    progress.target = attempt.target;
    const attemptInfo = { id: call.id, deploymentId: attempt.target.deploymentId, group: attempt.target.group, route: attempt.target.route, protocol: attempt.target.protocol, reason: attempt.reason };
    services.observer.attemptStarted(attemptInfo);
    try {
      await runAttempt(scope, attempt);
      progress.costUsd ??= session.costOf(attempt.target, progress.usage);
      session.succeeded(attempt, { latencyMs: elapsedSince(call.startedMark), ttftMs: progress.ttftMs, usage: progress.usage, costUsd: progress.costUsd });
      return;
    } catch (error) {
      const failure = signal.aborted ? cancelled() : toGatewayError(error);
      // Every started attempt is reported once, a cancellation too: it releases in-flight and
      // rate-limit slots, and a stream cut mid-way still counts its tokens toward tpm and budgets.
      session.failed(attempt, failure, { usage: progress.usage, costUsd: progress.costUsd ?? session.costOf(attempt.target, progress.usage) });
      if (failure.type !== 'caller_cancelled') services.observer.attemptFailed(attemptInfo, failure.type);
      // Once bytes reached the client the answer is committed: no retry, no fallback.
      if (response.headersSent || failure.type === 'caller_cancelled') throw failure;
      lastError = failure;
    }
  }
}

/** `loweredOutput`: max_tokens was already lowered once in this attempt after a refusal; it is not lowered again. */
async function runAttempt(scope: RequestScope, attempt: RouteAttempt, loweredOutput = false): Promise<void> {
  const { services, call, session, stream, response, signal, progress } = scope;
  const { request, toolNames, maxTokens, adjusted } = asClientShapeError(call.clientProtocol, () => buildUpstreamRequest(call, attempt.target, scope.getCanonical, stream));
  const upstream = await attempt.provider.send(request, signal);
  if (upstream.status < 200 || upstream.status >= 300) {
    const text = await readBounded(upstream.body);
    if (refusesThinking(attempt.target, upstream.status, text)) return runAttempt(scope, { ...attempt, target: { ...attempt.target, supportsThinking: false } }, loweredOutput);
    // Claude Code asks for 32k-64k output tokens and does not retry a 400, so a model with a
    // smaller output limit would be unusable: the same attempt goes again within the limit the
    // refusal names. Handled here: to the router it is a caller error that ends the request.
    const stated = upstream.status === 400 && !loweredOutput ? statedOutputLimit(text) : undefined;
    if (stated && maxTokens !== undefined && stated.limit < maxTokens) {
      if (!stated.perRequest) session.learnOutputLimit(attempt.target, stated.limit);
      return runAttempt(scope, { ...attempt, target: { ...attempt.target, outputLimit: stated.limit } }, true);
    }
    const requestedMaxTokens = call.body.max_tokens ?? call.body.max_completion_tokens ?? call.body.max_output_tokens;
    const cutShort = outputLimitReply(upstream.status, text, requestedMaxTokens, call.body.model as string);
    if (cutShort) {
      serveMessage(call, cutShort, stream, response, gatewayHeaders(call, attempt.target));
      progress.ttftMs = elapsedSince(call.startedMark);
      return;
    }
    throw upstreamStatusError(upstream.status, upstream.headers, text, upstreamLabel(attempt), missingOllamaModelAdvice(attempt.target, upstream.status, text));
  }
  if (isWebPage(upstream.headers)) {
    abandon(upstream.body);
    throw new GatewayError('provider_bad_response', 502, `${upstreamLabel(attempt)} answered with a web page, not the API: check the deployment's api_base (an OpenAI-compatible server's usually ends in /v1).`);
  }
  const context: AttemptContext = {
    services,
    call,
    attempt,
    identity: newStreamIdentity(call, toolNames),
    response,
    signal,
    progress,
    costOf: (usage: UsageTotals) => session.costOf(attempt.target, usage),
    keepFinalMessage: session.cacheEnabled,
    upstreamRequestId: typeof upstream.headers['request-id'] === 'string' ? upstream.headers['request-id'] : undefined,
    adjusted,
  };
  if (stream) await relayStream(context, upstream.body);
  else await relayJson(context, upstream.body);
}

/** A 200 text/html answer is an api_base that points at a web UI (or a portal), not at the API. */
function isWebPage(headers: Record<string, string | string[] | undefined>): boolean {
  const contentType = headers['content-type'];
  return typeof contentType === 'string' && contentType.trimStart().toLowerCase().startsWith('text/html');
}

function finish(services: ProxyServices, call: ProxyCall, session: RoutingSession, progress: RequestProgress, model: string, stream: boolean): void {
  const target = progress.target;
  const record: RequestRecord = {
    id: call.id,
    startedAt: call.startedAt,
    clientProtocol: call.clientProtocol,
    modelRequested: model,
    group: target?.group ?? (progress.cacheHit ? session.group : null),
    route: target?.route ?? null,
    deploymentId: target?.deploymentId ?? (progress.cacheHit ? 'cache' : null),
    provider: target?.protocol ?? null,
    stream,
    status: progress.status,
    errorType: progress.error?.type ?? null,
    errorMessage: progress.error?.message ?? null,
    latencyMs: Math.round(elapsedSince(call.startedMark) * 100) / 100,
    ttftMs: progress.ttftMs === null ? null : Math.round(progress.ttftMs * 100) / 100,
    inputTokens: progress.usage.inputTokens,
    outputTokens: progress.usage.outputTokens,
    cacheReadTokens: progress.usage.cacheReadTokens,
    cacheWriteTokens: progress.usage.cacheWriteTokens,
    // A failed attempt may still have consumed tokens (a stream cut mid-way).
    costUsd: progress.costUsd ?? (target ? session.costOf(target, progress.usage) : 0),
    attempts: progress.attempts,
    requestBody: services.storeBodies() ? call.rawBytes.toString('utf8') : null,
    responseBody: services.storeBodies() ? progress.responseBody : null,
  };
  services.logStore.record(record);
  services.observer.requestEnded(record);
}
