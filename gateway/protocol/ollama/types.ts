/**
 * Ollama native API types (/api/chat, /api/tags, /api/ps, /api/show, /api/pull).
 * Durations are nanoseconds. Metric fields may be missing: callers treat a missing
 * counter as unknown, never as 0.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */

export interface OllamaToolCall {
  /** Newer Ollama versions send an id; older ones do not. */
  id?: string;
  function: { index?: number; name: string; arguments: Record<string, unknown> };
}

export interface OllamaChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Base64 images without the data: prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  thinking?: string;
  /** For role tool: which tool produced the result. */
  tool_name?: string;
  tool_call_id?: string;
}

export interface OllamaTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

export interface OllamaOptions {
  num_ctx?: number;
  num_predict?: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop?: string[];
  seed?: number;
  [key: string]: unknown;
}

export interface OllamaChatRequest {
  model: string;
  messages: OllamaChatMessage[];
  tools?: OllamaTool[];
  stream?: boolean;
  /** true/false, or "low" | "medium" | "high" for gpt-oss. */
  think?: boolean | 'low' | 'medium' | 'high';
  format?: 'json' | Record<string, unknown>;
  options?: OllamaOptions;
  keep_alive?: string | number;
}

export interface OllamaMetrics {
  total_duration?: number;
  load_duration?: number;
  /** All prompt tokens, the cached ones included (Ollama ≥0.30 restored this meaning). */
  prompt_eval_count?: number;
  /** Prompt tokens read from the KV cache; newer versions only (ollama PR #17943). */
  prompt_eval_cached_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
}

export interface OllamaChatChunk extends OllamaMetrics {
  model: string;
  created_at: string;
  message?: OllamaChatMessage;
  done: boolean;
  done_reason?: 'stop' | 'length' | 'load' | 'unload' | (string & {});
  /** Ollama reports failures mid-stream as a line with only this field. */
  error?: string;
}
