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

export function createProvider(settings: ProviderSettings, pools: UpstreamPools, timeouts: ProviderTimeouts): Provider {
  const dialect = settings.provider === 'azure' ? azureDialect(settings) : DIALECTS[settings.protocol];
  return new HttpProvider(dialect, settings, pools, timeouts);
}
