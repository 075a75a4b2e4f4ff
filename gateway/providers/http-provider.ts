import type { Provider, ProviderRequest, ProviderResponse, ProviderTimeouts, UpstreamSignal } from './provider.ts';
import type { ProviderSettings } from './provider-settings.ts';
import type { UpstreamDialect } from './upstream-dialect.ts';
import { describeTransportError, joinUrl, postToUpstream, type UpstreamPools, type UpstreamTarget } from './upstream-pools.ts';
import type { GatewayError } from '../errors/index.ts';

/** A Provider that POSTs JSON to an HTTP upstream described by a dialect. */
export class HttpProvider implements Provider {
  readonly deploymentId: string;
  readonly upstreamModel: string;
  readonly protocol: UpstreamDialect['protocol'];
  readonly #settings: ProviderSettings;
  readonly #dialect: UpstreamDialect;
  readonly #pools: UpstreamPools;
  readonly #timeouts: ProviderTimeouts;
  readonly #base: string;
  readonly #label: string;
  /** Per request path: parsing the URL on every request showed up in profiles. */
  readonly #targets = new Map<string, UpstreamTarget>();

  /** Headers that must be fetched before each request (a sign-in token), on top of the dialect's. */
  readonly #authorize: (() => Promise<Record<string, string>>) | undefined;

  constructor(dialect: UpstreamDialect, settings: ProviderSettings, pools: UpstreamPools, timeouts: ProviderTimeouts, authorize?: () => Promise<Record<string, string>>) {
    this.deploymentId = settings.deploymentId;
    this.upstreamModel = settings.upstreamModel;
    this.protocol = dialect.protocol;
    this.#settings = settings;
    this.#dialect = dialect;
    this.#pools = pools;
    this.#timeouts = timeouts;
    this.#authorize = authorize;
    const base = settings.apiBase ?? dialect.defaultBase;
    // The deployment table refuses such an entry; reaching here is a bug, not a config mistake.
    if (base === undefined) throw new Error(`${dialect.displayName}: deployment "${settings.deploymentId}" has no api_base`);
    this.#base = dialect.normaliseBase ? dialect.normaliseBase(base) : base;
    this.#label = `${dialect.displayName} at ${this.#base}`;
  }

  send(request: ProviderRequest, signal: UpstreamSignal): Promise<ProviderResponse> {
    if (this.#authorize === undefined) return this.#post(request, signal, {});
    return this.#authorize().then((authorization) => this.#post(request, signal, authorization));
  }

  #post(request: ProviderRequest, signal: UpstreamSignal, authorization: Record<string, string>): Promise<ProviderResponse> {
    return postToUpstream({
      pools: this.#pools,
      target: this.#targetFor(request.path ?? this.#dialect.chatPath),
      headers: { ...this.#dialect.headers(this.#settings, request), ...authorization, ...this.#settings.extraHeaders },
      body: request.body,
      timeouts: this.#timeouts,
      signal,
      label: this.#label,
    });
  }

  #targetFor(path: string): UpstreamTarget {
    let target = this.#targets.get(path);
    if (!target) {
      target = joinUrl(this.#base, path);
      this.#targets.set(path, target);
    }
    return target;
  }

  describeFailure(error: unknown): GatewayError {
    return describeTransportError(error, this.#label, this.#timeouts);
  }

  async close(): Promise<void> {}
}
