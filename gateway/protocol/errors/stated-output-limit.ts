/** The output limit an upstream named when it refused a max_tokens as too large. */
export interface StatedOutputLimit {
  limit: number;
  /**
   * True when the limit is what the context window leaves after this request's input (vLLM):
   * it holds for this request only, so it is not remembered for the model.
   */
  perRequest: boolean;
}

/** Refusals that name the model's own output limit, in the words each upstream uses. */
const MODEL_LIMIT_PATTERNS: readonly RegExp[] = [
  // DeepSeek: "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]"
  // (Alibaba DashScope words it "Range of max_tokens should be [1, 8192]")
  /range of max_(?:completion_)?tokens (?:is|should be) \[\s*\d+\s*,\s*(\d+)\s*\]/i,
  // OpenAI: "max_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you provided 32000."
  /max_(?:completion_)?tokens is too large: \d+\. This model supports at most (\d+) completion tokens/i,
  // Groq: "`max_tokens` must be less than or equal to `8192`, the maximum value for `max_tokens` is less than the `context_window` for this model"
  /max_(?:completion_)?tokens`? must be less than or equal to `?(\d+)/i,
  // Anthropic: "max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens for claude-…"
  /max_tokens: \d+ > (\d+), which is the maximum allowed number of output tokens/i,
  // Volcengine Ark: "The parameter `max_completion_tokens` specified in the request are not valid: integer above maximum value, expected a value <= 12288, but got 32000 instead."
  /max_(?:completion_)?tokens`? specified in the request are not valid: integer above maximum value, expected a value <= (\d+)/i,
];

/** Refusals that name the context window and this request's input, so the room left is their difference. */
const CONTEXT_LEFT_PATTERNS: readonly RegExp[] = [
  // vLLM: "'max_tokens' or 'max_completion_tokens' is too large: 32000. This model's maximum context length is 32768 tokens and your request has 25000 input tokens (32000 > 32768 - 25000)."
  /'max_tokens' or 'max_completion_tokens' is too large: \d+\. This model's maximum context length is (\d+) tokens and your request has (\d+) input tokens/i,
  // OpenAI's older wording, which vLLM used too: "This model's maximum context length is 8192 tokens. However, you requested 70000 tokens (4000 in the messages, 66000 in the completion)."
  /maximum context length is (\d+) tokens\. However, you requested \d+ tokens \((\d+) in the messages, \d+ in the completion\)/i,
];

/**
 * Reads the output limit out of an upstream's "max_tokens too large" refusal (its raw error
 * body, JSON or text). Undefined when the text is not such a refusal, names no number, or leaves
 * no room for any output (the input alone fills the context window: a real context-window error).
 */
export function statedOutputLimit(text: string): StatedOutputLimit | undefined {
  for (const pattern of MODEL_LIMIT_PATTERNS) {
    const limit = Number(pattern.exec(text)?.[1]);
    if (limit >= 1) return { limit, perRequest: false };
  }
  for (const pattern of CONTEXT_LEFT_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const limit = Number(match[1]) - Number(match[2]);
    return limit >= 1 ? { limit, perRequest: true } : undefined;
  }
  return undefined;
}
