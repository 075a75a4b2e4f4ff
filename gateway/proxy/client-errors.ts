import type { GatewayError } from '../errors/index.ts';
import { toAnthropicErrorBody, toOpenAIErrorBody } from '../protocol/errors/format-error-body.ts';
import type { ClientResponse } from './client-response.ts';

/** A complete error response in the client's protocol. */
export function sendErrorResponse(response: ClientResponse, protocol: 'anthropic' | 'openai', error: GatewayError, deploymentId?: string): void {
  const body = JSON.stringify(protocol === 'anthropic' ? toAnthropicErrorBody(error) : toOpenAIErrorBody(error));
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = Math.ceil(error.retryAfterSeconds);
  if (deploymentId) headers['x-gatehouse-deployment'] = deploymentId;
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
