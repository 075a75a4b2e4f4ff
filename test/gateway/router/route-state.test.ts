import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { RouteState, routeDisabledError } from '../../../gateway/router/route-state.ts';
import { configFrom, MemoryRouteStore } from './router-fixtures.ts';

const config = configFrom({ gatehouse: { routes: { local: { free: true, description: 'Ollama' }, openrouter: { enabled: false } } } });
const counts = new Map([['local', 2], ['anthropic', 1], ['openrouter', 1]]);

test('initial state comes from config (default on) and stored toggles win', () => {
  const state = new RouteState(config, counts, new MemoryRouteStore({ local: false, gone: true }));
  assert.deepEqual(state.list().map((route) => [route.route, route.enabled]), [['local', false], ['openrouter', false], ['anthropic', true]]);
  assert.deepEqual(state.list()[0], { route: 'local', enabled: false, free: true, description: 'Ollama', deploymentCount: 2 });
});

test('a toggle applies at once and is saved; unknown routes are a 404', () => {
  const store = new MemoryRouteStore();
  const state = new RouteState(config, counts, store);
  state.setEnabled('openrouter', true);
  assert.equal(state.isEnabled('openrouter'), true);
  assert.deepEqual(store.saved, [['openrouter', true]]);
  state.reload(config, counts);
  assert.equal(state.isEnabled('openrouter'), true, 'the saved toggle survives a reload');
  assert.throws(() => state.setEnabled('nope', false), (error: unknown) => GatewayError.isInstance(error) && error.status === 404);
});

test('the disabled-route error names the routes', () => {
  const error = routeDisabledError('sonnet', ['openrouter', 'anthropic', 'openrouter']);
  assert.deepEqual([error.type, error.status], ['policy_route_disabled', 503]);
  assert.match(error.message, /"sonnet".*route "openrouter", "anthropic" is disabled/);
});
