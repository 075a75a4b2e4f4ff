import { BrowserWindow, session, shell } from 'electron';
import { dashboardCsp, isDashboardUrl, isExternalLinkAllowed } from './navigation-policy.ts';
import { MIN_SIZE, type WindowState } from './window-state.ts';

export interface DashboardWindowOptions {
  /** `http://127.0.0.1:PORT`: the dashboard is loaded from the gateway, so its cookie and CSP are same-origin. */
  gatewayUrl: string;
  preloadPath: string;
  state: WindowState;
  onStateChange(state: WindowState): void;
  /** Closing hides the window unless the app is quitting. */
  isQuitting(): boolean;
}

/** Permissions the dashboard needs: writing to the clipboard for the copy buttons. Everything else is refused. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function createDashboardWindow(options: DashboardWindowOptions): BrowserWindow {
  const origin = new URL(options.gatewayUrl).origin;
  const window = new BrowserWindow({
    ...options.state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Gatehouse',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (options.state.maximized) window.maximize();

  const contents = window.webContents;
  contents.session.webRequest.onHeadersReceived({ urls: [`${origin}/ui/*`] }, (details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [dashboardCsp(origin)] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  contents.on('will-navigate', (event, target) => {
    if (!isDashboardUrl(target, origin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  const saveState = (): void => options.onStateChange({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  window.on('resized', saveState);
  window.on('moved', saveState);
  window.on('close', (event) => {
    saveState();
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${origin}/ui/#/overview`);
  return window;
}

/** Shows the window on a page, creating nothing: the caller owns the single instance. */
export function showPage(window: BrowserWindow, page: string): void {
  void window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/${page}`)}`);
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
