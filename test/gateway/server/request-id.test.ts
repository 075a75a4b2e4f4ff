import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRequestId } from '../../../gateway/server/request-id.ts';

test('ids sort by arrival, within a millisecond too, and are UUIDv7s (version 7, RFC 9562 variant)', () => {
  const ids = [newRequestId(1_700_000_000_000), newRequestId(1_700_000_000_000), newRequestId(1_700_000_000_001)];
  assert.deepEqual([...ids].sort(), ids);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(Array.from({ length: 1000 }, () => newRequestId())).size, 1000);
});
