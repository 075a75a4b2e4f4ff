/**
 * A synchronous publish/subscribe bus for live events (the admin SSE stream). Publishers check
 * `hasListeners` before building an event, so with no dashboard open the request path pays
 * one property read.
 */
export type EventListener<Event> = (event: Event) => void;

export class LiveEventBus<Event> {
  #listeners: EventListener<Event>[] = [];

  get hasListeners(): boolean {
    return this.#listeners.length > 0;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener<Event>): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => this.unsubscribe(listener);
  }

  unsubscribe(listener: EventListener<Event>): void {
    this.#listeners = this.#listeners.filter((existing) => existing !== listener);
  }

  emit(event: Event): void {
    // Copy-on-write list: a listener that unsubscribes during emit does not disturb this loop.
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed SSE socket) must not break the request that emitted.
        this.unsubscribe(listener);
      }
    }
  }
}
