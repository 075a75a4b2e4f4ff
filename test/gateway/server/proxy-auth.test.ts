import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keysMatch, presentedKey } from '../../../gateway/server/proxy-auth.ts';

test('keys match only byte for byte: same length but different, shorter, longer and non-ASCII keys fail', () => {
  const key = 'sk-gh-0123456789abcdef';
  assert.equal(keysMatch(key, key), true);
  assert.equal(keysMatch('sk-gh-0123456789abcdeX', key), false);
  assert.equal(keysMatch(key.slice(0, -1), key), false);
  assert.equal(keysMatch(`${key}0`, key), false);
  assert.equal(keysMatch('', key), false);
  // Same UTF-16 length, different UTF-8 length: compared as bytes, never a throw.
  assert.equal(keysMatch('sk-gh-0123456789abcdé', 'sk-gh-0123456789abcde'), false);
  assert.equal(keysMatch('clé', 'clé'), true);
});

test('the key comes from x-api-key, else from a Bearer authorization header', () => {
  assert.equal(presentedKey({ 'x-api-key': 'a' }), 'a');
  assert.equal(presentedKey({ authorization: 'Bearer  b ' }), 'b');
  assert.equal(presentedKey({ authorization: 'Basic c' }), undefined);
  assert.equal(presentedKey({}), undefined);
});
