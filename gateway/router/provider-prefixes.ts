/**
 * What a `litellm_params.model` prefix means: the wire protocol, the default api_base and the
 * genai-prices provider id used for cost. Unknown prefixes are treated as OpenAI-compatible
 * when the deployment sets an api_base, because that is how LiteLLM users add new servers.
 */
import type { WireProtocol } from '../providers/provider.ts';

export interface ProviderPrefix {
  protocol: WireProtocol;
  /** Set where the protocol depends on the deployment: Azure serves Claude deployments over Anthropic's Messages API. */
  protocolOf?: (upstreamModel: string) => WireProtocol;
  /** Undefined when a deployment must name its own api_base. */
  defaultApiBase: string | undefined;
  /** The provider id in @pydantic/genai-prices; undefined lets the library match by model name. */
  pricingProviderId: string | undefined;
  /**
   * A server of models run on the user's own hardware: free unless priced in config. Its model
   * names (gpt-oss-120b, devstral-small-2505, ...) would otherwise match a cloud provider's price.
   */
  local?: true;
  /**
   * Where LiteLLM looks for the key when an entry sets no api_key, first set wins. Read only for
   * the provider's own address (see config/provider-environment.ts).
   */
  keyVariables: readonly string[];
  /** Where LiteLLM looks for the address of a server that has no fixed one, when an entry sets no api_base. */
  baseVariables?: readonly string[];
  /** Where LiteLLM looks for the api_version when an entry sets none. */
  versionVariables?: readonly string[];
}

export const DEFAULT_OLLAMA_API_BASE = 'http://127.0.0.1:11434';

const openaiCompatible = (defaultApiBase: string | undefined, pricingProviderId: string | undefined, keyVariables: readonly string[] = []): ProviderPrefix => ({
  protocol: 'openai',
  defaultApiBase,
  pricingProviderId,
  keyVariables,
});

export const PROVIDER_PREFIXES: Readonly<Record<string, ProviderPrefix>> = {
  anthropic: { protocol: 'anthropic', defaultApiBase: 'https://api.anthropic.com', pricingProviderId: 'anthropic', keyVariables: ['ANTHROPIC_API_KEY'] },
  ollama: { protocol: 'ollama', defaultApiBase: DEFAULT_OLLAMA_API_BASE, pricingProviderId: undefined, local: true, keyVariables: [] },
  ollama_chat: { protocol: 'ollama', defaultApiBase: DEFAULT_OLLAMA_API_BASE, pricingProviderId: undefined, local: true, keyVariables: [] },
  openai: openaiCompatible('https://api.openai.com/v1', 'openai', ['OPENAI_API_KEY']),
  openrouter: openaiCompatible('https://openrouter.ai/api/v1', 'openrouter', ['OPENROUTER_API_KEY', 'OR_API_KEY']),
  deepseek: openaiCompatible('https://api.deepseek.com/v1', 'deepseek', ['DEEPSEEK_API_KEY']),
  groq: openaiCompatible('https://api.groq.com/openai/v1', 'groq', ['GROQ_API_KEY']),
  together_ai: openaiCompatible('https://api.together.xyz/v1', 'together', ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY', 'TOGETHERAI_API_KEY', 'TOGETHER_AI_TOKEN']),
  mistral: openaiCompatible('https://api.mistral.ai/v1', 'mistral', ['MISTRAL_API_KEY']),
  gemini: openaiCompatible('https://generativelanguage.googleapis.com/v1beta/openai', 'google', ['GEMINI_API_KEY', 'GOOGLE_API_KEY']),
  xai: openaiCompatible('https://api.x.ai/v1', 'x-ai', ['XAI_API_KEY']),
  fireworks_ai: openaiCompatible('https://api.fireworks.ai/inference/v1', 'fireworks', ['FIREWORKS_API_KEY', 'FIREWORKS_AI_API_KEY', 'FIREWORKSAI_API_KEY', 'FIREWORKS_AI_TOKEN']),
  cerebras: openaiCompatible('https://api.cerebras.ai/v1', 'cerebras', ['CEREBRAS_API_KEY']),
  hosted_vllm: { ...openaiCompatible(undefined, undefined, ['HOSTED_VLLM_API_KEY']), baseVariables: ['HOSTED_VLLM_API_BASE'] },
  // Each Azure resource has its own address, so AZURE_API_KEY goes to whichever one the entry names.
  azure: {
    protocol: 'openai',
    protocolOf: (deployment) => (/^claude/i.test(deployment) ? 'anthropic' : 'openai'),
    defaultApiBase: undefined,
    pricingProviderId: 'azure',
    keyVariables: ['AZURE_OPENAI_API_KEY', 'AZURE_API_KEY'],
    baseVariables: ['AZURE_API_BASE'],
    versionVariables: ['AZURE_API_VERSION'],
  },
  lm_studio: { ...openaiCompatible('http://127.0.0.1:1234/v1', undefined, ['LM_STUDIO_API_KEY']), local: true, baseVariables: ['LM_STUDIO_API_BASE'] },
};

/** The protocol a deployment of this prefix speaks. */
export const protocolOfDeployment = (prefix: ProviderPrefix, upstreamModel: string): WireProtocol => prefix.protocolOf?.(upstreamModel) ?? prefix.protocol;

/** The prefix entry, or an OpenAI-compatible entry without defaults for an unknown prefix. */
export function providerPrefix(prefix: string): ProviderPrefix {
  return PROVIDER_PREFIXES[prefix] ?? openaiCompatible(undefined, undefined);
}
