import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors/index.ts';
import type { AuthFailureLimiter } from './auth-failure-limiter.ts';

/** The key a client presented: `x-api-key` (Anthropic SDKs) or `Authorization: Bearer` (OpenAI SDKs, ANTHROPIC_AUTH_TOKEN). */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) return authorization.replace(/^bearer\s+/i, '').trim();
  return undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Digests of the configured keys (gateway key, admin token), computed once rather than per request. */
const expectedDigests = new Map<string, Buffer>();

/** Constant-time comparison; hashing first makes the lengths equal too. */
export function keysMatch(presented: string, expected: string): boolean {
  let expectedDigest = expectedDigests.get(expected);
  if (!expectedDigest) {
    // Keys change only when the config does; a small bound keeps rotated keys from piling up.
    if (expectedDigests.size >= 8) expectedDigests.clear();
    expectedDigest = digest(expected);
    expectedDigests.set(expected, expectedDigest);
  }
  return timingSafeEqual(digest(presented), expectedDigest);
}

/**
 * Checks the gateway key. Wrong keys count towards `limiter` for the caller's address; a missing
 * key does not, since it is a misconfigured client rather than a guess.
 */
export function checkProxyAuth(headers: IncomingHttpHeaders, masterKey: string | undefined, limiter: AuthFailureLimiter, address: string): void {
  if (masterKey === undefined) return;
  const key = presentedKey(headers);
  if (key === undefined) {
    throw new GatewayError('caller_unauthenticated', 401, 'Missing API key: send the Gatehouse key as "x-api-key" or "Authorization: Bearer" (for Claude Code: ANTHROPIC_AUTH_TOKEN).');
  }
  limiter.assertAllowed(address);
  if (!keysMatch(key, masterKey)) {
    limiter.recordFailure(address);
    throw new GatewayError('caller_unauthenticated', 401, 'Invalid API key: it does not match general_settings.master_key in the Gatehouse config.');
  }
}
