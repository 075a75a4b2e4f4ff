import type { OpenAIUpstreamCapabilities } from '../../protocol/anthropic-to-openai/convert-request.ts';

/**
 * OpenAI's reasoning models; every other model on api.openai.com rejects reasoning_effort. Not
 * only at the start: an Azure deployment's name is its owner's (`prod-o3`), and LiteLLM too takes
 * one that mentions o1, o3 or gpt-5 for such a model.
 */
const OPENAI_REASONING_MODEL = /(^|[^a-z\d])(o\d|gpt-5|codex)/i;

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
 * unsupported parameters are a 400), so it is described by model name, and so is Azure OpenAI
 * (`provider` azure), which serves the same models under its deployments' names: `upstreamModel`
 * is then model_info.base_model where the config sets it. Azure's reasoning models want
 * max_completion_tokens as OpenAI's do, and its others max_tokens, which every api-version takes.
 * Other servers (vLLM, llama.cpp, LM Studio, OpenRouter, DeepSeek) ignore what they do not use,
 * so the request goes as the client sent it unless the config says otherwise
 * (model_info.supports_reasoning, model_info.max_output_tokens). Only reasoning_effort is capped
 * everywhere, since its values are validated (vLLM and OpenAI reject "max").
 * @see https://platform.openai.com/docs/guides/reasoning
 */
export function openAICapabilities(apiBase: string, upstreamModel: string, configured: { supportsReasoning?: boolean; maxOutputTokens?: number }, provider?: string): OpenAIUpstreamCapabilities {
  const { hostname } = new URL(apiBase);
  const isOpenAI = hostname === 'api.openai.com';
  const isAzure = provider === 'azure';
  const reasoning = configured.supportsReasoning ?? (isOpenAI || isAzure ? OPENAI_REASONING_MODEL.test(upstreamModel) : undefined);
  return {
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(configured.maxOutputTokens === undefined ? {} : { maxOutputTokens: configured.maxOutputTokens }),
    ...(isOpenAI || (isAzure && reasoning === true) ? { maxTokensField: 'max_completion_tokens' as const } : {}),
    ...(MAX_EFFORT_HOSTS.has(hostname) ? { maxReasoningEffort: 'max' as const } : {}),
    ...(isDeepSeek(hostname, upstreamModel) ? { reasoningContentInHistory: true } : {}),
  };
}
