import { buildTrayMenu, type TrayActions, type TrayMenuItem, type TrayState } from './build-tray-menu.ts';

/** The parts of Electron's Tray we call; injected so the service runs under node:test. */
export interface TrayHandle {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
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

  constructor(options: TrayServiceOptions) {
    this.#options = options;
    this.#state = options.initialState;
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

  #render(): void {
    if (this.#tray === null) return;
    const template = buildTrayMenu(this.#state, this.#options.actions);
    const signature = JSON.stringify(template);
    if (signature === this.#lastTemplate) return;
    this.#lastTemplate = signature;
    const { gateway } = this.#state;
    this.#tray.setToolTip(gateway.url === null ? 'Gatehouse' : `Gatehouse — ${gateway.url}`);
    this.#tray.setContextMenu(this.#options.buildMenu(template));
  }
}
