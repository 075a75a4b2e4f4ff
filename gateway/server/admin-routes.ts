/**
 * The HTTP side of the admin API (/admin/*): origin check, authentication (bearer admin token or
 * session cookie, with a limit on wrong tokens), endpoint matching from the contract's table,
 * body and query validation with its schemas, JSON/CSV/204 answers, and the SSE event stream.
 * The handlers themselves live in gateway/admin/ and know nothing of HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as z from 'zod';
import { GatewayError, toGatewayError } from '../errors/index.ts';
import { formatPath } from '../config/config-issue.ts';
import { adminEndpoints, sessionRequestSchema, type AdminEndpointName, type AdminEvent } from '../admin/contract.ts';
import type { AdminContext, AdminOperations, AdminReply, OperationInput, OperationName } from '../admin/admin-api.ts';
import { AdminSessions, sessionCookieName, verifyAdminToken } from '../admin/session.ts';
import { AuthFailureLimiter } from './auth-failure-limiter.ts';
import { scrubSecrets } from '../secrets/scrub-secrets.ts';
import { presentedKey } from './proxy-auth.ts';

export interface AdminRoutesOptions {
  context: AdminContext;
  operations: AdminOperations;
  log(line: string): void;
}

/** Config YAML is capped at 1,000,000 characters by the contract; UTF-8 may take more bytes. */
const MAX_ADMIN_BODY_BYTES = 4 * 1024 * 1024;
/** POST /admin/session is read before anyone is authenticated: a token fits many times over, a flood of megabytes does not. */
const MAX_SESSION_BODY_BYTES = 4 * 1024;
const HEARTBEAT_MS = 15_000;
/** Unsent SSE bytes allowed per client; past it events are dropped for that client, not queued. */
const MAX_SSE_BUFFER_BYTES = 1024 * 1024;

const SECURITY_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

interface Match {
  name: AdminEndpointName;
  params: Record<string, string>;
}

const ENDPOINTS = (Object.entries(adminEndpoints) as [AdminEndpointName, (typeof adminEndpoints)[AdminEndpointName]][])
  .map(([name, spec]) => ({ name, spec, segments: spec.path.split('/') }));

function matchEndpoint(method: string, pathname: string): Match {
  const segments = pathname.split('/');
  let pathMatched = false;
  for (const endpoint of ENDPOINTS) {
    if (endpoint.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = endpoint.segments.every((segment, index) => {
      const actual = segments[index]!;
      if (!segment.startsWith(':')) return segment === actual;
      if (actual === '') return false;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
        return true;
      } catch {
        return false;
      }
    });
    if (!matches) continue;
    pathMatched = true;
    if (endpoint.spec.method === method) return { name: endpoint.name, params };
  }
  if (pathMatched) throw new GatewayError('caller_invalid_request', 405, `${method} is not allowed on ${pathname}.`);
  throw new GatewayError('caller_not_found', 404, `No admin endpoint ${method} ${pathname}; see the README's "Admin API" section.`);
}

