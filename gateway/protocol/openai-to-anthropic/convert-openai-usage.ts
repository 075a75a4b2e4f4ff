import type { OpenAIUsage } from '../openai/types.ts';
import { toTokenCount } from '../shared/token-count.ts';

export interface AnthropicUsageCounts {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/**
 * OpenAI's prompt_tokens include cached tokens; Anthropic's input_tokens exclude both cache
 * reads and writes, so they are subtracted (floored at 0 for upstreams that count differently).
 * Cache fields come from Anthropic-style top-level fields (OpenRouter, LiteLLM) or OpenAI's
 * prompt_tokens_details.
 */
export function convertOpenAIUsage(usage: OpenAIUsage): AnthropicUsageCounts {
  const details = usage.prompt_tokens_details ?? undefined;
  const cacheRead = toTokenCount(usage.cache_read_input_tokens) ?? toTokenCount(details?.cached_tokens) ?? 0;
  const cacheWrite =
    toTokenCount(usage.cache_creation_input_tokens) ?? toTokenCount(details?.cache_creation_tokens) ?? toTokenCount(details?.cache_write_tokens) ?? 0;
  const promptTokens = toTokenCount(usage.prompt_tokens) ?? 0;
  return {
    input_tokens: Math.max(0, promptTokens - cacheRead - cacheWrite),
    output_tokens: toTokenCount(usage.completion_tokens) ?? 0,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheWrite,
  };
}
