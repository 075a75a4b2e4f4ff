import type { Provider, ProviderTimeouts, WireProtocol } from './provider.ts';
import type { ProviderSettings } from './provider-settings.ts';
import type { UpstreamDialect } from './upstream-dialect.ts';
import type { UpstreamPools } from './upstream-pools.ts';
import { HttpProvider } from './http-provider.ts';
import { anthropicDialect } from './anthropic/anthropic-provider.ts';
import { openaiDialect } from './openai/openai-provider.ts';
import { ollamaDialect } from './ollama/ollama-provider.ts';
import { azureOpenAIDialect } from './azure/azure-openai-provider.ts';
import { azureAnthropicDialect } from './azure/azure-anthropic-provider.ts';
import type { EntraTokenSources } from './azure/entra-token-source.ts';
import type { EntraSignIn } from './azure/entra-sign-in.ts';

/** The only place that knows the concrete upstream kinds (R3). */
const DIALECTS: Record<WireProtocol, UpstreamDialect> = {
  anthropic: anthropicDialect,
  openai: openaiDialect,
  ollama: ollamaDialect,
};

/** Azure serves OpenAI models at per-deployment URLs and Claude over the Messages API, both with its own auth. */
function azureDialect(settings: ProviderSettings): UpstreamDialect {
  return settings.protocol === 'anthropic' ? azureAnthropicDialect : azureOpenAIDialect(settings);
}

/** A key or a pasted token wins over signing in, as in LiteLLM. */
function signsIn(settings: ProviderSettings): settings is ProviderSettings & { azureSignIn: EntraSignIn } {
  return settings.azureSignIn !== undefined && !settings.apiKey && !settings.azureAdToken;
}

export function createProvider(settings: ProviderSettings, pools: UpstreamPools, timeouts: ProviderTimeouts, entraTokens: EntraTokenSources): Provider {
  if (settings.provider !== 'azure') return new HttpProvider(DIALECTS[settings.protocol], settings, pools, timeouts);
  if (!signsIn(settings)) return new HttpProvider(azureDialect(settings), settings, pools, timeouts);
  const source = entraTokens.sourceFor(settings.azureSignIn);
  return new HttpProvider(azureDialect(settings), settings, pools, timeouts, async () => ({ authorization: `Bearer ${await source.token()}` }));
}
