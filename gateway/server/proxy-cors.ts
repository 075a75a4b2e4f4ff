/**
 * CORS for the proxy API, off unless gatehouse.server.allowed_origins lists exact origins. A page
 * from any other origin gets no grant and its preflights are refused; its simple requests, which
 * a browser sends without asking first, are refused too, so it cannot spend the user's provider
 * keys blind (CSRF). There is never a wildcard.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../errors/index.ts';

const PREFLIGHT_MAX_AGE_SECONDS = 600;
/** What the SDKs send; a preflight asking for others gets exactly what it asked for. */
const DEFAULT_ALLOWED_HEADERS = 'authorization, content-type, x-api-key, anthropic-version, anthropic-beta';

/**
 * Adds the CORS grant for an allowed Origin and answers its preflight. Returns true when the
 * request has been answered; throws 403 for a foreign Origin.
 */
export function applyProxyCors(request: IncomingMessage, response: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  // No Origin: not a browser's cross-origin request. Our own origin: the dashboard, same-origin.
  if (origin === undefined || origin === `http://${request.headers.host}`) return false;
  if (!allowedOrigins.includes(origin)) {
    throw new GatewayError('caller_forbidden', 403, `Requests from the web origin ${origin.slice(0, 200)} are refused: browsers may call the proxy API only from origins listed in gatehouse.server.allowed_origins.`);
  }
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('vary', 'Origin');
  if (request.method !== 'OPTIONS') return false;
  response.writeHead(204, {
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? DEFAULT_ALLOWED_HEADERS,
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
  });
  response.end();
  return true;
}
