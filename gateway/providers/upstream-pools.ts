import type { Dispatcher } from 'undici';
import { loadProxyAgent, Pool, requestOn, undiciErrors } from './undici-parts.ts';
import { GatewayError } from '../errors/index.ts';
import { upstreamProxyFor, type UpstreamProxy } from './env-proxy.ts';
import type { ProviderResponse, ProviderTimeouts, UpstreamSignal } from './provider.ts';

/** How requests to one origin are sent: a pool of direct connections, or through the proxy the environment names. */
interface UpstreamRoute {
  dispatcher: Dispatcher;
  proxy: UpstreamProxy | undefined;
}

/**
 * One keep-alive undici Pool per upstream origin, shared by every deployment that talks to
 * it (several Ollama models share 127.0.0.1:11434), so connections are reused across them.
 * An origin the environment's proxy variables cover gets a ProxyAgent instead (see env-proxy.ts).
 */
export class UpstreamPools {
  readonly #routes = new Map<string, UpstreamRoute>();
  readonly #env: NodeJS.ProcessEnv;

  constructor(env: NodeJS.ProcessEnv) {
    this.#env = env;
  }

  get(origin: string, timeouts: ProviderTimeouts): UpstreamRoute {
    const key = `${origin}|${timeouts.headersMs}|${timeouts.bodyIdleMs}`;
    let route = this.#routes.get(key);
    if (!route) {
      const options = {
        connections: 256,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyIdleMs,
        connect: { timeout: Math.min(timeouts.headersMs, 10_000) },
      };
      const proxy = upstreamProxyFor(origin, this.#env);
      // proxyTunnel false: an http:// upstream is forwarded by an http proxy as curl and Node send it
      // (absolute URL), not tunnelled: proxies such as Squid refuse CONNECT to ports other than 443.
      // https:// upstreams are tunnelled either way.
      const dispatcher = proxy === undefined ? new Pool(origin, options) : new (loadProxyAgent())({ ...options, uri: proxy.url, proxyTunnel: false });
      route = { dispatcher, proxy };
      this.#routes.set(key, route);
    }
    return route;
  }

  async close(): Promise<void> {
    const routes = [...this.#routes.values()];
    this.#routes.clear();
    await Promise.allSettled(routes.map((route) => route.dispatcher.close()));
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
  let proxy: UpstreamProxy | undefined;
  try {
    const route = call.pools.get(call.target.origin, call.timeouts);
    proxy = route.proxy;
    const response = await requestOn(route.dispatcher, {
      method: 'POST',
      // A pool knows its origin; an agent (the proxy's) is told it with each request.
      origin: call.target.origin,
      path: call.target.path,
      headers: call.headers,
      body: call.body,
      signal: call.signal,
      // The dispatcher has them too, but undici's SOCKS5 agent makes its per-origin pools without
      // them (its defaults are 300 s); a request's own timeouts hold on every path.
      headersTimeout: call.timeouts.headersMs,
      bodyTimeout: call.timeouts.bodyIdleMs,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw describeTransportError(error, call.label, call.timeouts, proxy);
  }
}

/** Turns undici/socket failures into errors a user can act on; `proxy`, when the request went through one. */
export function describeTransportError(error: unknown, upstream: string, timeouts: ProviderTimeouts, proxy?: UpstreamProxy): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  const label = proxy === undefined ? upstream : `${upstream} through the proxy ${proxy.display} (${proxy.variable})`;
  // Through a proxy the gateway connects only to the proxy: a refused or unresolvable connection is the proxy's.
  if (proxy !== undefined && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    const why = code === 'ECONNREFUSED' ? 'it refused the connection (is it running?)' : 'its host name does not resolve';
    return new GatewayError('provider_unreachable', 502, `Could not reach the proxy ${proxy.display} (${proxy.variable}) on the way to ${upstream}: ${why}. Fix ${proxy.variable}, or add the upstream's host to NO_PROXY to connect directly.`, { cause: error });
  }
  // undici reports a proxy that refuses a tunnel as an aborted request (it is not the client
  // cancelling), and one that wants credentials for a forwarded request as an invalid argument.
  const proxyStatus = /^Proxy (?:response|Authentication Required) \((\d+)\)/.exec((error as Error | null)?.message ?? '')?.[1];
  if (proxyStatus !== undefined) {
    const hint = proxyStatus === '407' ? ': it wants credentials, given in the proxy URL as http://user:password@host:port' : '';
    return new GatewayError('provider_unreachable', 502, `Could not reach ${label}: the proxy answered ${proxyStatus}${hint}.`, { cause: error });
  }
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
