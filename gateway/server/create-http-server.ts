import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { newRequestId } from './request-id.ts';
import { GatewayError, toGatewayError } from '../errors/index.ts';
import { handleProxyRequest, sendErrorResponse } from '../proxy/handle-proxy-request.ts';
import type { GatewayApp } from './gateway-app.ts';
import { readJsonBody } from './read-json-body.ts';
import { checkProxyAuth } from './proxy-auth.ts';
import { AuthFailureLimiter } from './auth-failure-limiter.ts';
import { checkHostHeader, extraHostNames } from './host-check.ts';
import { applyProxyCors } from './proxy-cors.ts';
import { countTokens } from './handle-count-tokens.ts';
import { headerRecord } from './header-record.ts';
import type { ClientProtocol } from '../proxy/client-protocol.ts';


/** What dispatch needs besides the app: fixed for the server's life. */
interface ServerGuards {
  /** Host names besides loopback that requests may address (the non-loopback bind address). */
  extraHostNames: ReadonlySet<string>;
  proxyAuthFailures: AuthFailureLimiter;
}

/**
 * Connection limits (slow-loris and oversized requests). maxHeaderSize is per server here, not
 * node's process-wide flag. Keep-alive outlives the 60 s idle pools of common clients so that a
 * reused connection is not closed under a request already on its way.
 */
export const HTTP_LIMITS = {
  maxHeaderSize: 64 * 1024,
  headersTimeout: 15_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 65_000,
  /** How often node looks for connections past headersTimeout/requestTimeout (its default is 30 s). */
  connectionsCheckingInterval: 2_000,
} as const;

/**
 * The path of a request target, decoded as WHATWG URL parsing would leave it (percent-escapes
 * kept). The proxy routes need nothing more, and a URL object per request showed in profiles;
 * the admin API and the dashboard, which read query strings, get a full URL.
 */
function pathnameOf(target: string): string {
  if (target.startsWith('/') && !target.startsWith('//') && !/[\\#\s]|\/\.|%2e/i.test(target)) {
    const query = target.indexOf('?');
    return query === -1 ? target : target.slice(0, query);
  }
  return fullUrl({ url: target }).pathname;
}

const fullUrl = (request: { url?: string | undefined }) => new URL(request.url ?? '/', 'http://gateway.invalid');

/** LiteLLM serves the same routes with and without the /v1 prefix; so do we. */
function normalisePath(pathname: string): string {
  if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
  return pathname.startsWith('/v1/') ? pathname.slice(3) : pathname;
}

/** Anthropic clients send anthropic-version; everything else is answered in OpenAI's shape. */
function protocolOf(request: IncomingMessage): ClientProtocol {
  return request.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
}

function sendJson(response: ServerResponse, status: number, value: unknown, extraHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extraHeaders });
  response.end(body);
}

const remoteAddress = (request: IncomingMessage) => request.socket.remoteAddress ?? 'unknown';

function authenticateProxy(app: GatewayApp, guards: ServerGuards, request: IncomingMessage): void {
  checkProxyAuth(request.headers, app.masterKey(), guards.proxyAuthFailures, remoteAddress(request));
}

async function proxy(app: GatewayApp, guards: ServerGuards, request: IncomingMessage, response: ServerResponse, protocol: ClientProtocol): Promise<void> {
  const startedMark = performance.now();
  const startedAt = Date.now();
  authenticateProxy(app, guards, request);
  const { body, bytes } = await readJsonBody(request, app.maxBodyBytes());
  await handleProxyRequest(app.proxy, {
    id: newRequestId(startedAt),
    clientProtocol: protocol,
    body,
    rawBytes: bytes,
    headers: headerRecord(request.headers),
    startedAt,
    startedMark,
  }, response);
}

