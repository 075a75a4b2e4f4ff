import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SIZE, MIN_SIZE, parseWindowState, restoreBounds } from '../../../electron/window/window-state.ts';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const secondary = { x: 1920, y: 0, width: 1280, height: 1024 };

test('nothing saved: default size centred on the primary display', () => {
  const { bounds, maximized } = restoreBounds(null, [primary]);
  assert.deepEqual(bounds, { x: (1920 - DEFAULT_SIZE.width) / 2, y: (1040 - DEFAULT_SIZE.height) / 2, ...DEFAULT_SIZE });
  assert.equal(maximized, false);
});

test('saved bounds on a display that still exists are kept', () => {
  const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: true };
  assert.deepEqual(restoreBounds(saved, [primary, secondary]), saved);
});

test('a window on an unplugged monitor comes back to the primary', () => {
  const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
  const { bounds } = restoreBounds(saved, [primary]);
  assert.equal(bounds.x >= 0 && bounds.x + bounds.width <= 1920, true);
});

test('bounds hanging off the edge are pulled in and shrunk to the display, never below the minimum', () => {
  const { bounds } = restoreBounds({ bounds: { x: 1800, y: -50, width: 3000, height: 400 }, maximized: false }, [primary]);
  assert.deepEqual(bounds, { x: 0, y: 0, width: 1920, height: MIN_SIZE.height });
});

test('corrupt or partial files are ignored', () => {
  assert.equal(parseWindowState(null), null);
  assert.equal(parseWindowState('{'), null);
  assert.equal(parseWindowState('{"bounds":{"x":1,"y":2,"width":"wide","height":4}}'), null);
  assert.deepEqual(parseWindowState('{"bounds":{"x":1,"y":2,"width":3,"height":4},"maximized":true}'), { bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true });
});
