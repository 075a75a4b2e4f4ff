import { activityTitle } from './activity-label.ts';
import { buildTrayMenu, buildTrayToolTip, type TrayActions, type TrayMenuItem, type TrayState } from './build-tray-menu.ts';

/** The parts of Electron's Tray we call; injected so the service runs under node:test. */
export interface TrayHandle {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  /** macOS only: text beside the icon in the menu bar. */
  setTitle?(title: string): void;
  on(event: 'click', listener: () => void): void;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface TrayServiceOptions {
  createTray(): TrayHandle;
  /** Menu.buildFromTemplate in production. */
  buildMenu(template: TrayMenuItem[]): unknown;
  actions: TrayActions;
  initialState: TrayState;
  /** Show the rate beside the icon (macOS, where menu-bar apps do that; other trays have no title). */
  showTitle: boolean;
}

/**
 * Owns the tray icon (after Signal's SystemTrayService): idempotent setters, one #render(). The
 * menu is rebuilt on every change because Linux only picks up a new menu via setContextMenu.
 */
export class TrayService {
  readonly #options: TrayServiceOptions;
  #state: TrayState;
  #tray: TrayHandle | null = null;
  #lastTemplate = '';

  /** The actions the menu's items call: checkbox ones re-apply the menu after they ran. */
  readonly #actions: TrayActions;

  constructor(options: TrayServiceOptions) {
    this.#options = options;
    this.#state = options.initialState;
    this.#actions = {
      ...options.actions,
      setRouteEnabled: (name, enabled) => this.#checkboxClicked(() => options.actions.setRouteEnabled(name, enabled)),
      setOpenAtLogin: (enabled) => this.#checkboxClicked(() => options.actions.setOpenAtLogin(enabled)),
    };
  }

  show(): void {
    if (this.#tray !== null) return;
    this.#tray = this.#options.createTray();
    this.#tray.on('click', this.#options.actions.openDashboard);
    this.#render();
  }

  update(change: Partial<TrayState>): void {
    this.#state = { ...this.#state, ...change };
    this.#render();
  }

  get state(): TrayState {
    return this.#state;
  }

  /** Safe to call twice: quitting destroys the tray once, and Electron crashes on a second destroy (electron#32581). */
  destroy(): void {
    if (this.#tray !== null && !this.#tray.isDestroyed()) this.#tray.destroy();
    this.#tray = null;
  }

  /**
   * The native checkbox has already flipped itself (Electron's MenuItem.checked toggles on click)
   * before we know whether the change took. If it did not (a refused login item, a route a reload
   * removed), the state and so the template are unchanged and would not be re-applied: forget the
   * last template so the menu shows the real state again.
   */
  #checkboxClicked(action: () => void): void {
    try {
      action();
    } finally {
      this.#lastTemplate = '';
      this.#render();
    }
  }

  #render(): void {
    if (this.#tray === null) return;
    const template = buildTrayMenu(this.#state, this.#actions);
    const signature = JSON.stringify(template);
    if (signature === this.#lastTemplate) return;
    this.#lastTemplate = signature;
    this.#tray.setToolTip(buildTrayToolTip(this.#state));
    if (this.#options.showTitle) this.#tray.setTitle?.(activityTitle(this.#state.activity));
    this.#tray.setContextMenu(this.#options.buildMenu(template));
  }
}
