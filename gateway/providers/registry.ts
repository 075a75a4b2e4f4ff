import type { Provider, ProviderTimeouts, WireProtocol } from './provider.ts';
import type { ProviderSettings } from './provider-settings.ts';
import type { UpstreamDialect } from './upstream-dialect.ts';
import type { UpstreamPools } from './upstream-pools.ts';
import { HttpProvider } from './http-provider.ts';
import { anthropicDialect } from './anthropic/anthropic-provider.ts';
import { openaiDialect } from './openai/openai-provider.ts';
import { ollamaDialect } from './ollama/ollama-provider.ts';

/** The only place that knows the concrete upstream kinds (R3). */
const DIALECTS: Record<WireProtocol, UpstreamDialect> = {
  anthropic: anthropicDialect,
  openai: openaiDialect,
  ollama: ollamaDialect,
};

export function createProvider(settings: ProviderSettings, pools: UpstreamPools, timeouts: ProviderTimeouts): Provider {
  return new HttpProvider(DIALECTS[settings.protocol], settings, pools, timeouts);
}