function listModels(app: GatewayApp, guards: ServerGuards, request: IncomingMessage, response: ServerResponse): void {
  authenticateProxy(app, guards, request);
  const models = app.models();
  if (protocolOf(request) === 'anthropic') {
    // @see https://docs.anthropic.com/en/api/models-list (Claude Code's gateway model discovery reads this shape)
    const data = models.map((model) => ({ type: 'model', id: model.id, display_name: model.id, created_at: new Date(model.createdAt * 1000).toISOString() }));
    sendJson(response, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    return;
  }
  sendJson(response, 200, { object: 'list', data: models.map((model) => ({ id: model.id, object: 'model', created: model.createdAt, owned_by: model.ownedBy })) });
}

async function dispatch(app: GatewayApp, guards: ServerGuards, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const pathname = pathnameOf(request.url ?? '/');
  const path = normalisePath(pathname);
  const method = request.method ?? 'GET';
  let protocol: ClientProtocol = path.startsWith('/messages') ? 'anthropic' : protocolOf(request);
  const isAdmin = pathname.startsWith('/admin/') || pathname === '/admin';
  const isUi = pathname === '/ui' || pathname.startsWith('/ui/');
  try {
    // Before anything else, even the cheap HEAD /: a DNS-rebound page must learn nothing.
    checkHostHeader(request.headers.host, request.socket.localPort ?? 0, guards.extraHostNames);
    // The admin API checks origins itself (its dashboard is same-origin); everything else is the proxy API's.
    if (!isAdmin && !isUi && applyProxyCors(request, response, app.allowedOrigins())) return;
    if (method === 'POST' && path === '/messages') return await proxy(app, guards, request, response, 'anthropic');
    if (method === 'POST' && path === '/chat/completions') {
      protocol = 'openai';
      return await proxy(app, guards, request, response, 'openai');
    }
    if (method === 'POST' && path === '/responses') {
      protocol = 'responses';
      return await proxy(app, guards, request, response, 'responses');
    }
    if (method === 'POST' && path === '/messages/count_tokens') {
      authenticateProxy(app, guards, request);
      return sendJson(response, 200, await countTokens(app, request, response, await readJsonBody(request, app.maxBodyBytes())));
    }
    if (method === 'GET' && path === '/models') return listModels(app, guards, request, response);
    if ((method === 'GET' || method === 'HEAD') && path === '/') {
      // Claude Code warms its connection with an unauthenticated HEAD / on every start.
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return void response.end(method === 'HEAD' ? undefined : 'Gatehouse is running\n');
    }
    if (method === 'GET' && (path === '/health' || path === '/health/liveliness' || path === '/health/liveness')) return sendJson(response, 200, { status: 'ok' });
    if (method === 'GET' && path === '/health/readiness') {
      const report = app.readiness();
      return sendJson(response, report.ok ? 200 : 503, { status: report.ok ? 'ready' : 'not ready', ...report });
    }
    if (method === 'GET' && path === '/metrics') {
      const metrics = await app.metrics();
      response.writeHead(200, { 'content-type': metrics.contentType });
      return void response.end(metrics.body);
    }
    if (isAdmin && app.admin) return await app.admin(request, response, fullUrl(request));
    if (isUi && app.ui) return await app.ui(request, response, fullUrl(request));
    throw new GatewayError('caller_not_found', 404, `No route for ${method} ${pathname}. The proxy serves POST /v1/messages, POST /v1/chat/completions, POST /v1/responses, POST /v1/messages/count_tokens and GET /v1/models.`);
  } catch (error) {
    const scrubber = app.proxy.scrubber();
    const unscrubbed = toGatewayError(error);
    const failure = scrubber.error(unscrubbed);
    if (failure.type === 'gateway_internal') {
      const detail = (unscrubbed.cause as Error | undefined)?.stack ?? failure.message;
      app.log(`internal error on ${method} ${pathname}: ${scrubber.outbound(detail) as string}`);
    }
    if (response.headersSent || response.destroyed) {
      response.destroy();
      return;
    }
    // Stop reading a body we refused (too large, bad auth) and do not keep the connection.
    if (!request.complete) response.setHeader('connection', 'close');
    sendErrorResponse(response, protocol, failure);
  }
}

export interface HttpServerOptions {
  maxConnections: number;
  /** The address the server will listen on; decides which Host names besides loopback are accepted. */
  bindHost: string;
}

export function createHttpServer(app: GatewayApp, options: HttpServerOptions): Server {
  const guards: ServerGuards = {
    extraHostNames: extraHostNames(options.bindHost),
    proxyAuthFailures: new AuthFailureLimiter('gateway keys'),
  };
  const server = createServer(HTTP_LIMITS, (request, response) => {
    void dispatch(app, guards, request, response);
  });
  server.maxConnections = options.maxConnections;
  return server;
}
