/**
 * What a `litellm_params.model` prefix means: the wire protocol, the default api_base and the
 * genai-prices provider id used for cost. Unknown prefixes are treated as OpenAI-compatible
 * when the deployment sets an api_base, because that is how LiteLLM users add new servers.
 */
import type { WireProtocol } from '../providers/provider.ts';

export interface ProviderPrefix {
  protocol: WireProtocol;
  /** Undefined when a deployment must name its own api_base. */
  defaultApiBase: string | undefined;
  /** The provider id in @pydantic/genai-prices; undefined lets the library match by model name. */
  pricingProviderId: string | undefined;
  /**
   * A server of models run on the user's own hardware: free unless priced in config. Its model
   * names (gpt-oss-120b, devstral-small-2505, ...) would otherwise match a cloud provider's price.
   */
  local?: true;
}

export const DEFAULT_OLLAMA_API_BASE = 'http://127.0.0.1:11434';

const openaiCompatible = (defaultApiBase: string | undefined, pricingProviderId: string | undefined): ProviderPrefix => ({
  protocol: 'openai',
  defaultApiBase,
  pricingProviderId,
});

export const PROVIDER_PREFIXES: Readonly<Record<string, ProviderPrefix>> = {
  anthropic: { protocol: 'anthropic', defaultApiBase: 'https://api.anthropic.com', pricingProviderId: 'anthropic' },
  ollama: { protocol: 'ollama', defaultApiBase: DEFAULT_OLLAMA_API_BASE, pricingProviderId: undefined, local: true },
  ollama_chat: { protocol: 'ollama', defaultApiBase: DEFAULT_OLLAMA_API_BASE, pricingProviderId: undefined, local: true },
  openai: openaiCompatible('https://api.openai.com/v1', 'openai'),
  openrouter: openaiCompatible('https://openrouter.ai/api/v1', 'openrouter'),
  deepseek: openaiCompatible('https://api.deepseek.com/v1', 'deepseek'),
  groq: openaiCompatible('https://api.groq.com/openai/v1', 'groq'),
  together_ai: openaiCompatible('https://api.together.xyz/v1', 'together'),
  mistral: openaiCompatible('https://api.mistral.ai/v1', 'mistral'),
  gemini: openaiCompatible('https://generativelanguage.googleapis.com/v1beta/openai', 'google'),
  xai: openaiCompatible('https://api.x.ai/v1', 'x-ai'),
  fireworks_ai: openaiCompatible('https://api.fireworks.ai/inference/v1', 'fireworks'),
  cerebras: openaiCompatible('https://api.cerebras.ai/v1', 'cerebras'),
  hosted_vllm: openaiCompatible(undefined, undefined),
  lm_studio: { ...openaiCompatible('http://127.0.0.1:1234/v1', undefined), local: true },
};

/** The prefix entry, or an OpenAI-compatible entry without defaults for an unknown prefix. */
export function providerPrefix(prefix: string): ProviderPrefix {
  return PROVIDER_PREFIXES[prefix] ?? openaiCompatible(undefined, undefined);
}
