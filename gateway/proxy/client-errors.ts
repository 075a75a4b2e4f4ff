import type { ErrorType, GatewayError } from '../errors/index.ts';
import { toAnthropicErrorBody, toOpenAIErrorBody } from '../protocol/errors/format-error-body.ts';
import type { ClientResponse } from './client-response.ts';
import type { ClientProtocol } from './client-protocol.ts';

/**
 * Errors no retry by the client can fix, sent with `x-should-retry: false`. Claude Code's retry
 * loop (withRetry's shouldRetry) and the Anthropic SDKs obey that header before the status, so
 * the user reads the cause at once instead of after ten backed-off retries of a 5xx. A bad
 * upstream key keeps its 502: as a 401 (LiteLLM's AuthenticationError) Claude Code would retry
 * it and then tell the user to run /login, which cannot fix a key in Gatehouse's config.
 */
const RETRY_CANNOT_HELP: ReadonlySet<ErrorType> = new Set(['provider_unauthenticated']);

/**
 * A complete error response in the client's protocol. `gatewayHeaders` name the request (and the
 * deployment tried) as on a success, so a failure can be found in the log.
 */
export function sendErrorResponse(response: ClientResponse, protocol: ClientProtocol, error: GatewayError, gatewayHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify(protocol === 'anthropic' ? toAnthropicErrorBody(error) : toOpenAIErrorBody(error));
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...gatewayHeaders };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = Math.ceil(error.retryAfterSeconds);
  if (RETRY_CANNOT_HELP.has(error.type)) headers['x-should-retry'] = 'false';
  response.writeHead(error.status, headers);
  response.end(body);
}

/**
 * After the first byte the status is sent: the error travels inside the stream, in protocol
 * shape. `failStream` writes it for a stream whose error events depend on what it carried
 * (a Responses stream numbers its events and ends with the failed response).
 */
export function writeStreamError(response: ClientResponse, protocol: ClientProtocol, error: GatewayError, failStream?: (error: GatewayError) => string): void {
  if (response.writableEnded || response.destroyed) return;
  if (failStream) return void response.end(failStream(error));
  const text = protocol === 'anthropic'
    ? `event: error\ndata: ${JSON.stringify(toAnthropicErrorBody(error))}\n\n`
    : `data: ${JSON.stringify(toOpenAIErrorBody(error))}\n\n`;
  response.end(text);
}
