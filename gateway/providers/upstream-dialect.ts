import type { ProviderRequest, WireProtocol } from './provider.ts';
import type { ProviderSettings } from './provider-settings.ts';

/**
 * What differs between upstream kinds: where requests go and how they authenticate.
 * Each upstream kind is one file exporting one of these; http-provider.ts does the rest.
 */
export interface UpstreamDialect {
  protocol: WireProtocol;
  /** Used in error messages: "Anthropic at https://api.anthropic.com". */
  displayName: string;
  /** Undefined where every deployment names its own (Azure). */
  defaultBase: string | undefined;
  /** Path of the chat call, appended to the (normalised) base. */
  chatPath: string;
  normaliseBase?(base: string): string;
  headers(settings: ProviderSettings, request: ProviderRequest): Record<string, string>;
}
