import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkProxyAuth, keysMatch, presentedKey } from '../../../gateway/server/proxy-auth.ts';
import { AuthFailureLimiter } from '../../../gateway/server/auth-failure-limiter.ts';

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

test('Claude Code with ANTHROPIC_AUTH_TOKEN and another key set sends both headers: the gateway key in either one is accepted', () => {
  const key = 'sk-gh-0123456789abcdef';
  const limiter = new AuthFailureLimiter('gateway keys');
  // ANTHROPIC_AUTH_TOKEN (the gateway key) beside a /login or ANTHROPIC_API_KEY key in x-api-key, and the other way round.
  assert.doesNotThrow(() => checkProxyAuth({ 'x-api-key': 'sk-ant-api03-console-key', authorization: `Bearer ${key}` }, key, limiter, '127.0.0.1'));
  assert.doesNotThrow(() => checkProxyAuth({ 'x-api-key': key, authorization: 'Bearer some-other-token' }, key, limiter, '127.0.0.1'));
  assert.throws(() => checkProxyAuth({ 'x-api-key': 'wrong-1', authorization: 'Bearer wrong-2' }, key, limiter, '127.0.0.1'), { status: 401, message: /Invalid API key/ });
  assert.throws(() => checkProxyAuth({}, key, limiter, '127.0.0.1'), { status: 401, message: /Missing API key/ });
});
