import type { AnthropicUsage } from '../anthropic/types.ts';
import type { OpenAIUsage } from '../openai/types.ts';
import { toTokenCount } from '../shared/token-count.ts';

/** The inverse of convertOpenAIUsage: OpenAI's prompt_tokens include cache reads and writes. */
export function convertAnthropicUsage(usage: Partial<AnthropicUsage>): OpenAIUsage {
  const cacheRead = toTokenCount(usage.cache_read_input_tokens) ?? 0;
  const cacheWrite = toTokenCount(usage.cache_creation_input_tokens) ?? 0;
  const promptTokens = (toTokenCount(usage.input_tokens) ?? 0) + cacheRead + cacheWrite;
  const completionTokens = toTokenCount(usage.output_tokens) ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_creation_tokens: cacheWrite },
  };
}
