// Composition only (aesthetics §2.13): lock → secrets → gateway → tray → window → IPC.
import { app, type BrowserWindow, clipboard, dialog, Menu, nativeImage, powerMonitor, safeStorage, screen, shell, Tray } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../gateway/index.ts';
import { startWithPortFallback } from './gateway-host.ts';
import { PROVIDER_ENV_VARS, SecretStore } from './secret-store.ts';
import { createAutoLaunch } from './auto-launch.ts';
import { TrayService } from './tray/tray-service.ts';
import { ActivityFeed, systemClock } from './tray/activity-feed.ts';
import { createDashboardWindow, showPage } from './window/dashboard-window.ts';
import { isDashboardUrl } from './window/navigation-policy.ts';
import { parseWindowState, restoreBounds, type WindowState } from './window/window-state.ts';
import { registerIpcHandlers } from './ipc/main-ipc.ts';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(run).catch((error: unknown) => {
    dialog.showErrorBox('Gatehouse could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function trayIcon(): Electron.NativeImage {
  const resources = app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources');
  // macOS wants a template image (recoloured for light/dark menu bars); the others a plain one.
  const file = process.platform === 'darwin' ? 'tray/trayTemplate.png' : process.platform === 'win32' ? 'tray/tray-win.png' : 'tray/tray-linux.png';
  const image = nativeImage.createFromPath(path.join(resources, file));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

async function run(): Promise<void> {
  const userData = app.getPath('userData');
  const windowStateFile = path.join(userData, 'window-state.json');
  let quitting = false;
  let window: BrowserWindow | null = null;

  const secrets = new SecretStore(path.join(userData, 'provider-keys.json'), safeStorage);
  // Removing a stored key falls back to what the shell had, not to nothing.
  const shellEnv = { ...process.env };
  secrets.exportTo(process.env);
  const { gateway, portNotice } = await startWithPortFallback((port) => startGateway({ dataDir: userData, port, env: process.env, keychainVariables: () => secrets.exportedVariables(), uiDir: path.join(app.getAppPath(), 'dist', 'ui') }));
  const autoLaunch = createAutoLaunch({ platform: process.platform, loginItems: app, configHome: process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), execPath: process.execPath });
  const origin = new URL(gateway.url).origin;

  const openWindow = (page: string): void => {
    window ??= createDashboardWindow({
      gatewayUrl: gateway.url,
      preloadPath: path.join(__dirname, 'preload.cjs'),
      state: restoreBounds(parseWindowState(readText(windowStateFile)), [screen.getPrimaryDisplay().workArea, ...screen.getAllDisplays().map((display) => display.workArea)]),
      onStateChange: (state: WindowState) => writeFileSync(windowStateFile, JSON.stringify(state)),
      isQuitting: () => quitting,
    });
    showPage(window, page);
  };

  const tray = new TrayService({
    createTray: () => new Tray(trayIcon()),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    initialState: { gateway: { status: 'running', url: gateway.url, message: null }, routes: gateway.routes(), openAtLogin: autoLaunch.get(), activity: null },
    showTitle: process.platform === 'darwin',
    actions: {
      openDashboard: () => openWindow('overview'),
      configureClaudeCode: () => openWindow('setup'),
      copyUrl: (url) => clipboard.writeText(url),
      setRouteEnabled: (name, enabled) => {
        // A reload may have removed the route since the menu was drawn: the gateway refuses it (404),
        // which must not become an uncaught exception in main; the update shows the routes there are.
        void Promise.resolve()
          .then(() => gateway.setRouteEnabled(name, enabled))
          .catch(() => undefined)
          .then(() => tray.update({ routes: gateway.routes() }));
      },
      setOpenAtLogin: (enabled) => tray.update({ openAtLogin: autoLaunch.set(enabled) }),
      quit: () => app.quit(),
    },
  });
  tray.show();
  const activity = new ActivityFeed({ spendTodayUsd: (now) => gateway.spendTodayUsd(now), publish: (reading) => tray.update({ activity: reading }), clock: systemClock });
  activity.start();
  const refreshActivity = (): void => activity.refresh();
  powerMonitor.on('resume', refreshActivity);
  // The dashboard and the config file can change routes too; the tray follows the gateway's own events.
  const unsubscribe = gateway.runtime.events.subscribe((event) => {
    if (event.type === 'route.changed' || event.type === 'config.reloaded') tray.update({ routes: gateway.routes() });
    activity.observe(event);
  });

  const unregisterIpc = registerIpcHandlers({
    'gateway:connection': () => ({ adminUrl: gateway.url, adminToken: gateway.adminToken, portNotice }),
    'secrets:list': () => secrets.list(),
    'secrets:set': ({ provider, key }) => {
      const status = secrets.set(provider, key);
      secrets.exportTo(process.env);
      void gateway.reload();
      return status;
    },
    'secrets:delete': ({ provider }) => {
      const status = secrets.delete(provider);
      const variable = PROVIDER_ENV_VARS[provider];
      if (shellEnv[variable] === undefined) delete process.env[variable];
      else process.env[variable] = shellEnv[variable];
      void gateway.reload();
      return status;
    },
    'app:get-open-at-login': () => autoLaunch.get(),
    'app:set-open-at-login': ({ enabled }) => {
      const result = autoLaunch.set(enabled);
      tray.update({ openAtLogin: result });
      return result;
    },
    'app:reveal-data-folder': () => shell.showItemInFolder(gateway.dataDir),
    'app:quit': () => app.quit(),
  }, (url) => isDashboardUrl(url, origin));

  app.on('second-instance', () => openWindow('overview'));
  app.on('activate', () => openWindow('overview'));
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    unsubscribe();
    powerMonitor.off('resume', refreshActivity);
    activity.destroy();
    unregisterIpc();
    tray.destroy();
    void gateway.close().finally(() => app.exit(0));
  });

  if (portNotice !== null) tray.update({ gateway: { status: 'running', url: gateway.url, message: portNotice } });
  if (!process.argv.includes('--hidden')) openWindow('overview');
}
