import type { UpstreamDialect } from '../upstream-dialect.ts';

/**
 * Ollama's native /api/chat (NDJSON) rather than its OpenAI-compatible endpoint, because
 * only the native API accepts num_ctx, keep_alive and think.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export const ollamaDialect: UpstreamDialect = {
  protocol: 'ollama',
  displayName: 'Ollama',
  defaultBase: 'http://127.0.0.1:11434',
  chatPath: '/api/chat',
  headers: () => ({ 'content-type': 'application/json' }),
};
