import type { UpstreamDialect } from '../upstream-dialect.ts';

/**
 * Any OpenAI-compatible Chat Completions server: OpenAI, OpenRouter, DeepSeek, vLLM,
 * LM Studio, llama.cpp. api_base includes the version segment, as in OpenAI's SDKs.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export const openaiDialect: UpstreamDialect = {
  protocol: 'openai',
  displayName: 'the OpenAI-compatible server',
  defaultBase: 'https://api.openai.com/v1',
  chatPath: '/chat/completions',
  headers(settings) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
    return headers;
  },
};
