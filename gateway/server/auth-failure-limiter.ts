/**
 * Slows down anyone guessing a secret: wrong admin tokens and wrong gateway keys are counted per
 * remote address over a sliding minute, and past the limit that address gets 429s.
 */
import { LRUCache } from 'lru-cache';
import { GatewayError } from '../errors/index.ts';

const FAILURE_WINDOW_MS = 60_000;
export const MAX_FAILURES_PER_WINDOW = 10;
/** Remote addresses tracked at once; past it the least recently seen are forgotten, so a flood of addresses cannot grow memory. */
const MAX_TRACKED_ADDRESSES = 1024;
const NO_FAILURES: readonly number[] = [];

export class AuthFailureLimiter {
  readonly #failures = new LRUCache<string, number[]>({ max: MAX_TRACKED_ADDRESSES });
  /** What is being guessed, for the 429 message: "admin tokens", "gateway keys". */
  readonly #secretName: string;
  readonly #clock: () => number;

  constructor(secretName: string, clock: () => number = Date.now) {
    this.#secretName = secretName;
    this.#clock = clock;
  }

  #recent(address: string): readonly number[] {
    // Asked on every authenticated request; an address that never failed costs a map lookup, not two arrays.
    const failures = this.#failures.get(address);
    if (!failures) return NO_FAILURES;
    const since = this.#clock() - FAILURE_WINDOW_MS;
    const recent = failures.filter((at) => at > since);
    if (recent.length === 0) this.#failures.delete(address);
    else this.#failures.set(address, recent);
    return recent;
  }

  /** Throws 429 while `address` has used up its attempts, so even the right secret is not confirmed to a guesser. */
  assertAllowed(address: string): void {
    const recent = this.#recent(address);
    if (recent.length < MAX_FAILURES_PER_WINDOW) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + FAILURE_WINDOW_MS - this.#clock()) / 1000));
    throw new GatewayError('policy_rate_limited', 429, `Too many wrong ${this.#secretName} from this address; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }

  recordFailure(address: string): void {
    this.#failures.set(address, [...this.#recent(address), this.#clock()]);
  }
}
