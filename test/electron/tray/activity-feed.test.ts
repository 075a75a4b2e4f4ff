import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVITY_INTERVAL_MS, ActivityFeed, type FeedClock } from '../../../electron/tray/activity-feed.ts';
import type { TrayActivity } from '../../../electron/tray/activity-label.ts';
import type { AdminEvent } from '../../../gateway/admin/contract.ts';

function fakeClock(start: number) {
  let now = start;
  let timers: { at: number; callback: () => void }[] = [];
  const clock: FeedClock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (timer) => {
      timers = timers.filter((pending) => pending !== timer);
    },
  };
  /** Moves time forward, firing due timers in order. */
  const advance = (ms: number): void => {
    const until = now + ms;
    for (let fired = 0; fired < 1000; fired += 1) {
      const next = timers.filter((timer) => timer.at <= until).sort((left, right) => left.at - right.at)[0];
      if (next === undefined) break;
      timers = timers.filter((timer) => timer !== next);
      now = next.at;
      next.callback();
    }
    now = until;
  };
  return { clock, advance, pending: () => timers.length, now: () => now };
}

function feedOn(start: number, spendTodayUsd: (now: number) => number = () => 0.42) {
  const time = fakeClock(start);
  const published: TrayActivity[] = [];
  const feed = new ActivityFeed({ spendTodayUsd, publish: (activity) => published.push(activity), clock: time.clock });
  return { feed, published, ...time };
}

const noon = new Date(2026, 10, 23, 12, 0).getTime();
const progress = (id: string, outputTokens: number, at: number): AdminEvent => ({ type: 'request.progress', id, outputTokens, at });

test('publishes at once when quiet, then at most once per interval however many tokens stream', () => {
  const { feed, published, advance, now } = feedOn(noon);
  feed.start();
  assert.deepEqual(published, [{ tokensPerSecond: 0, inFlight: 0, spendTodayUsd: 0.42 }]);
  advance(ACTIVITY_INTERVAL_MS);
  for (let index = 1; index <= 40; index += 1) {
    feed.observe(progress('a', index * 10, now()));
    advance(50);
  }
  // 40 events over 2 s: the first publishes, the rest wait for the next interval.
  assert.equal(published.length, 3);
  assert.ok((published[1]?.tokensPerSecond ?? 0) > 0);
  assert.equal(published[1]?.inFlight, 1);
  feed.destroy();
});

test('the rate decays to idle with no further events, and then the ticking stops', () => {
  const { feed, published, advance, now, pending } = feedOn(noon);
  feed.start();
  advance(ACTIVITY_INTERVAL_MS);
  feed.observe(progress('a', 500, now()));
  feed.observe({ type: 'request.end', id: 'a', model: 'q', group: 'q', route: 'local', deployment: 'd', protocol: 'anthropic', stream: true, status: 200, errorType: null, inputTokens: 1, outputTokens: 500, cacheRead: 0, cacheWrite: 0, costUsd: 0, latencyMs: 1, ttftMs: 1, startedAt: now(), at: now() });
  advance(10 * ACTIVITY_INTERVAL_MS);
  const last = published.at(-1);
  assert.deepEqual(last, { tokensPerSecond: 0, inFlight: 0, spendTodayUsd: 0.42 });
  const count = published.length;
  assert.ok(count <= 6, `ticks only while busy (${count})`);
  assert.equal(pending(), 1, 'only the midnight refresh is left');
  feed.destroy();
  assert.equal(pending(), 0, 'destroy clears the timer');
});

test('a quiet gateway still re-reads spend at local midnight, so today starts again', () => {
  const spends: number[] = [];
  const { feed, published, advance } = feedOn(new Date(2026, 10, 23, 23, 59).getTime(), (now) => {
    spends.push(now);
    return new Date(now).getDate() === 23 ? 3 : 0;
  });
  feed.start();
  advance(60_000);
  assert.deepEqual(published.map((activity) => activity.spendTodayUsd), [3, 0]);
  assert.equal(spends[1], new Date(2026, 10, 24).getTime());
  feed.destroy();
});

test('a store that cannot answer shows spend as unknown, not $0', () => {
  const { feed, published } = feedOn(noon, () => {
    throw new Error('database is locked');
  });
  feed.start();
  assert.equal(published[0]?.spendTodayUsd, null);
  feed.destroy();
});

test('a wake from sleep re-reads spend: the midnight timer runs on a clock that stopped while asleep', () => {
  const { clock } = fakeClock(0);
  let wallClock = new Date(2026, 10, 23, 22, 0).getTime();
  const published: TrayActivity[] = [];
  const feed = new ActivityFeed({
    spendTodayUsd: (now) => (new Date(now).getDate() === 23 ? 3 : 0),
    publish: (activity) => published.push(activity),
    // Timers stay where they were (none fires); only the wall clock moves on.
    clock: { ...clock, now: () => wallClock },
  });
  feed.start();
  // Closed at 22:00, opened at 08:00: the timer set for midnight has not fired.
  wallClock = new Date(2026, 10, 24, 8, 0).getTime();
  feed.refresh();
  assert.deepEqual(published.map((activity) => activity.spendTodayUsd), [3, 0], "today's spend, not yesterday's");
  feed.destroy();
});
