/**
 * The live per-request event stream behind `GET /admin/events`. Emitting is on the hot path,
 * so callers check `hasListeners` before building an event object and emit() returns at once
 * when nobody listens; a throwing listener is dropped rather than allowed to break a request.
 */
export interface RequestStartEvent {
  type: 'start';
  requestId: string;
  at: number;
  model: string;
  group: string;
  route: string;
  deployment: string;
  stream: boolean;
}

export interface RequestFirstTokenEvent {
  type: 'first_token';
  requestId: string;
  at: number;
  ttftMs: number;
}

export interface RequestProgressEvent {
  type: 'progress';
  requestId: string;
  at: number;
  /** Output tokens so far (cumulative), so a client can draw tokens per second. */
  outputTokens: number;
}

export interface RequestEndEvent {
  type: 'end';
  requestId: string;
  at: number;
  status: number;
  errorType: string | undefined;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  costUsd: number;
  latencyMs: number;
}

export type RequestEvent = RequestStartEvent | RequestFirstTokenEvent | RequestProgressEvent | RequestEndEvent;

export type RequestEventListener = (event: RequestEvent) => void;

export class RequestEventBus {
  private listeners: RequestEventListener[] = [];

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: RequestEventListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => this.unsubscribe(listener);
  }

  unsubscribe(listener: RequestEventListener): void {
    this.listeners = this.listeners.filter((existing) => existing !== listener);
  }

  emit(event: RequestEvent): void {
    // Copy-on-write list: a listener that unsubscribes during emit does not disturb this loop.
    const listeners = this.listeners;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        this.unsubscribe(listener);
      }
    }
  }
}
