import { messagesApiHeaders } from '../anthropic/anthropic-provider.ts';
import type { UpstreamDialect } from '../upstream-dialect.ts';
import { azureAuthHeaders } from './azure-auth.ts';

/**
 * Claude on Azure AI Foundry (LiteLLM's `azure/claude-*`): Anthropic's Messages API at
 * `https://<resource>.services.ai.azure.com/anthropic`, with Azure's authentication instead of
 * x-api-key. api_base may end in /v1 or /v1/messages; count_tokens is at /v1/messages/count_tokens
 * under the same base.
 * @see https://learn.microsoft.com/azure/ai-foundry/foundry-models/how-to/use-foundry-models-claude
 */
export const azureAnthropicDialect: UpstreamDialect = {
  protocol: 'anthropic',
  displayName: 'Claude on Azure AI Foundry',
  defaultBase: undefined,
  chatPath: '/v1/messages',
  normaliseBase: (base) => base.replace(/\/+$/, '').replace(/\/v1(\/messages)?$/, ''),
  headers: (settings, request) => ({ ...messagesApiHeaders(request), ...azureAuthHeaders(settings) }),
};
