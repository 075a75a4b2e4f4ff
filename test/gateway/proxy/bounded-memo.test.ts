import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedMemo, MAX_MEMO_ENTRIES } from '../../../gateway/proxy/bounded-memo.ts';

test('a memo keeps at most MAX_MEMO_ENTRIES entries, dropping the least recently used, and updating a key never drops another', () => {
  const memo = boundedMemo<string, number>();
  for (let index = 0; index < MAX_MEMO_ENTRIES; index += 1) memo.set(`model-${index}`, index);
  // A model still in use is kept while names a client cycles through come and go.
  assert.equal(memo.get('model-0'), 0);
  for (let index = MAX_MEMO_ENTRIES; index < MAX_MEMO_ENTRIES + 50; index += 1) memo.set(`model-${index}`, index);
  assert.equal(memo.size, MAX_MEMO_ENTRIES);
  assert.equal(memo.get('model-0'), 0);
  assert.equal(memo.has('model-1'), false);
  assert.equal(memo.get(`model-${MAX_MEMO_ENTRIES + 49}`), MAX_MEMO_ENTRIES + 49);
  memo.set('model-60', -1);
  assert.equal(memo.size, MAX_MEMO_ENTRIES);
  assert.equal(memo.has('model-52'), true);
  assert.equal(memo.get('model-60'), -1);
});
