import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAutoLaunch, linuxAutostartEntry } from '../../electron/auto-launch.ts';

test('Linux: an XDG autostart file is written and removed', () => {
  const configHome = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-xdg-'));
  const loginItems = { getLoginItemSettings: () => ({ openAtLogin: false }), setLoginItemSettings: () => assert.fail('not used on Linux') };
  const autoLaunch = createAutoLaunch({ platform: 'linux', loginItems, configHome, execPath: '/opt/Gatehouse/gatehouse' });
  assert.equal(autoLaunch.get(), false);
  assert.equal(autoLaunch.set(true), true);
  const file = path.join(configHome, 'autostart', 'gatehouse.desktop');
  assert.match(readFileSync(file, 'utf8'), /^Exec=\/opt\/Gatehouse\/gatehouse --hidden$/m);
  assert.equal(autoLaunch.set(false), false);
  assert.equal(existsSync(file), false);
});

test('macOS and Windows use the login item, starting hidden', () => {
  let settings = { openAtLogin: false, args: [] as string[] | undefined };
  const loginItems = { getLoginItemSettings: () => settings, setLoginItemSettings: (next: { openAtLogin: boolean; args?: string[] }) => void (settings = { ...next, args: next.args }) };
  const autoLaunch = createAutoLaunch({ platform: 'darwin', loginItems, configHome: '/nowhere', execPath: '/Applications/Gatehouse.app' });
  assert.equal(autoLaunch.set(true), true);
  assert.deepEqual(settings.args, ['--hidden']);
});

test('paths with spaces are quoted in the desktop entry', () => {
  assert.match(linuxAutostartEntry('/home/me/My Apps/gatehouse'), /^Exec="\/home\/me\/My Apps\/gatehouse" --hidden$/m);
});
