import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBatcher, reconnectDelayMs } from '../../../renderer/api/event-batcher.ts';

test('a burst of pushes becomes one flush on the next frame', () => {
  const frames: (() => void)[] = [];
  const batches: number[][] = [];
  const batcher = new EventBatcher<number>((flush) => frames.push(flush), (items) => batches.push(items));
  for (let index = 0; index < 500; index += 1) batcher.push(index);
  assert.equal(frames.length, 1, 'one frame requested for the whole burst');
  frames.shift()?.();
  assert.equal(batches.length, 1);
  assert.equal(batches[0]?.length, 500);
  batcher.push(500);
  assert.equal(frames.length, 1, 'the next push schedules the next frame');
});

test('reconnect delays double from 500 ms, jitter ±25%, capped at 30 s', () => {
  const middle = (): number => 0.5;
  assert.deepEqual([0, 1, 2, 3].map((attempt) => reconnectDelayMs(attempt, middle)), [500, 1000, 2000, 4000]);
  assert.equal(reconnectDelayMs(50, middle), 30_000);
  assert.equal(reconnectDelayMs(0, () => 0), 375);
  assert.equal(reconnectDelayMs(0, () => 1), 625);
});
