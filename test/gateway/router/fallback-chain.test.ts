import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbacksFor, fallbackListsFrom } from '../../../gateway/router/fallback-chain.ts';
import { configFrom } from './router-fixtures.ts';

test('"*" and default_fallbacks catch groups without their own list; special kinds use only their list', () => {
  const lists = fallbackListsFrom(configFrom({
    router_settings: { fallbacks: [{ a: ['b'] }], context_window_fallbacks: [{ a: ['big'] }], default_fallbacks: ['local'] },
    litellm_settings: { content_policy_fallbacks: [{ a: ['lenient'] }], fallbacks: [{ a: ['ignored'] }] },
  }));
  assert.deepEqual(fallbacksFor('x', 'x', 'general', lists), ['local']);
  assert.deepEqual(fallbacksFor('a', 'a', 'general', lists), ['b']);
  assert.deepEqual(fallbacksFor('a', 'a', 'context_window', lists), ['big']);
  assert.deepEqual(fallbacksFor('x', 'x', 'context_window', lists), []);
  assert.deepEqual(fallbacksFor('a', 'a', 'content_policy', lists), ['lenient']);
  const star = fallbackListsFrom(configFrom({ router_settings: { fallbacks: [{ '*': ['anywhere'] }] } }));
  assert.deepEqual(fallbacksFor('x', 'x', 'general', star), ['anywhere']);
  assert.deepEqual(fallbacksFor('a', 'a', 'general', fallbackListsFrom(configFrom({}))), []);
});

test('a list is found under the name asked for, that name without its provider prefix, then the group', () => {
  const lists = fallbackListsFrom(configFrom({
    router_settings: { fallbacks: [{ 'claude-*': ['by-group'] }, { 'claude-opus-4': ['by-name'] }], context_window_fallbacks: [{ 'claude-opus-4': ['big'] }] },
  }));
  assert.deepEqual(fallbacksFor('claude-opus-4', 'claude-*', 'general', lists), ['by-name']);
  assert.deepEqual(fallbacksFor('anthropic/claude-opus-4', 'anthropic/*', 'general', lists), ['by-name']);
  assert.deepEqual(fallbacksFor('claude-haiku-4', 'claude-*', 'general', lists), ['by-group']);
  assert.deepEqual(fallbacksFor('claude-opus-4', 'claude-*', 'context_window', lists), ['big']);
  assert.deepEqual(fallbacksFor('unknown/claude-haiku-4', 'unknown/*', 'general', lists), []);
});
