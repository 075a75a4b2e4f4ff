import type { ProviderTimeouts } from '../provider.ts';
import { joinUrl, postToUpstream, type UpstreamPools } from '../upstream-pools.ts';
import { clientSecretSignIn, type TokenEndpointPost } from './client-secret-sign-in.ts';
import { azureCliSignIn, runAzureCli } from './azure-cli-sign-in.ts';
import type { EntraSignIn, FetchedToken, TokenFetch } from './entra-sign-in.ts';

/** Public Azure's sign-in host; sovereign clouds set AZURE_AUTHORITY_HOST, as Azure's own SDKs read it. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** Fetched again this long before expiry, so no request leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const TOKEN_TIMEOUTS: ProviderTimeouts = { headersMs: 30_000, bodyIdleMs: 30_000 };

/**
 * A sign-in's token lives about an hour; it is fetched on first use, shared by every request, and
 * fetched again shortly before it expires, so a gateway left running keeps working, unlike a
 * pasted azure_ad_token.
 */
export class EntraTokenSource {
  readonly #fetch: TokenFetch;
  readonly #clock: () => number;
  #token: FetchedToken | undefined;
  /** One sign-in at a time: the requests that arrive meanwhile wait for it rather than each signing in. */
  #pending: Promise<FetchedToken> | undefined;

  constructor(fetch: TokenFetch, clock: () => number = Date.now) {
    this.#fetch = fetch;
    this.#clock = clock;
  }

  /** The bearer token; a failed sign-in is not remembered, so the next request tries again. */
  async token(): Promise<string> {
    if (this.#token !== undefined && this.#clock() < this.#token.expiresAt - REFRESH_MARGIN_MS) return this.#token.value;
    this.#pending ??= this.#fetch().then((token) => {
      this.#token = token;
      return token;
    }).finally(() => {
      this.#pending = undefined;
    });
    return (await this.#pending).value;
  }

  /** The token held now, if any: a secret like a key, which no output may repeat. */
  get held(): string | undefined {
    return this.#token?.value;
  }
}

/**
 * One token source per sign-in, shared by every deployment that uses it. Sources outlive config
 * reloads (a route toggle is one), which would otherwise sign in again, a second or two for the
 * Azure CLI; a changed secret or tenant is another sign-in, so another source.
 */
export class EntraTokenSources {
  readonly #sources = new Map<string, EntraTokenSource>();
  readonly #fetchFor: (signIn: EntraSignIn) => TokenFetch;
  #fetched = 0;

  constructor(fetchFor: (signIn: EntraSignIn) => TokenFetch) {
    this.#fetchFor = fetchFor;
  }

  /**
   * Token requests go through the upstreams' connections, so a corporate proxy applies to them
   * too; the Azure CLI is found on the gateway's PATH.
   */
  static forGateway(pools: UpstreamPools, env: NodeJS.ProcessEnv): EntraTokenSources {
    const host = (env.AZURE_AUTHORITY_HOST || DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
    const post: TokenEndpointPost = (path, form) => postToUpstream({
      pools,
      target: joinUrl(host, path),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      timeouts: TOKEN_TIMEOUTS,
      // Shared by every request waiting for the token: no one client's cancellation ends it.
      signal: new AbortController().signal,
      label: `Microsoft Entra ID at ${host}`,
    });
    return new EntraTokenSources((signIn) => (signIn.kind === 'client-secret' ? clientSecretSignIn(signIn, post) : azureCliSignIn(signIn.tenantId, (args) => runAzureCli(args, env))));
  }

  sourceFor(signIn: EntraSignIn): EntraTokenSource {
    const key = JSON.stringify(signIn);
    let source = this.#sources.get(key);
    if (source === undefined) {
      const fetch = this.#fetchFor(signIn);
      source = new EntraTokenSource(() => fetch().then((token) => {
        this.#fetched += 1;
        return token;
      }));
      this.#sources.set(key, source);
    }
    return source;
  }

  /** Counts the tokens fetched so far: a new count means `held()` has changed since it was last read. */
  get fetched(): number {
    return this.#fetched;
  }

  /** Every token held now, for the secrets no output may repeat. */
  held(): string[] {
    return [...this.#sources.values()].flatMap((source) => (source.held === undefined ? [] : [source.held]));
  }
}
