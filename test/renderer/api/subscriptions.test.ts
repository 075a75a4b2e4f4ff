import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subscribeToAdminEvents, type StreamState } from '../../../renderer/api/subscriptions.ts';

/** Just enough of EventSource to fail a connection by hand. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(): void {}
  close(): void {
    this.closed = true;
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function dropStreamWhen(access: boolean): Promise<{ connections: number; states: StreamState[] }> {
  FakeEventSource.opened = [];
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.EventSource = FakeEventSource;
  globals.requestAnimationFrame = (flush: () => void) => setTimeout(flush, 0);
  const states: StreamState[] = [];
  const close = subscribeToAdminEvents('', { ingest: () => undefined, setStreamState: (state) => states.push(state), checkAccess: async () => access });
  FakeEventSource.opened[0]?.onerror?.();
  // The first reconnect waits at most 625 ms (500 ms ± 25% jitter).
  await tick(800);
  close();
  return { connections: FakeEventSource.opened.length, states };
}

test('a dropped stream reconnects while the gateway still accepts the session', async () => {
  const { connections } = await dropStreamWhen(true);
  assert.equal(connections, 2);
});

test('a dropped stream stops reconnecting once the gateway answers 401, instead of retrying for ever', async () => {
  const { connections, states } = await dropStreamWhen(false);
  assert.equal(connections, 1);
  assert.deepEqual(states, ['connecting', 'reconnecting']);
});
