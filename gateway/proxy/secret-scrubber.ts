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
  /** The secrets as UTF-8 once: searching a byte chunk for a string needle encodes the needle on every call. */
  readonly #secretBytes: readonly Buffer[];

  constructor(secrets: readonly string[]) {
    this.#secrets = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
    this.#secretBytes = this.#secrets.map((secret) => Buffer.from(secret, 'utf8'));
  }

  // Runs on every chunk of every stream: plain loops, no wrapper for a chunk that is already a Buffer.
  #holdsSecret(chunk: string | Uint8Array): boolean {
    if (typeof chunk === 'string') {
      for (const secret of this.#secrets) if (chunk.includes(secret)) return true;
      return false;
    }
    const haystack = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (const secret of this.#secretBytes) if (haystack.indexOf(secret) !== -1) return true;
    return false;
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
