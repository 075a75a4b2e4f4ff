import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTrayMenu, buildTrayToolTip, type TrayActions, type TrayState } from '../../../electron/tray/build-tray-menu.ts';

function recordingActions(): { actions: TrayActions; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      openDashboard: () => calls.push('open'),
      configureClaudeCode: () => calls.push('claude'),
      copyUrl: (url) => calls.push(`copy ${url}`),
      setRouteEnabled: (name, enabled) => calls.push(`route ${name} ${enabled}`),
      setOpenAtLogin: (enabled) => calls.push(`login ${enabled}`),
      quit: () => calls.push('quit'),
    },
  };
}

const running: TrayState = {
  gateway: { status: 'running', url: 'http://127.0.0.1:4747', message: null },
  routes: [{ name: 'local', enabled: true }, { name: 'anthropic', enabled: false }],
  openAtLogin: false,
  activity: null,
};

test('running: status, URL, a checkbox per route, then dashboard, Claude Code, login, quit', () => {
  const { actions } = recordingActions();
  const menu = buildTrayMenu(running, actions);
  assert.deepEqual(menu.filter((item) => item.type !== 'separator').map((item) => item.label), [
    'Gateway running', 'http://127.0.0.1:4747  (click to copy)', 'Routes', 'local', 'anthropic', 'Open dashboard', 'Configure Claude Code…', 'Start at login', 'Quit Gatehouse',
  ]);
  const routes = menu.filter((item) => item.id?.startsWith('route:'));
  assert.deepEqual(routes.map((item) => [item.type, item.checked, item.enabled]), [['checkbox', true, true], ['checkbox', false, true]]);
  assert.equal(menu.find((item) => item.id === 'status')?.enabled, false);
});

test('clicking a route asks for the opposite state, and the other items call their actions', () => {
  const { actions, calls } = recordingActions();
  const menu = buildTrayMenu(running, actions);
  for (const id of ['route:local', 'route:anthropic', 'url', 'open-dashboard', 'configure-claude-code', 'open-at-login', 'quit']) menu.find((item) => item.id === id)?.click?.();
  assert.deepEqual(calls, ['route local false', 'route anthropic true', 'copy http://127.0.0.1:4747', 'open', 'claude', 'login true', 'quit']);
});

test('while starting or failed, gateway items are disabled but Quit and Start at login stay usable', () => {
  const { actions } = recordingActions();
  const menu = buildTrayMenu({ ...running, gateway: { status: 'error', url: null, message: 'port 4747 in use' } }, actions);
  assert.equal(menu[0]?.label, 'Gateway stopped: port 4747 in use');
  assert.equal(menu.find((item) => item.id === 'url'), undefined);
  for (const id of ['route:local', 'open-dashboard', 'configure-claude-code']) assert.equal(menu.find((item) => item.id === id)?.enabled, false, id);
  assert.notEqual(menu.find((item) => item.id === 'quit')?.enabled, false);
  assert.notEqual(menu.find((item) => item.id === 'open-at-login')?.enabled, false);
});

test('no routes: no Routes heading and no doubled separator', () => {
  const { actions } = recordingActions();
  const menu = buildTrayMenu({ ...running, routes: [] }, actions);
  assert.equal(menu.some((item) => item.label === 'Routes'), false);
  const types = menu.map((item) => item.type ?? 'normal').join(',');
  assert.doesNotMatch(types, /separator,separator/);
});

test('activity: a disabled line under the status, and the same words in the tooltip; nothing before the first reading', () => {
  const { actions } = recordingActions();
  assert.equal(buildTrayMenu(running, actions).some((item) => item.id === 'activity'), false);
  assert.equal(buildTrayToolTip(running), 'Gatehouse — http://127.0.0.1:4747');

  const busy: TrayState = { ...running, activity: { tokensPerSecond: 38.2, spendTodayUsd: 0.42, inFlight: 1 } };
  const menu = buildTrayMenu(busy, actions);
  assert.deepEqual(menu.slice(0, 2).map((item) => [item.id, item.label, item.enabled]), [['status', 'Gateway running', false], ['activity', 'Today $0.42 · 38 tok/s now', false]]);
  assert.equal(buildTrayToolTip(busy), 'Gatehouse — http://127.0.0.1:4747\nToday $0.42 · 38 tok/s now');
});
