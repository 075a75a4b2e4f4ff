import type { AnthropicUsage } from './types.ts';

const INPUT_SIDE_COUNTS = new Set(['input_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens']);

/**
 * A stream's usage so far, updated by message_start (`fromDelta` false) or message_delta.
 * message_delta's counts are cumulative and replace message_start's, except an input-side 0:
 * Anthropic-compatible proxies write `input_tokens: 0` there for "not counted here".
 */
export function mergeStreamUsage(usage: Partial<AnthropicUsage>, update: Partial<AnthropicUsage>, fromDelta: boolean): Partial<AnthropicUsage> {
  let merged = usage;
  for (const [key, value] of Object.entries(update)) {
    if (value === null || value === undefined || (fromDelta && value === 0 && INPUT_SIDE_COUNTS.has(key))) continue;
    merged = { ...merged, [key]: value };
  }
  return merged;
}
