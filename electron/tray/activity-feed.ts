import type { AdminEvent } from '../../gateway/admin/contract.ts';
import { periodBounds } from '../../gateway/router/budgets.ts';
import type { TrayActivity } from './activity-label.ts';
import { ActivityMeter } from './activity-meter.ts';

/** Often enough to feel live; rarely enough that a busy gateway does not rebuild the native menu per token. */
export const ACTIVITY_INTERVAL_MS = 2_000;

/** The clock and timers, injected so tests run on fake time. Timers must not keep the process alive. */
export interface FeedClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export interface ActivityFeedOptions {
  /** Today's spend in USD; a throw (the store is unreadable) shows as unknown. */
  spendTodayUsd(now: number): number;
  publish(activity: TrayActivity): void;
  clock: FeedClock;
}

export const systemClock: FeedClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/**
 * Turns request events into tray activity readings: at most one per ACTIVITY_INTERVAL_MS however
 * busy the gateway is, a tick every interval while anything is in the rate window (so the rate
 * decays to idle with no events arriving), and one at local midnight so today's spend starts again.
 */
export class ActivityFeed {
  readonly #options: ActivityFeedOptions;
  readonly #meter = new ActivityMeter();
  #timer: unknown = null;
  /** When the pending timer fires; infinite when none is pending. */
  #timerAt = Number.POSITIVE_INFINITY;
  #lastPublished = Number.NEGATIVE_INFINITY;

  constructor(options: ActivityFeedOptions) {
    this.#options = options;
  }

  /** Publishes the first reading, with the spend from before this run. */
  start(): void {
    this.#publish();
  }

  observe(event: AdminEvent): void {
    if (!this.#meter.observe(event)) return;
    const due = this.#lastPublished + ACTIVITY_INTERVAL_MS;
    if (due <= this.#options.clock.now()) this.#publish();
    else if (this.#timerAt > due) this.#scheduleAt(due);
  }

  /**
   * Reads again now. For a wake from sleep: timers run on a clock that stops while the machine
   * sleeps, so the midnight timer of a laptop closed overnight would fire hours late, showing
   * yesterday's spend as today's until then.
   */
  refresh(): void {
    this.#publish();
  }

  destroy(): void {
    this.#cancel();
  }

  #publish(): void {
    this.#cancel();
    const now = this.#options.clock.now();
    this.#lastPublished = now;
    const reading = this.#meter.read(now);
    this.#options.publish({ ...reading, spendTodayUsd: this.#spendToday(now) });
    const busy = reading.tokensPerSecond > 0 || reading.inFlight > 0;
    this.#scheduleAt(busy ? now + ACTIVITY_INTERVAL_MS : periodBounds('day', now).end);
  }

  #spendToday(now: number): number | null {
    try {
      return this.#options.spendTodayUsd(now);
    } catch {
      return null;
    }
  }

  #scheduleAt(at: number): void {
    this.#cancel();
    this.#timerAt = at;
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = null;
      this.#publish();
    }, Math.max(0, at - this.#options.clock.now()));
  }

  #cancel(): void {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }
}
