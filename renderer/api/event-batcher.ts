/**
 * Collects items and hands them over in one batch per frame, so a burst of SSE events (1000+
 * requests a minute, several events each) costs one store update and one render per frame.
 */
export class EventBatcher<Item> {
  readonly #schedule: (flush: () => void) => void;
  readonly #onFlush: (items: Item[]) => void;
  #pending: Item[] = [];
  #scheduled = false;

  /** `schedule` is requestAnimationFrame in the browser; tests pass their own. */
  constructor(schedule: (flush: () => void) => void, onFlush: (items: Item[]) => void) {
    this.#schedule = schedule;
    this.#onFlush = onFlush;
  }

  push(item: Item): void {
    this.#pending.push(item);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => this.flush());
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const items = this.#pending;
    this.#pending = [];
    this.#onFlush(items);
  }
}

/** Delay before reconnect attempt `attempt` (0-based): doubling from 500 ms, capped at 30 s, with jitter so tabs do not stampede. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 16));
  return Math.round(base * (0.75 + random() * 0.5));
}
