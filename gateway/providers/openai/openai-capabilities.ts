import type { OpenAIUpstreamCapabilities } from '../../protocol/anthropic-to-openai/convert-request.ts';

/** OpenAI's reasoning models; every other model on api.openai.com rejects reasoning_effort. */
const OPENAI_REASONING_MODEL = /^(o\d|gpt-5|codex)/i;

/**
 * What an OpenAI-compatible deployment accepts. OpenAI's own API is strict (unknown or
 * unsupported parameters are a 400), so it is described by model name; other servers (vLLM,
 * llama.cpp, LM Studio, OpenRouter, DeepSeek) ignore what they do not use, so the request goes
 * as the client sent it unless the config says otherwise (model_info.supports_reasoning,
 * model_info.max_output_tokens).
 * @see https://platform.openai.com/docs/guides/reasoning
 */
export function openAICapabilities(apiBase: string, upstreamModel: string, configured: { supportsReasoning?: boolean; maxOutputTokens?: number }): OpenAIUpstreamCapabilities {
  const isOpenAI = new URL(apiBase).hostname === 'api.openai.com';
  const reasoning = configured.supportsReasoning ?? (isOpenAI ? OPENAI_REASONING_MODEL.test(upstreamModel) : undefined);
  return {
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(configured.maxOutputTokens === undefined ? {} : { maxOutputTokens: configured.maxOutputTokens }),
    ...(isOpenAI ? { maxTokensField: 'max_completion_tokens' as const } : {}),
  };
}
