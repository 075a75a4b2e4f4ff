import { activityLabel, type TrayActivity } from './activity-label.ts';

/** What the tray shows; everything the menu depends on, so the menu is a pure function of it. */
export interface TrayState {
  gateway: { status: 'starting' | 'running' | 'error'; url: string | null; message: string | null };
  routes: readonly { name: string; enabled: boolean }[];
  openAtLogin: boolean;
  /** Null until the first reading. */
  activity: TrayActivity | null;
}

export interface TrayActions {
  openDashboard(): void;
  configureClaudeCode(): void;
  copyUrl(url: string): void;
  setRouteEnabled(name: string, enabled: boolean): void;
  setOpenAtLogin(enabled: boolean): void;
  quit(): void;
}

/** The subset of Electron's MenuItemConstructorOptions we use; structurally assignable to it. */
export interface TrayMenuItem {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

const STATUS_LABEL = { starting: 'Gateway starting…', running: 'Gateway running', error: 'Gateway stopped' } as const;

/**
 * Builds the tray menu. Linux's AppIndicator ignores clicks on the icon, so everything reachable
 * from a click must also be in the menu (reference/desktop.md §6): Open dashboard and Quit always are.
 */
export function buildTrayMenu(state: TrayState, actions: TrayActions): TrayMenuItem[] {
  const { gateway } = state;
  const running = gateway.status === 'running';
  const items: TrayMenuItem[] = [
    { id: 'status', label: gateway.status === 'error' && gateway.message !== null ? `${STATUS_LABEL.error}: ${gateway.message}` : STATUS_LABEL[gateway.status], enabled: false },
  ];
  const activity = activityLabel(state.activity);
  if (activity !== null) items.push({ id: 'activity', label: activity, enabled: false });
  if (gateway.url !== null) {
    const url = gateway.url;
    items.push({ id: 'url', label: `${url}  (click to copy)`, enabled: running, click: () => actions.copyUrl(url) });
  }
  items.push({ type: 'separator' });
  if (state.routes.length > 0) {
    items.push({ id: 'routes-heading', label: 'Routes', enabled: false });
    for (const route of state.routes) {
      items.push({
        id: `route:${route.name}`,
        label: route.name,
        type: 'checkbox',
        checked: route.enabled,
        enabled: running,
        click: () => actions.setRouteEnabled(route.name, !route.enabled),
      });
    }
    items.push({ type: 'separator' });
  }
  items.push(
    { id: 'open-dashboard', label: 'Open dashboard', enabled: running, click: actions.openDashboard },
    { id: 'configure-claude-code', label: 'Configure Claude Code…', enabled: running, click: actions.configureClaudeCode },
    { type: 'separator' },
    { id: 'open-at-login', label: 'Start at login', type: 'checkbox', checked: state.openAtLogin, click: () => actions.setOpenAtLogin(!state.openAtLogin) },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Gatehouse', click: actions.quit },
  );
  return items;
}

/** The hover text: the URL and, like the menu, today's spend and the current rate. */
export function buildTrayToolTip(state: TrayState): string {
  const lines = [state.gateway.url === null ? 'Gatehouse' : `Gatehouse — ${state.gateway.url}`];
  const activity = activityLabel(state.activity);
  if (activity !== null) lines.push(activity);
  return lines.join('\n');
}
