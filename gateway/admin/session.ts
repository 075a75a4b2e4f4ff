/**
 * Admin authentication state: dashboard sessions (a random id in an HttpOnly cookie, never the
 * token itself) and the admin token check, which counts wrong guesses in an AuthFailureLimiter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { GatewayError } from '../errors/index.ts';
import { keysMatch } from '../server/proxy-auth.ts';
import type { AuthFailureLimiter } from '../server/auth-failure-limiter.ts';

/**
 * Browsers scope cookies by host, not port: two gateways on one machine (the desktop app and a
 * headless one) would overwrite each other's session under one name and sign each other out.
 */
export const sessionCookieName = (port: number): string => `gatehouse_session_${port}`;
const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Enough for every browser profile on one machine; the least recently used is dropped past it so a loop cannot grow memory. */
const MAX_SESSIONS = 64;

// Sessions are keyed by a digest so that the map lookup reveals nothing about a guessed id's prefix.
const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/** `stale`: opened with an admin token that a config reload has since replaced. */
export type SessionState = 'valid' | 'unknown' | 'stale';

export class AdminSessions {
  /** By session digest: when it expires, and the digest of the admin token it was opened with. */
  readonly #sessions = new LRUCache<string, { expiresAt: number; token: string }>({ max: MAX_SESSIONS });
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  /** Returns the new session id for the cookie; the session lasts as long as `adminToken` does. */
  create(adminToken: string): string {
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(digest(id), { expiresAt: this.#clock() + SESSION_TTL_MS, token: digest(adminToken) });
    return id;
  }

  /** A stale session is kept (until it expires) so that every request of that dashboard is told why, not only the first. */
  check(id: string, adminToken: string): SessionState {
    const key = digest(id);
    const session = this.#sessions.get(key);
    if (session === undefined) return 'unknown';
    if (session.expiresAt <= this.#clock()) {
      this.#sessions.delete(key);
      return 'unknown';
    }
    return session.token === digest(adminToken) ? 'valid' : 'stale';
  }

  delete(id: string): void {
    this.#sessions.delete(digest(id));
  }
}

/** Checks a presented admin token; a wrong one counts towards the limit and is a 401. */
export function verifyAdminToken(presented: string, adminToken: string, limiter: AuthFailureLimiter, address: string): void {
  limiter.assertAllowed(address);
  if (keysMatch(presented, adminToken)) return;
  limiter.recordFailure(address);
  throw new GatewayError('caller_unauthenticated', 401, 'Wrong admin token: use the token from the dashboard URL the gateway printed (gatehouse.server.admin_token), not the gateway key.');
}
