import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicMessagesRequest } from '../anthropic/types.ts';
import { outputBudget, userMetadata } from '../openai-to-anthropic/convert-request.ts';
import { convertInputItems } from './convert-input-items.ts';
import { convertResponsesTools } from './convert-responses-tools.ts';
import type { ResponsesRequest } from '../responses/types.ts';

/** Gatehouse answers every request afresh and stores nothing, as a client sending `store: false` expects. */
export const NO_STORED_RESPONSES = 'Gatehouse keeps no responses; send the full input (as with store: false) instead of previous_response_id.';

/**
 * OpenAI Responses → the canonical Anthropic request (stateless: the whole conversation comes in
 * `input`). Output limit, reasoning effort, structured output and `user` map as chat
 * completions' max_completion_tokens, reasoning_effort, response_format and user do.
 *
 * Ignored harmlessly, since they change nothing a stateless gateway produces: `store`,
 * `include` (encrypted reasoning is OpenAI's alone, see convert-input-items.ts),
 * `prompt_cache_key`, `truncation`, `service_tier`, `text.verbosity`, `reasoning.summary` and
 * `metadata` (which Anthropic has no place for beyond user_id). `text.format: json_object` is
 * dropped as chat's response_format json_object is: only json_schema has a counterpart.
 */
export function convertResponsesRequestToAnthropic(request: ResponsesRequest): AnthropicMessagesRequest {
  if (request.previous_response_id) throw invalidRequest(`previous_response_id: ${NO_STORED_RESPONSES}`);
  const { system, messages } = convertInputItems(request.input ?? [], request.instructions);
  const converted: AnthropicMessagesRequest = {
    model: request.model,
    messages,
    ...outputBudget(request.max_output_tokens ?? undefined, request.reasoning?.effort ?? undefined),
    ...convertResponsesTools(request),
  };
  if (system.length > 0) converted.system = system;
  if (request.stream === true) converted.stream = true;
  if (request.temperature !== undefined && request.temperature !== null) converted.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) converted.top_p = request.top_p;
  const format = request.text?.format;
  if (format?.type === 'json_schema') converted.output_config = { format: { type: 'json_schema', schema: format.schema } };
  return { ...converted, ...userMetadata(request.safety_identifier ?? request.user) };
}
