import type { OpenAIUpstreamCapabilities } from '../../protocol/anthropic-to-openai/convert-request.ts';

/** OpenAI's reasoning models; every other model on api.openai.com rejects reasoning_effort. */
const OPENAI_REASONING_MODEL = /^(o\d|gpt-5|codex)/i;

/**
 * Hosts whose reasoning_effort goes up to "max": OpenRouter's list is none…max, and DeepSeek
 * takes low/high/max and maps the rest (api-docs.deepseek.com/guides/thinking_mode). Everyone
 * else gets at most "high".
 */
const MAX_EFFORT_HOSTS = new Set(['openrouter.ai', 'api.deepseek.com']);

/** DeepSeek's own API, or a DeepSeek model behind any other server (OpenRouter, vLLM, …). */
const isDeepSeek = (hostname: string, upstreamModel: string): boolean => hostname === 'api.deepseek.com' || /deepseek/i.test(upstreamModel);

/**
 * What an OpenAI-compatible deployment accepts. OpenAI's own API is strict (unknown or
 * unsupported parameters are a 400), so it is described by model name; other servers (vLLM,
 * llama.cpp, LM Studio, OpenRouter, DeepSeek) ignore what they do not use, so the request goes
 * as the client sent it unless the config says otherwise (model_info.supports_reasoning,
 * model_info.max_output_tokens). Only reasoning_effort is capped everywhere, since its values
 * are validated (vLLM and OpenAI reject "max").
 * @see https://platform.openai.com/docs/guides/reasoning
 */
export function openAICapabilities(apiBase: string, upstreamModel: string, configured: { supportsReasoning?: boolean; maxOutputTokens?: number }): OpenAIUpstreamCapabilities {
  const { hostname } = new URL(apiBase);
  const isOpenAI = hostname === 'api.openai.com';
  const reasoning = configured.supportsReasoning ?? (isOpenAI ? OPENAI_REASONING_MODEL.test(upstreamModel) : undefined);
  return {
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(configured.maxOutputTokens === undefined ? {} : { maxOutputTokens: configured.maxOutputTokens }),
    ...(isOpenAI ? { maxTokensField: 'max_completion_tokens' as const } : {}),
    ...(MAX_EFFORT_HOSTS.has(hostname) ? { maxReasoningEffort: 'max' as const } : {}),
    ...(isDeepSeek(hostname, upstreamModel) ? { reasoningContentInHistory: true } : {}),
  };
}
