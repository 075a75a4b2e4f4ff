/**
 * Which routes are enabled. Initial values come from `gatehouse.routes[x].enabled` (default
 * on); a toggle saved in the store wins over the config, because the user made it later and
 * on purpose. A toggle takes effect for the next plan() and is persisted through the injected
 * store (SQLite in production), so the router itself does no I/O.
 */
import { GatewayError } from '../errors/index.ts';
import type { GatehouseConfig } from '../config/schema.ts';

export interface RouteStateStore {
  load(): Record<string, boolean>;
  save(route: string, enabled: boolean): void;
}

export interface RouteStatus {
  route: string;
  enabled: boolean;
  free: boolean;
  description: string | undefined;
  deploymentCount: number;
}

export class RouteState {
  private readonly enabled = new Map<string, boolean>();
  private readonly store: RouteStateStore;
  private config: GatehouseConfig;
  private deploymentCounts: ReadonlyMap<string, number>;

  constructor(config: GatehouseConfig, deploymentCounts: ReadonlyMap<string, number>, store: RouteStateStore) {
    this.store = store;
    this.config = config;
    this.deploymentCounts = deploymentCounts;
    this.reload(config, deploymentCounts);
  }

  /** Re-reads config and store: store toggles for routes that still exist win. */
  reload(config: GatehouseConfig, deploymentCounts: ReadonlyMap<string, number>): void {
    this.config = config;
    this.deploymentCounts = deploymentCounts;
    this.enabled.clear();
    for (const [route, settings] of Object.entries(config.gatehouse.routes)) this.enabled.set(route, settings.enabled);
    for (const route of deploymentCounts.keys()) if (!this.enabled.has(route)) this.enabled.set(route, true);
    for (const [route, enabled] of Object.entries(this.store.load())) if (this.enabled.has(route)) this.enabled.set(route, enabled);
  }

  isEnabled(route: string): boolean {
    return this.enabled.get(route) ?? true;
  }

  /** Applies at once and persists; throws caller_not_found for a route nobody configured. */
  setEnabled(route: string, enabled: boolean): void {
    if (!this.enabled.has(route)) {
      throw new GatewayError('caller_not_found', 404, `No route named "${route}"; known routes: ${[...this.enabled.keys()].join(', ') || 'none'}.`);
    }
    this.enabled.set(route, enabled);
    this.store.save(route, enabled);
  }

  list(): RouteStatus[] {
    return [...this.enabled].map(([route, enabled]) => {
      const settings = this.config.gatehouse.routes[route];
      return { route, enabled, free: settings?.free === true, description: settings?.description, deploymentCount: this.deploymentCounts.get(route) ?? 0 };
    });
  }
}

/** The 503 for "every candidate sits on a disabled route". */
export function routeDisabledError(group: string, disabledRoutes: Iterable<string>): GatewayError {
  const names = [...new Set(disabledRoutes)].map((route) => `"${route}"`).join(', ');
  return new GatewayError(
    'policy_route_disabled',
    503,
    `Model group "${group}" has no enabled deployment: route ${names} is disabled. Enable it in Gatehouse (admin API or tray) or add a fallback on another route.`,
  );
}
