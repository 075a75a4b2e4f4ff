import { GatewayError } from '../../errors/index.ts';
import type { ProviderResponse, ProviderTimeouts } from '../provider.ts';
import { joinUrl, postToUpstream, type UpstreamPools } from '../upstream-pools.ts';

/**
 * A Microsoft Entra ID app registration (service principal) that signs in to Azure OpenAI and
 * Foundry with its client secret, as LiteLLM's tenant_id/client_id/client_secret do: the OAuth 2.0
 * client-credentials grant at the tenant's token endpoint, for the Cognitive Services scope. The
 * token lives about an hour; it is fetched on first use, shared by every request, and fetched
 * again shortly before it expires, so a gateway left running keeps working, unlike a pasted
 * azure_ad_token.
 * @see https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */
export interface EntraClientCredential {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Public Azure's sign-in host; sovereign clouds set AZURE_AUTHORITY_HOST, as Azure's own SDKs read it. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';
const TOKEN_TIMEOUTS: ProviderTimeouts = { headersMs: 30_000, bodyIdleMs: 30_000 };
/** Fetched again this long before expiry, so no request leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** POSTs a form to the token endpoint (through the same connections and proxy as the upstream calls). */
export type TokenEndpointPost = (path: string, form: string) => Promise<ProviderResponse>;

interface Token {
  value: string;
  refreshAt: number;
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** A token answer is a few KB; an error page in its place is cut short. */
const MAX_ANSWER_BYTES = 64 * 1024;

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

export class EntraTokenSource {
  readonly #credential: EntraClientCredential;
  readonly #post: TokenEndpointPost;
  readonly #clock: () => number;
  #token: Token | undefined;
  /** One fetch at a time: the requests that arrive meanwhile wait for it rather than each signing in. */
  #pending: Promise<Token> | undefined;

  constructor(credential: EntraClientCredential, post: TokenEndpointPost, clock: () => number = Date.now) {
    this.#credential = credential;
    this.#post = post;
    this.#clock = clock;
  }

  /** The bearer token; a failed sign-in is a GatewayError that says what to check. */
  async token(): Promise<string> {
    if (this.#token !== undefined && this.#clock() < this.#token.refreshAt) return this.#token.value;
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    this.#token = await this.#pending;
    return this.#token.value;
  }

  async #fetch(): Promise<Token> {
    const { tenantId, clientId, clientSecret } = this.#credential;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: COGNITIVE_SERVICES_SCOPE }).toString();
    const startedAt = this.#clock();
    const response = await this.#post(`/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, form);
    const answer = await readAnswer(response);
    // A number from Entra; some identity servers send it as a string.
    const lifetimeSeconds = typeof answer.expires_in === 'number' || typeof answer.expires_in === 'string' ? Number(answer.expires_in) : Number.NaN;
    if (response.status === 200 && typeof answer.access_token === 'string' && answer.access_token !== '' && Number.isFinite(lifetimeSeconds)) {
      return { value: answer.access_token, refreshAt: startedAt + Math.max(lifetimeSeconds * 1000 - REFRESH_MARGIN_MS, 0) };
    }
    // Entra's description starts with its AADSTS code and reason; the trace and correlation ids follow on later lines.
    const description = typeof answer.error_description === 'string' ? answer.error_description.split(/\r?\n/)[0]! : typeof answer.error === 'string' ? answer.error : 'no reason given';
    const reason = description.trim().replace(/\.$/, '');
    return Promise.reject(new GatewayError('provider_unauthenticated', 502,
      `Microsoft Entra ID refused to sign in client ${clientId} of tenant ${tenantId} (HTTP ${response.status}): ${reason}. Check the deployment's tenant_id, client_id and client_secret, and that the app has the "Cognitive Services OpenAI User" role on the resource.`,
      { upstreamStatus: response.status }));
  }
}

/**
 * One token source per app registration, shared by every deployment that signs in with it, and
 * dropped with the providers on a config reload (the secret may have changed).
 */
export class EntraTokenSources {
  readonly #sources = new Map<string, EntraTokenSource>();
  readonly #post: TokenEndpointPost;

  constructor(post: TokenEndpointPost) {
    this.#post = post;
  }

  /** Token requests go through the upstreams' connections, so a corporate proxy applies to them too. */
  static overPools(pools: UpstreamPools, authorityHost: string = DEFAULT_AUTHORITY_HOST): EntraTokenSources {
    const host = authorityHost.replace(/\/+$/, '');
    return new EntraTokenSources((path, form) => postToUpstream({
      pools,
      target: joinUrl(host, path),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      timeouts: TOKEN_TIMEOUTS,
      // Shared by every request waiting for the token: no one client's cancellation ends it.
      signal: new AbortController().signal,
      label: `Microsoft Entra ID at ${host}`,
    }));
  }

  sourceFor(credential: EntraClientCredential): EntraTokenSource {
    const key = `${credential.tenantId}\u0000${credential.clientId}\u0000${credential.clientSecret}`;
    let source = this.#sources.get(key);
    if (source === undefined) {
      source = new EntraTokenSource(credential, this.#post);
      this.#sources.set(key, source);
    }
    return source;
  }

  clear(): void {
    this.#sources.clear();
  }
}
