import { invalidRequest } from '../../errors/index.ts';
import type { AnthropicMessagesRequest } from '../anthropic/types.ts';
import type { OpenAIChatRequest, ReasoningEffort } from '../openai/types.ts';
import { convertOpenAIMessages } from './convert-openai-messages.ts';
import { convertOpenAITools } from './convert-openai-tools.ts';
import { mapReasoningEffortToThinking } from './map-reasoning-effort-to-thinking.ts';

/** Anthropic requires max_tokens; OpenAI clients usually leave it out. */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * Anthropic answers 400 ("user_id appears to contain an email address") to a user_id holding an
 * email, which OpenAI clients often send as `user`; such a user is left out (LiteLLM #10106).
 */
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** An OpenAI client's `user` as Anthropic metadata, when Anthropic would accept it. */
export function userMetadata(user: string | undefined): Pick<AnthropicMessagesRequest, 'metadata'> {
  return user !== undefined && user !== '' && !EMAIL_ADDRESS.test(user) ? { metadata: { user_id: user } } : {};
}

/**
 * max_tokens and thinking from an OpenAI client's output limit and reasoning effort. Anthropic
 * counts thinking within max_tokens: without a client limit the budget comes on top of the
 * default (as in LiteLLM), or a high effort would leave the answer itself a token or two.
 * `none` is said as `disabled`: the newest Claude models think unless told not to, and those that
 * cannot stop take it as their lowest effort (adapt-thinking-to-model.ts).
 */
export function outputBudget(requestedMaxTokens: number | undefined, effort: ReasoningEffort | undefined): Pick<AnthropicMessagesRequest, 'max_tokens' | 'thinking'> {
  if (effort === 'none') return { max_tokens: requestedMaxTokens ?? DEFAULT_MAX_TOKENS, thinking: { type: 'disabled' } };
  const thinking = mapReasoningEffortToThinking(effort, requestedMaxTokens);
  const maxTokens = requestedMaxTokens ?? DEFAULT_MAX_TOKENS + (thinking?.budget_tokens ?? 0);
  return thinking === undefined ? { max_tokens: maxTokens } : { max_tokens: maxTokens, thinking };
}

/**
 * OpenAI Chat Completions → the canonical Anthropic request, for OpenAI clients in front of
 * Anthropic or Ollama upstreams.
 *
 * Dropped deliberately, because Anthropic has no equivalent: `stream_options` (Anthropic always
 * reports usage), `presence_penalty`, `frequency_penalty`, `seed`, `logprobs`, `logit_bias`,
 * `metadata`, `response_format: json_object` (only json_schema has a counterpart), and
 * `n: 1`. More than one choice cannot be produced, so n > 1 is refused.
 */
export function convertOpenAIRequestToAnthropic(request: OpenAIChatRequest): AnthropicMessagesRequest {
  if (request.n !== undefined && request.n !== null && request.n > 1) {
    throw invalidRequest(`n=${request.n} is not supported for this model: its upstream returns a single choice per request.`);
  }
  const { system, messages } = convertOpenAIMessages(request.messages);
  const { max_tokens: maxTokens, thinking } = outputBudget(request.max_completion_tokens ?? request.max_tokens ?? undefined, request.reasoning_effort);
  const converted: AnthropicMessagesRequest = { model: request.model, messages, max_tokens: maxTokens, ...convertOpenAITools(request) };

  if (system.length > 0) converted.system = system;
  if (request.stream === true) converted.stream = true;
  if (request.temperature !== undefined && request.temperature !== null) converted.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) converted.top_p = request.top_p;
  if (request.top_k !== undefined && request.top_k !== null) converted.top_k = request.top_k;
  if (request.stop !== undefined && request.stop !== null) {
    const stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
    if (stopSequences.length > 0) converted.stop_sequences = stopSequences;
  }
  if (thinking !== undefined) converted.thinking = thinking;
  if (request.response_format?.type === 'json_schema') {
    converted.output_config = { format: { type: 'json_schema', schema: request.response_format.json_schema.schema } };
  }
  return { ...converted, ...userMetadata(request.user) };
}
