/** Shared test doubles for the router tests: config from a plain object, fake clock, seeded random. */
import { configSchema, type GatehouseConfig } from '../../../gateway/config/schema.ts';
import type { AnthropicMessagesRequest } from '../../../gateway/protocol/anthropic/types.ts';
import type { RouteStateStore } from '../../../gateway/router/route-state.ts';
import type { BudgetScope, SpendSource } from '../../../gateway/router/budgets.ts';

export function configFrom(raw: unknown): GatehouseConfig {
  return configSchema.parse(raw);
}

/** mulberry32: small, fast and good enough to test distributions deterministically. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export class FakeClock {
  now: number;
  constructor(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
    this.now = start;
  }
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export class MemoryRouteStore implements RouteStateStore {
  saved: [string, boolean][] = [];
  constructor(private readonly stored: Record<string, boolean> = {}) {}
  load(): Record<string, boolean> {
    return { ...this.stored };
  }
  save(route: string, enabled: boolean): void {
    this.saved.push([route, enabled]);
    this.stored[route] = enabled;
  }
}

export class FixedSpend implements SpendSource {
  calls: { scope: BudgetScope; since: Date }[] = [];
  constructor(private readonly amounts: Record<string, number> = {}) {}
  spentSince(scope: BudgetScope, since: Date): number {
    this.calls.push({ scope, since });
    const key = scope.kind === 'global' ? 'global' : scope.kind === 'route' ? `route:${scope.route}` : `deployment:${scope.deploymentId}`;
    return this.amounts[key] ?? 0;
  }
}

export function messagesRequest(overrides: Partial<AnthropicMessagesRequest> = {}): AnthropicMessagesRequest {
  return { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hello' }], ...overrides };
}
