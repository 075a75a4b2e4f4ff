import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors/index.ts';
import type { AuthFailureLimiter } from './auth-failure-limiter.ts';

function apiKeyHeader(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? apiKey : undefined;
}

function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  return typeof authorization === 'string' && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;
}

/** The key a client presented: `x-api-key` (Anthropic SDKs) or `Authorization: Bearer` (OpenAI SDKs, ANTHROPIC_AUTH_TOKEN). */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  return apiKeyHeader(headers) ?? bearerToken(headers);
}

/** The configured keys (gateway key, admin token) as bytes, made once rather than per request. */
const expectedBytes = new Map<string, Buffer>();

/**
 * Compares in constant time over the bytes. Only the length is compared openly: it is not a
 * secret (generated keys all have one length), and it spares hashing both sides on every
 * request, which cost 1.4% of the gateway's CPU under load.
 */
export function keysMatch(presented: string, expected: string): boolean {
  let expectedKey = expectedBytes.get(expected);
  if (!expectedKey) {
    // Keys change only when the config does; a small bound keeps rotated keys from piling up.
    if (expectedBytes.size >= 8) expectedBytes.clear();
    expectedKey = Buffer.from(expected, 'utf8');
    expectedBytes.set(expected, expectedKey);
  }
  const presentedKey = Buffer.from(presented, 'utf8');
  return presentedKey.length === expectedKey.length && timingSafeEqual(presentedKey, expectedKey);
}

/**
 * Checks the gateway key. Wrong keys count towards `limiter` for the caller's address; a missing
 * key does not, since it is a misconfigured client rather than a guess.
 */
export function checkProxyAuth(headers: IncomingHttpHeaders, masterKey: string | undefined, limiter: AuthFailureLimiter, address: string): void {
  if (masterKey === undefined) return;
  const apiKey = apiKeyHeader(headers);
  const bearer = bearerToken(headers);
  if (apiKey === undefined && bearer === undefined) {
    throw new GatewayError('caller_unauthenticated', 401, 'Missing API key: send the Gatehouse key as "x-api-key" or "Authorization: Bearer" (for Claude Code: ANTHROPIC_AUTH_TOKEN).');
  }
  limiter.assertAllowed(address);
  // Claude Code sends both headers when ANTHROPIC_AUTH_TOKEN and another key (ANTHROPIC_API_KEY,
  // a /login key, an apiKeyHelper) are set: the gateway key may be in either one.
  const matches = (apiKey !== undefined && keysMatch(apiKey, masterKey)) || (bearer !== undefined && keysMatch(bearer, masterKey));
  if (!matches) {
    limiter.recordFailure(address);
    throw new GatewayError('caller_unauthenticated', 401, 'Invalid API key: it does not match general_settings.master_key in the Gatehouse config.');
  }
}
