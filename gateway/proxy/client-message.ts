import type { AnthropicMessageResponse } from '../protocol/anthropic/types.ts';
import { convertAnthropicResponseToOpenAI, type OpenAIResponseIdentity } from '../protocol/anthropic-to-openai/convert-response.ts';
import { chatCustomToolNames } from '../protocol/anthropic-to-openai/custom-tool-names.ts';
import { convertAnthropicResponseToResponses } from '../protocol/anthropic-to-responses/convert-response.ts';
import type { ResponsesIdentity } from '../protocol/anthropic-to-responses/create-response.ts';
import type { ResponsesRequest } from '../protocol/responses/types.ts';
import type { ClientProtocol } from './client-protocol.ts';
import type { StreamIdentity } from './stream-codecs.ts';

/** What a Responses answer is built from: its ids and the client's request, which it echoes. */
export function responsesIdentity(identity: StreamIdentity, clientBody: Record<string, unknown>): ResponsesIdentity {
  return { id: identity.responseId, createdAt: identity.created, model: identity.clientModel, request: clientBody as unknown as ResponsesRequest };
}

/** What a Chat Completions answer is built from: its ids, and the client's custom tools, whose calls go back as custom calls. */
export function openaiIdentity(identity: StreamIdentity, clientBody: Record<string, unknown>): OpenAIResponseIdentity {
  return { id: identity.openaiId, created: identity.created, model: identity.clientModel, customTools: chatCustomToolNames(clientBody) };
}

/** A whole canonical answer in the client's protocol, ready for JSON.stringify. */
export function clientMessageBody(protocol: ClientProtocol, message: AnthropicMessageResponse, identity: StreamIdentity, clientBody: Record<string, unknown>): unknown {
  if (protocol === 'anthropic') return message;
  if (protocol === 'openai') return convertAnthropicResponseToOpenAI(message, openaiIdentity(identity, clientBody));
  return convertAnthropicResponseToResponses(message, responsesIdentity(identity, clientBody));
}
