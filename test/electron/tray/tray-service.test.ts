import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrayService, type TrayHandle } from '../../../electron/tray/tray-service.ts';
import type { TrayMenuItem } from '../../../electron/tray/build-tray-menu.ts';

function fakeTray() {
  const log = { menus: [] as TrayMenuItem[][], tooltips: [] as string[], titles: [] as string[], destroyed: 0, created: 0 };
  const createTray = (): TrayHandle => {
    log.created += 1;
    let destroyed = false;
    return {
      setToolTip: (text) => log.tooltips.push(text),
      setContextMenu: (menu) => log.menus.push(menu as TrayMenuItem[]),
      setTitle: (title) => log.titles.push(title),
      on: () => undefined,
      destroy: () => {
        destroyed = true;
        log.destroyed += 1;
      },
      isDestroyed: () => destroyed,
    };
  };
  return { log, createTray };
}

const noop = (): void => undefined;
const actions = { openDashboard: noop, configureClaudeCode: noop, copyUrl: noop, setRouteEnabled: noop, setOpenAtLogin: noop, quit: noop };

test('renders once on show, again only when the menu changes, and destroys once', () => {
  const { log, createTray } = fakeTray();
  const service = new TrayService({
    createTray,
    buildMenu: (template) => template,
    actions,
    initialState: { gateway: { status: 'running', url: 'http://127.0.0.1:4747', message: null }, routes: [{ name: 'local', enabled: true }], openAtLogin: false, activity: null },
    showTitle: false,
  });
  service.update({ openAtLogin: true });
  assert.equal(log.menus.length, 0, 'nothing is drawn before show()');
  service.show();
  service.show();
  assert.equal(log.created, 1);
  assert.equal(log.menus.length, 1);
  service.update({ openAtLogin: true });
  assert.equal(log.menus.length, 1, 'same state, no re-render');
  service.update({ routes: [{ name: 'local', enabled: false }] });
  assert.equal(log.menus.length, 2);
  assert.equal(log.menus[1]?.find((item) => item.id === 'route:local')?.checked, false);
  assert.equal(log.tooltips.at(-1), 'Gatehouse — http://127.0.0.1:4747');
  service.destroy();
  service.destroy();
  assert.equal(log.destroyed, 1);
});

test('a checkbox click that changes nothing re-applies the menu, undoing the native checkbox flip', () => {
  const { log, createTray } = fakeTray();
  const service = new TrayService({
    createTray,
    buildMenu: (template) => template,
    // The OS refused the login item: the state stays false.
    actions: { ...actions, setOpenAtLogin: () => service.update({ openAtLogin: false }) },
    initialState: { gateway: { status: 'running', url: 'http://127.0.0.1:4747', message: null }, routes: [{ name: 'local', enabled: true }], openAtLogin: false, activity: null },
    showTitle: false,
  });
  service.show();
  log.menus[0]?.find((item) => item.id === 'open-at-login')?.click?.();
  assert.equal(log.menus.length, 2);
  assert.equal(log.menus[1]?.find((item) => item.id === 'open-at-login')?.checked, false);
});

test('activity: redrawn only when its words change; the title beside the icon only where asked for', () => {
  for (const showTitle of [true, false]) {
    const { log, createTray } = fakeTray();
    const service = new TrayService({
      createTray,
      buildMenu: (template) => template,
      actions,
      initialState: { gateway: { status: 'running', url: 'http://127.0.0.1:4747', message: null }, routes: [], openAtLogin: false, activity: null },
      showTitle,
    });
    service.show();
    service.update({ activity: { tokensPerSecond: 38.2, spendTodayUsd: 0.42, inFlight: 1 } });
    service.update({ activity: { tokensPerSecond: 38.4, spendTodayUsd: 0.421, inFlight: 2 } });
    assert.equal(log.menus.length, 2, 'same words, no rebuild');
    assert.equal(log.tooltips.at(-1), 'Gatehouse — http://127.0.0.1:4747\nToday $0.42 · 38 tok/s now');
    service.update({ activity: { tokensPerSecond: 0, spendTodayUsd: 0.42, inFlight: 0 } });
    assert.equal(log.menus.length, 3);
    assert.deepEqual(log.titles, showTitle ? ['', '38 tok/s', ''] : []);
  }
});
