/**
 * A subscriber to a test gateway's GET /admin/events: reads the SSE frames in the background,
 * checks each against the contract, and lets a test wait for the event it expects.
 */
import assert from 'node:assert/strict';
import { adminEventSchema, type AdminEvent } from '../../gateway/admin/contract.ts';

export interface AdminEventStream {
  /** Every event so far, in order, `stream.ready` first. */
  events: AdminEvent[];
  /** The first event (already seen or still to come) for which `matches` holds. */
  next<Type extends AdminEvent['type']>(type: Type, matches?: (event: Extract<AdminEvent, { type: Type }>) => boolean, timeoutMs?: number): Promise<Extract<AdminEvent, { type: Type }>>;
  close(): void;
}

export async function openAdminEventStream(baseUrl: string, adminToken: string): Promise<AdminEventStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/admin/events`, { headers: { authorization: `Bearer ${adminToken}` }, signal: controller.signal });
  assert.equal(response.status, 200);
  const events: AdminEvent[] = [];
  const waiters = new Set<() => void>();
  // Ends with an abort error on close(); nothing to report then.
  void (async () => {
    let buffer = '';
    for await (const text of response.body!.pipeThrough(new TextDecoderStream())) {
      buffer += text;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (data === undefined) continue;
        events.push(adminEventSchema.parse(JSON.parse(data)));
        for (const wake of waiters) wake();
      }
    }
  })().catch(() => undefined);

  return {
    events,
    async next(type, matches = () => true, timeoutMs = 10_000) {
      type Wanted = Extract<AdminEvent, { type: typeof type }>;
      const find = () => events.find((event): event is Wanted => event.type === type && matches(event as Wanted));
      const deadline = Date.now() + timeoutMs;
      for (let found = find(); ; found = find()) {
        if (found) return found;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`No ${type} event within ${timeoutMs} ms; saw ${events.map((event) => event.type).join(', ')}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, remaining);
          waiters.add(wake);
        });
      }
    },
    close() {
      controller.abort();
    },
  };
}
