import { GatewayError } from '../errors/index.ts';
import { MIN_SECRET_LENGTH, scrubSecrets } from '../secrets/scrub-secrets.ts';

/**
 * Guards what leaves the proxy: upstreams echo credentials in error messages and streams, and
 * none of ours (provider keys, the gateway key, the admin token) may reach a client, a log or
 * the store. Clean chunks pass untouched; only a chunk holding a secret is rewritten. A secret
 * split across two chunks of a pass-through stream is not caught.
 */
export class SecretScrubber {
  readonly #secrets: readonly string[];

  constructor(secrets: readonly string[]) {
    this.#secrets = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  }

  #holdsSecret(chunk: string | Uint8Array): boolean {
    const haystack = typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return this.#secrets.some((secret) => haystack.includes(secret));
  }

  outbound(chunk: string | Uint8Array): string | Uint8Array {
    if (!this.#holdsSecret(chunk)) return chunk;
    return scrubSecrets(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'), this.#secrets);
  }

  error(error: GatewayError): GatewayError {
    const message = scrubSecrets(error.message, this.#secrets);
    if (message === error.message) return error;
    return new GatewayError(error.type, error.status, message, {
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      ...(error.upstreamStatus === undefined ? {} : { upstreamStatus: error.upstreamStatus }),
    });
  }
}
