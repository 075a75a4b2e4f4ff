import type { AdminEvent, AdminEventType } from '../../gateway/admin/contract.ts';
import { EventBatcher, reconnectDelayMs } from './event-batcher.ts';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

/** Every event name the stream sends; the `Record` makes the compiler flag a new one we do not listen to. */
const EVENT_TYPES = Object.keys({
  'stream.ready': true,
  'request.start': true,
  'request.first_token': true,
  'request.progress': true,
  'request.end': true,
  'route.changed': true,
  'pull.progress': true,
  'bench.progress': true,
  'config.reloaded': true,
} satisfies Record<AdminEventType, true>);

export interface SubscriptionTarget {
  ingest(events: AdminEvent[], now: number): void;
  setStreamState(state: StreamState): void;
  /** EventSource hides the HTTP status of a failed connect; this tells a 401 (stop) from a restart (retry). */
  checkAccess(): Promise<boolean>;
}

/**
 * The one place server events enter the store (aesthetics §2.14): an EventSource on
 * /admin/events, re-opened with capped exponential backoff, its events batched per animation
 * frame. Returns a function that closes it.
 */
export function subscribeToAdminEvents(baseUrl: string, target: SubscriptionTarget): () => void {
  const batcher = new EventBatcher<AdminEvent>((flush) => requestAnimationFrame(flush), (events) => target.ingest(events, Date.now()));
  let source: EventSource | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const onEvent = (message: MessageEvent<string>): void => {
    try {
      batcher.push(JSON.parse(message.data) as AdminEvent);
    } catch {
      // A malformed frame is dropped rather than tearing down the stream.
    }
  };

  function connect(): void {
    target.setStreamState(attempt === 0 ? 'connecting' : 'reconnecting');
    source = new EventSource(`${baseUrl}/admin/events`, { withCredentials: baseUrl !== '' });
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
    source.onopen = () => {
      attempt = 0;
      target.setStreamState('open');
    };
    // EventSource retries on its own with a fixed delay and gives up on HTTP errors; we take over both.
    source.onerror = () => {
      source?.close();
      if (closed) return;
      target.setStreamState('reconnecting');
      const delay = reconnectDelayMs(attempt);
      attempt += 1;
      void target.checkAccess().then((allowed) => {
        if (allowed && !closed) retryTimer = setTimeout(connect, delay);
      });
    };
  }

  connect();
  return () => {
    closed = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
