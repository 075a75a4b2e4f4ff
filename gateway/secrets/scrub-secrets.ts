import { maskSecret } from './mask-secret.ts';

/** Shorter strings would match ordinary text; real keys are far longer. */
export const MIN_SECRET_LENGTH = 8;
/** Provider keys that are not ours but look like keys (an upstream quoting another key). */
const KEY_SHAPE = /\b(sk-[A-Za-z0-9_-]{4})[A-Za-z0-9_-]{12,}/g;

/**
 * Masks every known secret (provider keys, gateway key, admin token) and anything shaped like
 * a provider key in text bound for a client, a log or the store. Masked keys stay
 * recognisable (`sk-a…1b2c`) so a user can still tell which key a message is about.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && scrubbed.includes(secret)) scrubbed = scrubbed.replaceAll(secret, maskSecret(secret));
  }
  return scrubbed.replace(KEY_SHAPE, (_whole, prefix: string) => `${prefix}…`);
}
