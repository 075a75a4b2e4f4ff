import type { AnthropicMessageResponse } from '../protocol/anthropic/types.ts';
import { messageToStreamEvents } from '../protocol/anthropic/message-to-stream-events.ts';
import { clientMessageBody } from './client-message.ts';
import type { ClientResponse } from './client-response.ts';
import type { ProxyCall } from './handle-proxy-request.ts';
import { newStreamIdentity } from './attempt-context.ts';
import { createClientEncoder } from './stream-codecs.ts';

/**
 * Answers with a complete message the gateway already has (a cache hit, a synthesized reply)
 * in the client's protocol; a streaming client gets it replayed as a well-formed stream.
 */
export function serveMessage(call: ProxyCall, answer: AnthropicMessageResponse, stream: boolean, response: ClientResponse, headers: Record<string, string>): void {
  const identity = newStreamIdentity(call, undefined);
  const message: AnthropicMessageResponse = { ...answer, id: identity.messageId, model: identity.clientModel };
  if (stream) {
    const encoder = createClientEncoder(call.clientProtocol, identity, call.body);
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
    response.end(encoder.encode(messageToStreamEvents(message)) + encoder.end());
    return;
  }
  const out = JSON.stringify(clientMessageBody(call.clientProtocol, message, identity, call.body));
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out), ...headers });
  response.end(out);
}
