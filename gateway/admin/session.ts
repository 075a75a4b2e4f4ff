/**
 * Admin authentication state: dashboard sessions (a random id in an HttpOnly cookie, never the
 * token itself) and the limiter that slows down anyone guessing the admin token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GatewayError } from '../errors/index.ts';
import { keysMatch } from '../server/proxy-auth.ts';

export const SESSION_COOKIE = 'gatehouse_session';
const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Enough for every browser profile on one machine; the oldest is dropped past it so a loop cannot grow memory. */
const MAX_SESSIONS = 64;
const FAILURE_WINDOW_MS = 60_000;
export const MAX_FAILURES_PER_WINDOW = 10;
/** Remote addresses tracked at once; past it the stalest are forgotten. */
const MAX_TRACKED_ADDRESSES = 1024;

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

/** Counts wrong admin tokens per remote address over a sliding minute. */
export class AuthFailureLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  #recent(address: string): number[] {
    const since = this.#clock() - FAILURE_WINDOW_MS;
    const recent = (this.#failures.get(address) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#failures.delete(address);
    else this.#failures.set(address, recent);
    return recent;
  }

  /** Throws 429 while `address` has used up its attempts, so even the right token is not confirmed to a guesser. */
  assertAllowed(address: string): void {
    const recent = this.#recent(address);
    if (recent.length < MAX_FAILURES_PER_WINDOW) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + FAILURE_WINDOW_MS - this.#clock()) / 1000));
    throw new GatewayError('policy_rate_limited', 429, `Too many wrong admin tokens from this address; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }

  recordFailure(address: string): void {
    if (!this.#failures.has(address) && this.#failures.size >= MAX_TRACKED_ADDRESSES) this.#failures.delete(this.#failures.keys().next().value as string);
    this.#failures.set(address, [...this.#recent(address), this.#clock()]);
  }
}

/** Checks a presented admin token; a wrong one counts towards the limit and is a 401. */
export function verifyAdminToken(presented: string, adminToken: string, limiter: AuthFailureLimiter, address: string): void {
  limiter.assertAllowed(address);
  if (keysMatch(presented, adminToken)) return;
  limiter.recordFailure(address);
  throw new GatewayError('caller_unauthenticated', 401, 'Wrong admin token: use the token from the dashboard URL the gateway printed (gatehouse.server.admin_token), not the gateway key.');
}
