import type { ProviderSettings } from '../provider-settings.ts';

/**
 * Azure's two ways in: the resource's key in `api-key`, or a Microsoft Entra ID token as the
 * bearer. The key wins when both are set, as in LiteLLM. The token is sent as configured: nothing
 * here refreshes it.
 */
export function azureAuthHeaders(settings: ProviderSettings): Record<string, string> {
  if (settings.apiKey) return { 'api-key': settings.apiKey };
  if (settings.azureAdToken) return { authorization: `Bearer ${settings.azureAdToken}` };
  return {};
}
