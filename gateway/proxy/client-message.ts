import type { AnthropicMessageResponse } from '../protocol/anthropic/types.ts';
import { convertAnthropicResponseToOpenAI } from '../protocol/anthropic-to-openai/convert-response.ts';
import { convertAnthropicResponseToResponses } from '../protocol/anthropic-to-responses/convert-response.ts';
import type { ResponsesIdentity } from '../protocol/anthropic-to-responses/create-response.ts';
import type { ResponsesRequest } from '../protocol/responses/types.ts';
import type { ClientProtocol } from './client-protocol.ts';
import type { StreamIdentity } from './stream-codecs.ts';

/** What a Responses answer is built from: its ids and the client's request, which it echoes. */
export function responsesIdentity(identity: StreamIdentity, clientBody: Record<string, unknown>): ResponsesIdentity {
  return { id: identity.responseId, createdAt: identity.created, model: identity.clientModel, request: clientBody as unknown as ResponsesRequest };
}

/** A whole canonical answer in the client's protocol, ready for JSON.stringify. */
export function clientMessageBody(protocol: ClientProtocol, message: AnthropicMessageResponse, identity: StreamIdentity, clientBody: Record<string, unknown>): unknown {
  if (protocol === 'anthropic') return message;
  if (protocol === 'openai') return convertAnthropicResponseToOpenAI(message, { id: identity.openaiId, created: identity.created, model: identity.clientModel });
  return convertAnthropicResponseToResponses(message, responsesIdentity(identity, clientBody));
}
