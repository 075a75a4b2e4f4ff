import type { OpenAIChatRequest } from './types.ts';

/**
 * The request with whichever output-limit fields it carries (max_tokens, max_completion_tokens)
 * lowered to `limit`; the same object when none is above it. A field the client left out stays
 * out. reasoning_effort is not a token count, so it is left alone.
 */
export function capOpenAIMaxTokens(request: OpenAIChatRequest, limit: number): OpenAIChatRequest {
  const over = (value: number | undefined) => value !== undefined && value > limit;
  if (!over(request.max_tokens) && !over(request.max_completion_tokens)) return request;
  return {
    ...request,
    ...(over(request.max_tokens) ? { max_tokens: limit } : {}),
    ...(over(request.max_completion_tokens) ? { max_completion_tokens: limit } : {}),
  };
}
