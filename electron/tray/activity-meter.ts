import type { AdminEvent } from '../../gateway/admin/contract.ts';

/** Long enough that a rate does not flicker between progress events, short enough to fall to idle soon after the last token. */
export const RATE_WINDOW_MS = 5_000;

export interface ActivityReading {
  /** Output tokens per second over the last RATE_WINDOW_MS. */
  tokensPerSecond: number;
  inFlight: number;
}

/**
 * Folds the gateway's live request events into "tokens/s now" for the tray. The dashboard keeps its
 * own per-model buckets in the renderer, which may not share code with main; this needs only a total.
 */
export class ActivityMeter {
  /** Output tokens counted so far per request in flight: progress events carry running totals. */
  readonly #counted = new Map<string, number>();
  /** Token deltas, oldest first; pruned to the window, so bounded by the event rate. */
  #samples: { at: number; tokens: number }[] = [];

  /** Returns whether the event changed what the meter reads. */
  observe(event: AdminEvent): boolean {
    switch (event.type) {
      case 'request.start':
        // A retry announces the same request again; it keeps the tokens already counted.
        if (!this.#counted.has(event.id)) this.#counted.set(event.id, 0);
        return true;
      case 'request.progress':
        return this.#count(event.id, event.outputTokens, event.at);
      case 'request.end':
        this.#count(event.id, event.outputTokens, event.at);
        this.#counted.delete(event.id);
        return true;
      default:
        return false;
    }
  }

  read(now: number): ActivityReading {
    const since = now - RATE_WINDOW_MS;
    this.#samples = this.#samples.filter((sample) => sample.at > since);
    const tokens = this.#samples.reduce((sum, sample) => sum + sample.tokens, 0);
    return { tokensPerSecond: tokens / (RATE_WINDOW_MS / 1000), inFlight: this.#counted.size };
  }

  #count(id: string, total: number, at: number): boolean {
    const counted = this.#counted.get(id) ?? 0;
    if (total <= counted) return false;
    this.#counted.set(id, total);
    this.#samples.push({ at, tokens: total - counted });
    return true;
  }
}
