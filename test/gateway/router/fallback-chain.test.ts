import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbacksFor, fallbackListsFrom } from '../../../gateway/router/fallback-chain.ts';
import { configFrom } from './router-fixtures.ts';

test('"*" and default_fallbacks catch groups without their own list; special kinds use only their list', () => {
  const lists = fallbackListsFrom(configFrom({
    router_settings: { fallbacks: [{ a: ['b'] }], context_window_fallbacks: [{ a: ['big'] }], default_fallbacks: ['local'] },
    litellm_settings: { content_policy_fallbacks: [{ a: ['lenient'] }], fallbacks: [{ a: ['ignored'] }] },
  }));
  assert.deepEqual(fallbacksFor('x', 'general', lists), ['local']);
  assert.deepEqual(fallbacksFor('a', 'general', lists), ['b']);
  assert.deepEqual(fallbacksFor('a', 'context_window', lists), ['big']);
  assert.deepEqual(fallbacksFor('x', 'context_window', lists), []);
  assert.deepEqual(fallbacksFor('a', 'content_policy', lists), ['lenient']);
  const star = fallbackListsFrom(configFrom({ router_settings: { fallbacks: [{ '*': ['anywhere'] }] } }));
  assert.deepEqual(fallbacksFor('x', 'general', star), ['anywhere']);
  assert.deepEqual(fallbacksFor('a', 'general', fallbackListsFrom(configFrom({}))), []);
});
