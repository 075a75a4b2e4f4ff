import type { ProviderSettings } from '../provider-settings.ts';
import type { UpstreamDialect } from '../upstream-dialect.ts';
import { azureAuthHeaders } from './azure-auth.ts';

/** LiteLLM's default (litellm.AZURE_DEFAULT_API_VERSION) for an entry that names no api_version. */
export const AZURE_DEFAULT_API_VERSION = '2025-02-01-preview';

/** The api_version values with which LiteLLM calls Azure's v1 API instead of the dated one. */
const isV1ApiVersion = (apiVersion: string | undefined): boolean => apiVersion !== undefined && /^(v1|latest|preview)$/i.test(apiVersion);

/** An api_base that already names the deployment or the v1 API, up to that segment: used as written. */
const WRITTEN_API_ROOT = /^(.*?\/openai\/(?:deployments\/[^/]+|v1))(?:\/|$)/;
/**
 * The Target URI of a deployment made for another API (the Responses API's
 * `/openai/responses?api-version=…`) names only the resource: the deployment comes from the entry.
 */
const RESOURCE_API_PATH = /\/openai(?:\/(?:responses|chat\/completions|completions))?$/;

/**
 * Azure OpenAI's Chat Completions. The classic API takes the deployment in the path and a dated
 * api-version in the query (the body's model is ignored); the v1 API (api_version v1, latest or
 * preview) is OpenAI's own path under /openai/v1, with the deployment as the body's model, which
 * it already is. api_base is the resource (`https://<resource>.openai.azure.com`), or a URL that
 * already ends in the deployment's or the v1 API's path, or in a resource-level API's path, such
 * as the portal's Target URI, whose api-version then wins over api_version, as in LiteLLM.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle
 */
export function azureOpenAIDialect(settings: ProviderSettings): UpstreamDialect {
  const query = settings.apiBase?.split('?')[1];
  const requestedVersion = (query === undefined ? undefined : new URLSearchParams(query).get('api-version')) ?? settings.apiVersion;
  const v1 = isV1ApiVersion(requestedVersion);
  const apiVersion = requestedVersion === undefined || v1 ? AZURE_DEFAULT_API_VERSION : requestedVersion;
  const apiRoot = (base: string): string => {
    const trimmed = base.split('?')[0]!.replace(/\/+$/, '');
    const written = WRITTEN_API_ROOT.exec(trimmed)?.[1];
    if (written !== undefined) return written;
    const resource = trimmed.replace(RESOURCE_API_PATH, '');
    return v1 ? `${resource}/openai/v1` : `${resource}/openai/deployments/${encodeURIComponent(settings.upstreamModel)}`;
  };
  const base = settings.apiBase === undefined ? undefined : apiRoot(settings.apiBase);
  return {
    protocol: 'openai',
    displayName: 'Azure OpenAI',
    defaultBase: undefined,
    normaliseBase: apiRoot,
    // The v1 API rejects a dated api-version; a deployment's path needs one.
    chatPath: base?.endsWith('/openai/v1') ? '/chat/completions' : `/chat/completions?api-version=${encodeURIComponent(apiVersion)}`,
    headers: (current) => ({ 'content-type': 'application/json', ...azureAuthHeaders(current) }),
  };
}
