import { GatewayError } from '../../errors/index.ts';
import type { ProviderResponse } from '../provider.ts';
import { COGNITIVE_SERVICES_RESOURCE, type EntraSignIn, type TokenFetch } from './entra-sign-in.ts';

/**
 * An app registration signing in with its secret: the OAuth 2.0 client-credentials grant at the
 * tenant's token endpoint, for the Cognitive Services scope.
 * @see https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */

/** POSTs a form to a path on the sign-in host. */
export type TokenEndpointPost = (path: string, form: string) => Promise<ProviderResponse>;

/** A token answer is a few KB; an error page in its place is cut short. */
const MAX_ANSWER_BYTES = 64 * 1024;

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

async function readAnswer(response: ProviderResponse): Promise<TokenAnswer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? parsed as TokenAnswer : {};
  } catch {
    return { error_description: text.slice(0, 200) };
  }
}

export function clientSecretSignIn(credential: Extract<EntraSignIn, { kind: 'client-secret' }>, post: TokenEndpointPost, clock: () => number = Date.now): TokenFetch {
  const { tenantId, clientId, clientSecret } = credential;
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: `${COGNITIVE_SERVICES_RESOURCE}/.default` }).toString();
  return async () => {
    const startedAt = clock();
    const response = await post(`/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, form);
    const answer = await readAnswer(response);
    // A number from Entra; some identity servers send it as a string.
    const lifetimeSeconds = typeof answer.expires_in === 'number' || typeof answer.expires_in === 'string' ? Number(answer.expires_in) : Number.NaN;
    if (response.status === 200 && typeof answer.access_token === 'string' && answer.access_token !== '' && Number.isFinite(lifetimeSeconds)) {
      return { value: answer.access_token, expiresAt: startedAt + lifetimeSeconds * 1000 };
    }
    // Entra's description starts with its AADSTS code and reason; the trace and correlation ids follow on later lines.
    const description = typeof answer.error_description === 'string' ? answer.error_description.split(/\r?\n/)[0]! : typeof answer.error === 'string' ? answer.error : 'no reason given';
    throw new GatewayError('provider_unauthenticated', 502,
      `Microsoft Entra ID refused to sign in client ${clientId} of tenant ${tenantId} (HTTP ${response.status}): ${description.trim().replace(/\.$/, '')}. Check the deployment's tenant_id, client_id and client_secret, and that the app has the "Cognitive Services OpenAI User" role on the resource.`,
      { upstreamStatus: response.status });
  };
}
