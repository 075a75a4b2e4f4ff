import type { GatewayError } from '../errors/index.ts';
import { toAnthropicErrorBody, toOpenAIErrorBody } from '../protocol/errors/format-error-body.ts';
import type { ClientResponse } from './client-response.ts';

/**
 * A complete error response in the client's protocol. `gatewayHeaders` name the request (and the
 * deployment tried) as on a success, so a failure can be found in the log.
 */
export function sendErrorResponse(response: ClientResponse, protocol: 'anthropic' | 'openai', error: GatewayError, gatewayHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify(protocol === 'anthropic' ? toAnthropicErrorBody(error) : toOpenAIErrorBody(error));
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...gatewayHeaders };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = Math.ceil(error.retryAfterSeconds);
  response.writeHead(error.status, headers);
  response.end(body);
}

/** After the first byte the status is sent: the error travels inside the stream, in protocol shape. */
export function writeStreamError(response: ClientResponse, protocol: 'anthropic' | 'openai', error: GatewayError): void {
  if (response.writableEnded || response.destroyed) return;
  const text = protocol === 'anthropic'
    ? `event: error\ndata: ${JSON.stringify(toAnthropicErrorBody(error))}\n\n`
    : `data: ${JSON.stringify(toOpenAIErrorBody(error))}\n\n`;
  response.end(text);
}
