import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GatewayError, toGatewayError } from '../errors/index.ts';
import { handleProxyRequest, sendErrorResponse } from '../proxy/handle-proxy-request.ts';
import type { GatewayApp } from './gateway-app.ts';
import { readJsonBody } from './read-json-body.ts';
import { checkProxyAuth } from './proxy-auth.ts';
import { countTokens } from './handle-count-tokens.ts';
import { headerRecord } from './header-record.ts';

type ClientProtocol = 'anthropic' | 'openai';

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

async function proxy(app: GatewayApp, request: IncomingMessage, response: ServerResponse, protocol: ClientProtocol): Promise<void> {
  const startedMark = performance.now();
  const startedAt = Date.now();
  checkProxyAuth(request.headers, app.masterKey());
  const { body, raw } = await readJsonBody(request, app.maxBodyBytes());
  await handleProxyRequest(app.proxy, {
    id: randomUUID(),
    clientProtocol: protocol,
    body,
    rawBody: raw,
    headers: headerRecord(request.headers),
    startedAt,
    startedMark,
  }, response);
}

function listModels(app: GatewayApp, request: IncomingMessage, response: ServerResponse): void {
  checkProxyAuth(request.headers, app.masterKey());
  const models = app.models();
  if (protocolOf(request) === 'anthropic') {
    // @see https://docs.anthropic.com/en/api/models-list (Claude Code's gateway model discovery reads this shape)
    const data = models.map((model) => ({ type: 'model', id: model.id, display_name: model.id, created_at: new Date(model.createdAt * 1000).toISOString() }));
    sendJson(response, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    return;
  }
  sendJson(response, 200, { object: 'list', data: models.map((model) => ({ id: model.id, object: 'model', created: model.createdAt, owned_by: model.ownedBy })) });
}

async function dispatch(app: GatewayApp, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://gateway.invalid');
  const path = normalisePath(url.pathname);
  const method = request.method ?? 'GET';
  let protocol: ClientProtocol = path.startsWith('/messages') ? 'anthropic' : protocolOf(request);
  try {
    if (method === 'POST' && path === '/messages') return await proxy(app, request, response, 'anthropic');
    if (method === 'POST' && path === '/chat/completions') {
      protocol = 'openai';
      return await proxy(app, request, response, 'openai');
    }
    if (method === 'POST' && path === '/messages/count_tokens') {
      checkProxyAuth(request.headers, app.masterKey());
      const { body, raw } = await readJsonBody(request, app.maxBodyBytes());
      return sendJson(response, 200, await countTokens(app, request, body, raw));
    }
    if (method === 'GET' && path === '/models') return listModels(app, request, response);
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
    if (url.pathname.startsWith('/admin/') || url.pathname === '/admin') {
      if (app.admin) return await app.admin(request, response, url);
    }
    if (url.pathname === '/ui' || url.pathname.startsWith('/ui/')) {
      if (app.ui) return await app.ui(request, response, url);
    }
    throw new GatewayError('caller_not_found', 404, `No route for ${method} ${url.pathname}. The proxy serves POST /v1/messages, POST /v1/chat/completions, POST /v1/messages/count_tokens and GET /v1/models.`);
  } catch (error) {
    const failure = toGatewayError(error);
    if (failure.type === 'gateway_internal') app.log(`internal error on ${method} ${url.pathname}: ${(failure.cause as Error | undefined)?.stack ?? failure.message}`);
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
}

export function createHttpServer(app: GatewayApp, options: HttpServerOptions): Server {
  const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 60_000, requestTimeout: 300_000 }, (request, response) => {
    void dispatch(app, request, response);
  });
  server.maxConnections = options.maxConnections;
  return server;
}
