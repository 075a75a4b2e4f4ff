import type { AnthropicUsage } from '../anthropic/types.ts';
import { convertAnthropicUsage } from '../anthropic-to-openai/convert-anthropic-usage.ts';
import type { ResponsesUsage } from '../responses/types.ts';

/**
 * Responses counts input as chat completions counts prompt tokens (cache reads and writes
 * included). Anthropic does not report thinking tokens apart from the answer, so
 * reasoning_tokens is 0 (its output_tokens already include them).
 */
export function convertUsageToResponses(usage: Partial<AnthropicUsage>): ResponsesUsage {
  const counts = convertAnthropicUsage(usage);
  return {
    input_tokens: counts.prompt_tokens,
    input_tokens_details: { cached_tokens: counts.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: counts.completion_tokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: counts.total_tokens,
  };
}
