import type { WireProtocol } from './provider.ts';

/** What a provider needs to know about its deployment; built from config by the router's deployment table. */
export interface ProviderSettings {
  deploymentId: string;
  protocol: WireProtocol;
  upstreamModel: string;
  apiBase?: string;
  apiKey?: string;
  extraHeaders?: Record<string, string>;
  /** Seconds; LiteLLM's `timeout` / `request_timeout`. */
  timeoutSeconds?: number;
}
