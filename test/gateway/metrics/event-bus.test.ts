import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveEventBus } from '../../../gateway/metrics/event-bus.ts';

test('listeners receive events until they unsubscribe', () => {
  const bus = new LiveEventBus<number>();
  assert.equal(bus.hasListeners, false);
  const seen: number[] = [];
  const unsubscribe = bus.subscribe((event) => seen.push(event));
  assert.equal(bus.hasListeners, true);
  bus.emit(1);
  unsubscribe();
  bus.emit(2);
  assert.deepEqual(seen, [1]);
  assert.equal(bus.hasListeners, false);
});

test('a throwing listener is dropped without affecting the others or the publisher', () => {
  const bus = new LiveEventBus<string>();
  const seen: string[] = [];
  bus.subscribe(() => {
    throw new Error('socket closed');
  });
  bus.subscribe((event) => seen.push(event));
  bus.emit('a');
  bus.emit('b');
  assert.deepEqual(seen, ['a', 'b']);
});
