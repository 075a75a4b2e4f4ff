import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityLabel, activityTitle } from '../../../electron/tray/activity-label.ts';

const idle = { tokensPerSecond: 0, spendTodayUsd: 0.42, inFlight: 0 };

test('idle, streaming, and requests still waiting for their first token', () => {
  assert.equal(activityLabel(idle), 'Today $0.42 · idle');
  assert.equal(activityLabel({ ...idle, tokensPerSecond: 38.4, inFlight: 2 }), 'Today $0.42 · 38 tok/s now');
  assert.equal(activityLabel({ ...idle, tokensPerSecond: 2.46, inFlight: 1 }), 'Today $0.42 · 2.5 tok/s now', 'slow local models keep a decimal');
  assert.equal(activityLabel({ ...idle, inFlight: 1 }), 'Today $0.42 · 1 request running');
  assert.equal(activityLabel({ ...idle, inFlight: 3 }), 'Today $0.42 · 3 requests running');
});

test('spend: cents, under a cent, nothing at all, and unknown', () => {
  assert.equal(activityLabel({ ...idle, spendTodayUsd: 12.345 }), 'Today $12.35 · idle');
  assert.equal(activityLabel({ ...idle, spendTodayUsd: 0.004 }), 'Today <$0.01 · idle');
  assert.equal(activityLabel({ ...idle, spendTodayUsd: 0 }), 'Today $0.00 · idle');
  assert.equal(activityLabel({ ...idle, spendTodayUsd: null }), 'idle', 'an unreadable store leaves spend out rather than claim $0');
  assert.equal(activityLabel(null), null);
});

test('the menu-bar title shows the rate only while tokens flow', () => {
  assert.equal(activityTitle({ ...idle, tokensPerSecond: 38.4, inFlight: 1 }), '38 tok/s');
  assert.equal(activityTitle({ ...idle, inFlight: 1 }), '');
  assert.equal(activityTitle(idle), '');
  assert.equal(activityTitle(null), '');
});
