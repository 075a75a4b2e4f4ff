import type { Readable } from 'node:stream';
import { GatewayError } from '../errors/index.ts';
import type { Provider } from '../providers/provider.ts';
import { forEachChunk } from './for-each-chunk.ts';
import { statusOfAnthropicErrorType } from '../protocol/errors/anthropic-error-types.ts';

const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Reads at most a small prefix of an error body; upstream error pages can be huge HTML. */
export async function readBounded(body: Readable, limit = MAX_ERROR_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  await forEachChunk(body, (chunk) => {
    if (size < limit) chunks.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  });
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads an upstream's answer (bounded). A failure while reading it (a dropped connection, a
 * stall past the timeout) is described by the provider, naming the upstream, unless the caller
 * cancelled: then the cancellation is what happened.
 */
export function readUpstreamBody(body: Readable, provider: Pick<Provider, 'describeFailure'>, cancellation: { readonly aborted: boolean }, limit?: number): Promise<string> {
  return readBounded(body, limit).catch((error: unknown) => {
    throw cancellation.aborted ? error : provider.describeFailure(error);
  });
}

function extractMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: an HTML error page or plain text
  }
  const plain = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain;
}

function retryAfterSeconds(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = headers['retry-after'];
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * Classifies a non-2xx upstream answer. The status the client sees keeps the meaning that
 * drives Claude Code's own retry loop: 429/529/5xx are retried by it, 400 is not.
 */
export function upstreamStatusError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
  upstreamLabel: string,
  /** Appended to the upstream's own words: what the user can do about this one. */
  advice = '',
): GatewayError {
  // Secrets echoed here are masked centrally, where every error leaves the proxy (SecretScrubber).
  const detail = (extractMessage(bodyText) || `HTTP ${status}`) + advice;
  return errorForStatus(status, detail, upstreamLabel, { upstreamStatus: status, retryAfterSeconds: retryAfterSeconds(headers) });
}

/** An OpenAI-compatible error object's `code` when it is an HTTP error status (OpenRouter's are). */
export function statusOfErrorCode(code: unknown): number | undefined {
  return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599 ? code : undefined;
}

/** An error an upstream reported inside a stream; `status` when it gave one. */
export interface ReportedStreamError {
  type: string;
  message: string;
  status?: number;
}

/** The `error` of an OpenAI-compatible stream chunk (`data: {"error": {…}}`). */
export function reportedOpenAIError(error: { message?: unknown; type?: unknown; code?: unknown }): ReportedStreamError {
  const status = statusOfErrorCode(error.code);
  return {
    type: typeof error.type === 'string' ? error.type : 'api_error',
    message: typeof error.message === 'string' ? error.message : 'upstream error',
    ...(status === undefined ? {} : { status }),
  };
}

/**
 * An error event that opens a stream, before anything has reached the client. Anthropic answers
 * 200 and then `event: error` (overloaded_error) when it is overloaded at the start; OpenRouter
 * sends a `data: {"error": {"code": …}}` chunk. Read as the status it stands for, the attempt can
 * be retried or fallen back like an HTTP error, and a client that gets it (Claude Code retries a
 * 529) sees that status.
 */
export function streamOpeningError(reported: ReportedStreamError, upstreamLabel: string): GatewayError {
  const status = reported.status ?? statusOfAnthropicErrorType(reported.type) ?? 502;
  return errorForStatus(status, `${reported.message} (${reported.type}, at the start of the stream)`, upstreamLabel, { upstreamStatus: status });
}

function errorForStatus(status: number, detail: string, upstreamLabel: string, options: { upstreamStatus: number; retryAfterSeconds?: number | undefined }): GatewayError {
  if (status === 429) return new GatewayError('provider_rate_limited', 429, `${upstreamLabel} is rate limiting: ${detail}`, options);
  if (status === 529 || status === 503) return new GatewayError('provider_overloaded', status, `${upstreamLabel} is overloaded: ${detail}`, options);
  if (status === 401 || status === 403) {
    return new GatewayError('provider_unauthenticated', 502, `${upstreamLabel} rejected the API key configured in Gatehouse (HTTP ${status}): ${detail}. Check the deployment's api_key.`, options);
  }
  if (status === 408 || status === 504) return new GatewayError('provider_timeout', 504, `${upstreamLabel} timed out: ${detail}`, options);
  if (status >= 500) return new GatewayError('provider_server_error', 502, `${upstreamLabel} failed (HTTP ${status}): ${detail}`, options);
  return new GatewayError('provider_rejected', status === 404 ? 404 : status === 413 ? 413 : 400, `${upstreamLabel} rejected the request (HTTP ${status}): ${detail}`, options);
}
