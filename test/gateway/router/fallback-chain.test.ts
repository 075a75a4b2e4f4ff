import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackChain, fallbackListsFrom } from '../../../gateway/router/fallback-chain.ts';
import { configFrom } from './router-fixtures.ts';

test('fallbacks follow breadth first, cut cycles and stop at max_fallbacks', () => {
  const lists = fallbackListsFrom(configFrom({
    router_settings: { fallbacks: [{ a: ['b', 'c'] }, { b: ['a', 'd'] }, { c: ['c', 'e'] }, { d: ['f'] }], max_fallbacks: 4 },
  }));
  assert.deepEqual(fallbackChain('a', 'general', lists), ['b', 'c', 'd', 'e']);
  assert.deepEqual(fallbackChain('b', 'general', lists), ['a', 'd', 'c', 'f']);
  assert.deepEqual(fallbackChain('a', 'general', lists, new Set(['c'])), ['b', 'd', 'f']);
  assert.deepEqual(fallbackChain('a', 'none', lists), []);
});

test('"*" and default_fallbacks catch groups without their own list; special kinds use only their list', () => {
  const lists = fallbackListsFrom(configFrom({
    router_settings: { fallbacks: [{ a: ['b'] }], context_window_fallbacks: [{ a: ['big'] }], default_fallbacks: ['local'] },
    litellm_settings: { content_policy_fallbacks: [{ a: ['lenient'] }], fallbacks: [{ a: ['ignored'] }] },
  }));
  assert.deepEqual(fallbackChain('x', 'general', lists), ['local']);
  assert.deepEqual(fallbackChain('a', 'general', lists), ['b', 'local']);
  assert.deepEqual(fallbackChain('a', 'context_window', lists), ['big']);
  assert.deepEqual(fallbackChain('x', 'context_window', lists), []);
  assert.deepEqual(fallbackChain('a', 'content_policy', lists), ['lenient']);
  const star = fallbackListsFrom(configFrom({ router_settings: { fallbacks: [{ '*': ['anywhere'] }] } }));
  assert.deepEqual(fallbackChain('x', 'general', star), ['anywhere']);
  assert.deepEqual(fallbackChain('a', 'general', fallbackListsFrom(configFrom({}))), []);
});
