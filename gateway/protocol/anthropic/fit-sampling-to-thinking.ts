import type { AnthropicMessagesRequest } from './types.ts';
import { claudeModelRules } from './claude-model-rules.ts';
import { withoutThinking } from './without-thinking.ts';
import { isThinkingOff } from './is-thinking-off.ts';

/** The lowest top_p Anthropic accepts beside extended thinking. */
const MINIMUM_TOP_P_WITH_THINKING = 0.95;

/**
 * Claude Opus 4.7 and later refuse any temperature, top_p or top_k other than the default (400
 * "`temperature` is deprecated for this model"), and OpenAI clients send a temperature as a matter
 * of course: for those models the three are left out, as LiteLLM's drop_params does, since the
 * model samples by its effort instead (sources in claude-model-rules.ts).
 */
function withoutSampling(request: AnthropicMessagesRequest): AnthropicMessagesRequest {
  if (request.temperature === undefined && request.top_p === undefined && request.top_k === undefined) return request;
  const { temperature: _temperature, top_p: _topP, top_k: _topK, ...rest } = request;
  return rest;
}

/**
 * Anthropic refuses extended thinking beside forced tool use, a temperature other than 1, top_k,
 * or a top_p below 0.95 (400 invalid_request_error); OpenAI accepts reasoning_effort with any of
 * them. On the way to Anthropic the request is made one it accepts, keeping what the client most
 * plausibly meant: a forced tool choice (`required` or a named function) demands the call, so it
 * wins and thinking is left off; otherwise the client asked for reasoning and sampling yields to
 * it (top_p raised to the lowest value allowed, the nearest to the ask). Other upstreams have no
 * such rule and get the request as converted.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking (feature compatibility)
 */
export function fitSamplingToThinking(request: AnthropicMessagesRequest, model: string): AnthropicMessagesRequest {
  if (claudeModelRules(model)?.samplingParams === false) return withoutSampling(request);
  if (request.thinking === undefined || isThinkingOff(request.thinking)) return request;
  const choice = request.tool_choice?.type;
  if (choice === 'any' || choice === 'tool') return withoutThinking(request);
  if (!(request.temperature !== undefined && request.temperature !== 1) && request.top_k === undefined && !(request.top_p !== undefined && request.top_p < MINIMUM_TOP_P_WITH_THINKING)) return request;
  const { temperature, top_k: _topK, top_p: topP, ...rest } = request;
  return {
    ...rest,
    ...(temperature === 1 ? { temperature } : {}),
    ...(topP === undefined ? {} : { top_p: Math.max(topP, MINIMUM_TOP_P_WITH_THINKING) }),
  };
}
