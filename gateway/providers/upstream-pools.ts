import type { Pool as PoolType } from 'undici';
import { Pool, requestOn, undiciErrors } from './undici-parts.ts';
import { GatewayError } from '../errors/index.ts';
import type { ProviderResponse, ProviderTimeouts, UpstreamSignal } from './provider.ts';

/**
 * One keep-alive undici Pool per upstream origin, shared by every deployment that talks to
 * it (several Ollama models share 127.0.0.1:11434), so connections are reused across them.
 */
export class UpstreamPools {
  readonly #pools = new Map<string, PoolType>();

  get(origin: string, timeouts: ProviderTimeouts): PoolType {
    const key = `${origin}|${timeouts.headersMs}|${timeouts.bodyIdleMs}`;
    let pool = this.#pools.get(key);
    if (!pool) {
      pool = new Pool(origin, {
        connections: 256,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyIdleMs,
        connect: { timeout: Math.min(timeouts.headersMs, 10_000) },
      });
      this.#pools.set(key, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.allSettled(pools.map((pool) => pool.close()));
  }
}

/** Where a request goes, split as undici's Pool wants it. */
export interface UpstreamTarget {
  origin: string;
  /** Path and query. */
  path: string;
}

export interface UpstreamCall {
  pools: UpstreamPools;
  target: UpstreamTarget;
  headers: Record<string, string>;
  body: string | Buffer;
  timeouts: ProviderTimeouts;
  signal: UpstreamSignal;
  /** Names the upstream in error messages ("OpenAI at https://api.openai.com"). */
  label: string;
}

/** POSTs a body and resolves with the response head as soon as it arrives; the body streams. */
export async function postToUpstream(call: UpstreamCall): Promise<ProviderResponse> {
  const pool = call.pools.get(call.target.origin, call.timeouts);
  try {
    const response = await requestOn(pool, {
      method: 'POST',
      path: call.target.path,
      headers: call.headers,
      body: call.body,
      signal: call.signal,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw describeTransportError(error, call.label, call.timeouts);
  }
}

/** Turns undici/socket failures into errors a user can act on. */
export function describeTransportError(error: unknown, label: string, timeouts: ProviderTimeouts): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  if (error instanceof undiciErrors.HeadersTimeoutError || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new GatewayError('provider_timeout', 504, `${label} did not answer within ${Math.round(timeouts.headersMs / 1000)} s.`, { cause: error });
  }
  if (error instanceof undiciErrors.BodyTimeoutError || code === 'UND_ERR_BODY_TIMEOUT') {
    return new GatewayError('provider_timeout', 504, `${label} went silent for ${Math.round(timeouts.bodyIdleMs / 1000)} s in the middle of a response.`, { cause: error });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new GatewayError('provider_timeout', 504, `Connecting to ${label} timed out.`, { cause: error });
  }
  if ((error as { name?: string } | null)?.name === 'AbortError' || code === 'UND_ERR_ABORTED') {
    return new GatewayError('caller_timeout', 499, 'The request was cancelled before the upstream answered.', { cause: error });
  }
  const reason = code || (error as Error | null)?.message || 'unknown error';
  if (code === 'ECONNREFUSED') {
    return new GatewayError('provider_unreachable', 502, `${label} refused the connection (is it running?).`, { cause: error });
  }
  return new GatewayError('provider_unreachable', 502, `Could not reach ${label} (${reason}).`, { cause: error });
}

/** Joins an api_base and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): UpstreamTarget {
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  const url = new URL(trimmed + path);
  return { origin: url.origin, path: url.pathname + url.search };
}
