import type { OllamaMetrics } from '../ollama/types.ts';

export interface OllamaUsage {
  input_tokens: number;
  output_tokens: number;
  /** Present only when Ollama reported its KV-cache hits. */
  cache_read_input_tokens?: number;
}

/**
 * Anthropic counts cached prompt tokens apart from `input_tokens`, while Ollama's
 * `prompt_eval_count` includes them, so the cached part is moved out. A missing counter
 * becomes 0 here because the Anthropic usage shape has no "unknown"; callers that need to
 * tell the difference read the raw metrics.
 * @see https://github.com/ollama/ollama/blob/main/openai/openai.go (PromptEvalCachedCount → cached_tokens)
 */
export function convertOllamaUsage(metrics: OllamaMetrics): OllamaUsage {
  const promptTokens = metrics.prompt_eval_count ?? 0;
  const usage: OllamaUsage = { input_tokens: promptTokens, output_tokens: metrics.eval_count ?? 0 };
  const cached = metrics.prompt_eval_cached_count;
  if (cached !== undefined) {
    usage.input_tokens = Math.max(0, promptTokens - cached);
    usage.cache_read_input_tokens = cached;
  }
  return usage;
}

/** Copies only the metric fields Ollama actually sent, so absent ones stay unknown. */
export function pickOllamaMetrics(chunk: OllamaMetrics): OllamaMetrics {
  const metrics: OllamaMetrics = {};
  for (const key of METRIC_KEYS) {
    const value = chunk[key];
    if (typeof value === 'number') metrics[key] = value;
  }
  return metrics;
}

const METRIC_KEYS = [
  'total_duration',
  'load_duration',
  'prompt_eval_count',
  'prompt_eval_cached_count',
  'prompt_eval_duration',
  'eval_count',
  'eval_duration',
] as const satisfies readonly (keyof OllamaMetrics)[];