function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? formatPath(issue.path) : where}: ${issue.message}`);
  throw new GatewayError('caller_invalid_request', 400, `Invalid ${where}: ${problems.join('; ')}`);
}

/** An absent body is `{}`, so POSTs whose fields are all optional need none. */
async function readBody(request: IncomingMessage, limit = MAX_ADMIN_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      const shown = limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MiB` : `${limit / 1024} KiB`;
      throw new GatewayError('caller_payload_too_large', 413, `Bodies of this admin request are limited to ${shown}.`);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
  } catch (error) {
    throw new GatewayError('caller_invalid_request', 400, `The request body is not valid JSON (${(error as Error).message}).`);
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** The gateway's own origins: what it listens on, under each loopback spelling of its port. */
function ownOrigins(context: AdminContext): Set<string> {
  const port = context.runtime.listeningPort;
  return new Set([context.runtime.listeningUrl, `http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]);
}

/** A browser page from anywhere else (or a DNS-rebound name) must not drive the admin API, even with a cookie. */
function checkOrigin(request: IncomingMessage, context: AdminContext): void {
  const origin = request.headers.origin;
  if (origin === undefined || ownOrigins(context).has(origin)) return;
  throw new GatewayError('caller_forbidden', 403, `Admin requests from origin ${origin} are refused; the admin API serves only the dashboard at ${context.runtime.listeningUrl}/ui.`);
}

function sendJson(response: ServerResponse, status: number, text: string, headers: Record<string, string | number> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function sendError(response: ServerResponse, failure: GatewayError, secrets: readonly string[]): void {
  const headers: Record<string, string> = failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) };
  if (failure.status === 401) headers['www-authenticate'] = 'Bearer realm="gatehouse-admin"';
  sendJson(response, failure.status, scrubSecrets(JSON.stringify({ error: { type: failure.type, message: failure.message } }), secrets), headers);
}

function sendReply(response: ServerResponse, reply: AdminReply, secrets: readonly string[]): void {
  switch (reply.kind) {
    case 'empty':
      response.writeHead(204, SECURITY_HEADERS);
      response.end();
      return;
    case 'csv': {
      const text = scrubSecrets(reply.text, secrets);
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${reply.filename}"`,
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
      return;
    }
    case 'json': {
      const text = JSON.stringify(reply.body);
      sendJson(response, reply.status, reply.revealsSecrets ? text : scrubSecrets(text, secrets));
    }
  }
}

const sseFrame = (event: AdminEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** GET /admin/events. A slow client loses events (it can re-read state over HTTP); it never makes the gateway buffer without bound. */
function streamEvents(request: IncomingMessage, response: ServerResponse, context: AdminContext): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  response.socket?.setNoDelay(true);
  const send = (frame: string) => {
    if (response.writableLength > MAX_SSE_BUFFER_BYTES) return;
    response.write(frame);
  };
  send(sseFrame({ type: 'stream.ready', inFlight: context.inFlight(), at: Date.now() }));
  // A reload that changes the admin token ends the streams opened with the old one; reconnecting needs the new one.
  const openedWith = context.runtime.adminToken;
  const unsubscribe = context.runtime.events.subscribe((event) => {
    if (context.runtime.adminToken === openedWith) send(sseFrame(event));
    else response.end();
  });
  const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  response.on('close', stop);
  request.on('error', stop);
}

function setSessionCookie(response: ServerResponse, name: string, value: string, maxAgeSeconds?: number): void {
  response.setHeader('set-cookie', `${name}=${value}; HttpOnly; SameSite=Strict; Path=/${maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`}`);
}

export function createAdminRoutes(options: AdminRoutesOptions) {
  const { context, operations } = options;
  const sessions = new AdminSessions();
  const limiter = new AuthFailureLimiter('admin tokens');

  const cookieName = () => sessionCookieName(context.runtime.listeningPort);

  function authenticate(request: IncomingMessage, address: string): void {
    const session = cookieValue(request.headers.cookie, cookieName());
    const state = session === undefined ? 'unknown' : sessions.check(session, context.runtime.adminToken);
    if (state === 'valid') return;
    const token = presentedKey(request.headers);
    if (token === undefined && state === 'stale') {
      throw new GatewayError('caller_unauthenticated', 401, 'The admin token was changed in the config (gatehouse.server.admin_token), which signed this dashboard out: sign in again with the new token (POST /admin/session).');
    }
    if (token === undefined) {
      throw new GatewayError('caller_unauthenticated', 401, 'The admin API needs "Authorization: Bearer <admin token>" or a dashboard session (POST /admin/session).');
    }
    verifyAdminToken(token, context.runtime.adminToken, limiter, address);
  }

  return async function handleAdmin(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const address = request.socket.remoteAddress ?? 'unknown';
    try {
      checkOrigin(request, context);
      if (method === 'OPTIONS') {
        // Same-origin pages never preflight; an allowed origin gets an answer without any CORS grant.
        response.writeHead(204, { ...SECURITY_HEADERS, allow: 'GET, POST, PUT, DELETE' });
        return void response.end();
      }
      const match = matchEndpoint(method, url.pathname);
      if (match.name === 'sessionCreate') {
        const body = parseWith(sessionRequestSchema, await readBody(request, MAX_SESSION_BODY_BYTES), 'body');
        verifyAdminToken(body.token, context.runtime.adminToken, limiter, address);
        setSessionCookie(response, cookieName(), sessions.create(context.runtime.adminToken));
        response.writeHead(204, SECURITY_HEADERS);
        return void response.end();
      }
      if (match.name === 'sessionDelete') {
        const session = cookieValue(request.headers.cookie, cookieName());
        if (session !== undefined) sessions.delete(session);
        setSessionCookie(response, cookieName(), '', 0);
        response.writeHead(204, SECURITY_HEADERS);
        return void response.end();
      }
      authenticate(request, address);
      if (match.name === 'events') return streamEvents(request, response, context);
      const spec = adminEndpoints[match.name] as { method: string; path: string; query?: z.ZodType; body?: z.ZodType };
      const input: OperationInput<OperationName> = {
        params: match.params,
        query: spec.query ? parseWith(spec.query, Object.fromEntries(url.searchParams), 'query') : undefined,
        body: spec.body ? parseWith(spec.body, await readBody(request), 'body') : undefined,
      } as OperationInput<OperationName>;
      const operation = operations[match.name] as (input: OperationInput<OperationName>) => AdminReply | Promise<AdminReply>;
      sendReply(response, await operation(input), context.runtime.secrets());
    } catch (error) {
      const failure = toGatewayError(error);
      const secrets = context.runtime.secrets();
      // The cause's message and stack may quote a key (a provider error, a config value), like any other output channel.
      if (failure.type === 'gateway_internal') options.log(`admin: internal error on ${method} ${url.pathname}: ${scrubSecrets((failure.cause as Error | undefined)?.stack ?? failure.message, secrets)}`);
      if (response.headersSent || response.destroyed) {
        response.destroy();
        return;
      }
      if (!request.complete) response.setHeader('connection', 'close');
      sendError(response, failure, secrets);
    }
  };
}
