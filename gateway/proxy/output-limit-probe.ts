import type { AnthropicMessageResponse } from '../protocol/anthropic/types.ts';

/** Claude Code and health checks probe a model with max_tokens 1; reasoning models cannot answer in so few. */
const PROBE_MAX_TOKENS = 16;
const OUTPUT_LIMIT_MESSAGE = /max_tokens|max_completion_tokens|output limit|max output|too small|at least \d+ tokens/i;

/**
 * An upstream that refuses a tiny-budget request with a 400 ("max_tokens or model output limit
 * was reached") makes the model look broken to the client. Such a refusal is really a reply cut
 * at max_tokens, so it is answered as one (litellm #35061).
 */
export function outputLimitReply(status: number, upstreamText: string, requestedMaxTokens: unknown, model: string): AnthropicMessageResponse | undefined {
  if (status !== 400 || typeof requestedMaxTokens !== 'number' || requestedMaxTokens > PROBE_MAX_TOKENS) return undefined;
  if (!OUTPUT_LIMIT_MESSAGE.test(upstreamText)) return undefined;
  return {
    id: 'msg_output_limit',
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: 'max_tokens',
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  };
}
