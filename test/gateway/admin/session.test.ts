import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdminSessions } from '../../../gateway/admin/session.ts';

test('a dashboard in use keeps its session while a loop opens many more; the idle ones are dropped', () => {
  const sessions = new AdminSessions(() => 1_000);
  const inUse = sessions.create('admin-token');
  const idle = sessions.create('admin-token');
  for (let opened = 0; opened < 200; opened += 1) {
    sessions.create('admin-token');
    assert.equal(sessions.check(inUse, 'admin-token'), 'valid');
  }
  assert.equal(sessions.check(idle, 'admin-token'), 'unknown');
});
