import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicMessagesRequest } from './types.ts';
import { claudeModelRules } from './claude-model-rules.ts';

/*
 * Claude 4.6 and later refuse a conversation that ends with an assistant message ("This model
 * does not support assistant message prefill. The conversation must end with a user message").
 * A prefill asks the answer to continue the given text, which no other request shape can promise,
 * and inventing a user turn ("continue") would put words in the client's mouth; so the request is
 * refused here, in the client's own protocol, naming the model and what to do, before a billed
 * round trip to an upstream that would refuse it less clearly.
 */

/** The request as it is, unless it ends with an assistant message `model` refuses: then a 400. */
export function rejectPrefill(request: AnthropicMessagesRequest, model: string): AnthropicMessagesRequest {
  if (request.messages.at(-1)?.role !== 'assistant' || claudeModelRules(model)?.prefill !== false) return request;
  throw invalidRequest(`${model} does not accept a conversation that ends with an assistant message (prefill). End the messages with a user message (put the wanted start of the answer in it or in the system prompt, or use structured output), or send this model name to a Claude model before 4.6.`);
}
