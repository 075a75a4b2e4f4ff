/**
 * How long to wait before retry n: exponential backoff with full jitter
 * (delay = random × min(cap, base × 2^n)), or the upstream's retry-after when it asks for
 * longer, capped so that a hostile retry-after cannot park a request for an hour.
 * Retries per error type follow LiteLLM's `retry_policy` keys (RateLimitErrorRetries, ...).
 */
import type { GatewayError } from '../errors/index.ts';
import type { ErrorType } from '../errors/index.ts';

export interface RetryPolicyOptions {
  /** Retries after the first attempt, per group (router_settings.num_retries). */
  numRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest retry-after honoured; beyond it the attempt is abandoned rather than awaited. */
  maxRetryAfterMs: number;
  /** LiteLLM `retry_policy`: `<ErrorClass>Retries` → count; `DefaultRetries` is accepted too. */
  perErrorRetries: Readonly<Record<string, number>> | undefined;
}

export const DEFAULT_RETRY_OPTIONS: Omit<RetryPolicyOptions, 'numRetries' | 'perErrorRetries'> = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Our error types under the names LiteLLM's retry_policy uses. */
const LITELLM_ERROR_CLASS: Partial<Record<ErrorType, string>> = {
  provider_rate_limited: 'RateLimitErrorRetries',
  provider_overloaded: 'InternalServerErrorRetries',
  provider_server_error: 'InternalServerErrorRetries',
  provider_timeout: 'TimeoutErrorRetries',
  provider_unreachable: 'TimeoutErrorRetries',
  provider_unauthenticated: 'AuthenticationErrorRetries',
  provider_rejected: 'BadRequestErrorRetries',
};

export class RetryPolicy {
  private readonly options: RetryPolicyOptions;
  private readonly random: () => number;

  constructor(options: RetryPolicyOptions, random: () => number) {
    this.options = options;
    this.random = random;
  }

  /** How many retries `error` earns within one group. */
  retriesFor(error: GatewayError): number {
    const perError = this.options.perErrorRetries;
    if (perError === undefined) return this.options.numRetries;
    const key = LITELLM_ERROR_CLASS[error.type];
    return (key === undefined ? undefined : perError[key]) ?? perError.DefaultRetries ?? this.options.numRetries;
  }

  /**
   * Milliseconds to wait before retry number `retryIndex` (0 = first retry) after `error`;
   * undefined when the upstream's retry-after is longer than we are willing to wait.
   */
  delayMs(retryIndex: number, error: GatewayError | undefined): number | undefined {
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** retryIndex);
    const backoff = Math.floor(this.random() * ceiling);
    const retryAfterMs = error?.retryAfterSeconds === undefined ? 0 : error.retryAfterSeconds * 1000;
    if (retryAfterMs > this.options.maxRetryAfterMs) return undefined;
    return Math.max(backoff, retryAfterMs);
  }
}
