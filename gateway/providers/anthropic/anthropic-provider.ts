import type { ProviderRequest } from '../provider.ts';
import type { UpstreamDialect } from '../upstream-dialect.ts';

/** What every Messages API upstream is sent besides the key, which Azure sends its own way. */
export function messagesApiHeaders(request: ProviderRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': request.forwardHeaders['anthropic-version'] ?? '2023-06-01',
  };
  const beta = request.forwardHeaders['anthropic-beta'];
  if (beta) headers['anthropic-beta'] = beta;
  return headers;
}

/**
 * Anthropic's Messages API. api_base may or may not end in /v1: both forms appear in LiteLLM configs.
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicDialect: UpstreamDialect = {
  protocol: 'anthropic',
  displayName: 'Anthropic',
  defaultBase: 'https://api.anthropic.com',
  chatPath: '/v1/messages',
  normaliseBase: (base) => base.replace(/\/v1\/?$/, ''),
  headers(settings, request) {
    const headers = messagesApiHeaders(request);
    if (settings.apiKey) headers['x-api-key'] = settings.apiKey;
    return headers;
  },
};
