import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MEMO_ENTRIES, setBounded } from '../../../gateway/proxy/bounded-memo.ts';

test('a memo keeps at most MAX_MEMO_ENTRIES entries, dropping the oldest, and updating a key never drops another', () => {
  const memo = new Map<string, number>();
  for (let index = 0; index < MAX_MEMO_ENTRIES + 50; index += 1) setBounded(memo, `model-${index}`, index);
  assert.equal(memo.size, MAX_MEMO_ENTRIES);
  assert.equal(memo.has('model-0'), false);
  assert.equal(memo.get(`model-${MAX_MEMO_ENTRIES + 49}`), MAX_MEMO_ENTRIES + 49);
  setBounded(memo, 'model-60', -1);
  assert.equal(memo.size, MAX_MEMO_ENTRIES);
  assert.equal(memo.has('model-50'), true);
  assert.equal(memo.get('model-60'), -1);
});
