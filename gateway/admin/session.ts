/**
 * Admin authentication state: dashboard sessions (a random id in an HttpOnly cookie, never the
 * token itself) and the admin token check, which counts wrong guesses in an AuthFailureLimiter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GatewayError } from '../errors/index.ts';
import { keysMatch } from '../server/proxy-auth.ts';
import type { AuthFailureLimiter } from '../server/auth-failure-limiter.ts';

export const SESSION_COOKIE = 'gatehouse_session';
const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Enough for every browser profile on one machine; the oldest is dropped past it so a loop cannot grow memory. */
const MAX_SESSIONS = 64;

// Sessions are keyed by a digest so that the map lookup reveals nothing about a guessed id's prefix.
const digest = (value: string) => createHash('sha256').update(value).digest('hex');

export class AdminSessions {
  readonly #expiries = new Map<string, number>();
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  /** Returns the new session id for the cookie. */
  create(): string {
    const id = randomBytes(32).toString('base64url');
    if (this.#expiries.size >= MAX_SESSIONS) this.#expiries.delete(this.#expiries.keys().next().value as string);
    this.#expiries.set(digest(id), this.#clock() + SESSION_TTL_MS);
    return id;
  }

  isValid(id: string): boolean {
    const key = digest(id);
    const expiresAt = this.#expiries.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt <= this.#clock()) {
      this.#expiries.delete(key);
      return false;
    }
    return true;
  }

  delete(id: string): void {
    this.#expiries.delete(digest(id));
  }
}

/** Checks a presented admin token; a wrong one counts towards the limit and is a 401. */
export function verifyAdminToken(presented: string, adminToken: string, limiter: AuthFailureLimiter, address: string): void {
  limiter.assertAllowed(address);
  if (keysMatch(presented, adminToken)) return;
  limiter.recordFailure(address);
  throw new GatewayError('caller_unauthenticated', 401, 'Wrong admin token: use the token from the dashboard URL the gateway printed (gatehouse.server.admin_token), not the gateway key.');
}
