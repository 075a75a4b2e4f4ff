/**
 * Spend limits: global (litellm_settings.max_budget), per route (gatehouse.routes[x].max_budget)
 * and per deployment (litellm_params.max_budget), each over a calendar period.
 *
 * Periods are calendar periods in the machine's LOCAL time (day from midnight, week from Monday
 * 00:00, month from the 1st), because a budget on one person's machine should reset when their
 * day does. LiteLLM's rolling spellings map onto them: 1d/24h → day, 7d → week, 30d/1mo → month.
 *
 * Spend per period starts from the store (`SpendSource.spentSince`, read once when a period
 * begins or the config reloads) and then grows by the live costs the router is told about, so
 * the hot path never queries the store. Free deployments are never blocked by a budget.
 */
import { GatewayError } from '../errors/index.ts';
import type { GatehouseConfig } from '../config/schema.ts';
import type { BudgetDuration, Deployment } from './deployment-table.ts';

export type BudgetScope = { kind: 'global' } | { kind: 'route'; route: string } | { kind: 'deployment'; deploymentId: string };

export interface SpendSource {
  /** USD spent in `scope` from `since` until now, as recorded by the store. */
  spentSince(scope: BudgetScope, since: Date): number;
}

export type BudgetPeriod = 'day' | 'week' | 'month';

export interface BudgetStatus {
  scope: BudgetScope;
  /** `global budget`, `route "openrouter" budget`, ... */
  label: string;
  limitUsd: number;
  spentUsd: number;
  period: BudgetPeriod;
  /** Epoch ms when the current period ends and the spend starts again from zero. */
  resetsAt: number;
}

interface Budget {
  scope: BudgetScope;
  label: string;
  limitUsd: number;
  period: BudgetPeriod;
  periodStart: number;
  periodEnd: number;
  spentUsd: number;
}

const PERIOD_OF: Record<BudgetDuration, BudgetPeriod> = {
  day: 'day', '1d': 'day', '24h': 'day',
  week: 'week', '7d': 'week',
  month: 'month', '30d': 'month', '1mo': 'month',
};

/** The local-time calendar period containing `now`: [start, end) in epoch ms. */
export function periodBounds(period: BudgetPeriod, now: number): { start: number; end: number } {
  const date = new Date(now);
  const year = date.getFullYear();
  const month = date.getMonth();
  const day = date.getDate();
  switch (period) {
    case 'day':
      return { start: new Date(year, month, day).getTime(), end: new Date(year, month, day + 1).getTime() };
    case 'week': {
      const sinceMonday = (date.getDay() + 6) % 7;
      return { start: new Date(year, month, day - sinceMonday).getTime(), end: new Date(year, month, day - sinceMonday + 7).getTime() };
    }
    case 'month':
      return { start: new Date(year, month, 1).getTime(), end: new Date(year, month + 1, 1).getTime() };
  }
}

const formatUsd = (usd: number): string => `$${usd.toFixed(usd < 1 ? 4 : 2)}`;

export class Budgets {
  private readonly spend: SpendSource;
  private readonly clock: () => number;
  private budgets = new Map<string, Budget>();
  /** Budgets that apply to each deployment, most specific first. */
  private applicable = new Map<string, Budget[]>();

  constructor(config: GatehouseConfig, deployments: readonly Deployment[], spend: SpendSource, clock: () => number) {
    this.spend = spend;
    this.clock = clock;
    this.reload(config, deployments);
  }

  reload(config: GatehouseConfig, deployments: readonly Deployment[]): void {
    const budgets = new Map<string, Budget>();
    const define = (key: string, scope: BudgetScope, label: string, limitUsd: number | undefined, duration: BudgetDuration | undefined): void => {
      if (limitUsd !== undefined) budgets.set(key, { scope, label, limitUsd, period: PERIOD_OF[duration ?? 'month'], periodStart: 0, periodEnd: 0, spentUsd: 0 });
    };
    define('global', { kind: 'global' }, 'global budget', config.litellm_settings.max_budget, config.litellm_settings.budget_duration);
    for (const [route, settings] of Object.entries(config.gatehouse.routes)) {
      define(`route:${route}`, { kind: 'route', route }, `route "${route}" budget`, settings.max_budget, settings.budget_duration);
    }
    const applicable = new Map<string, Budget[]>();
    for (const deployment of deployments) {
      define(`deployment:${deployment.id}`, { kind: 'deployment', deploymentId: deployment.id }, `deployment "${deployment.id}" budget`, deployment.params.maxBudget, deployment.params.budgetDuration);
      const forDeployment = [budgets.get(`deployment:${deployment.id}`), budgets.get(`route:${deployment.route}`), budgets.get('global')].filter((budget) => budget !== undefined);
      if (forDeployment.length > 0) applicable.set(deployment.id, forDeployment);
    }
    this.budgets = budgets;
    this.applicable = applicable;
  }

  /** Adds a finished request's cost to every budget it counts toward. */
  record(deployment: Deployment, costUsd: number): void {
    if (costUsd <= 0) return;
    for (const budget of this.applicable.get(deployment.id) ?? []) this.current(budget).spentUsd += costUsd;
  }

  /** The first budget `deployment` would break, or undefined when it may be used. */
  exceeded(deployment: Deployment): BudgetStatus | undefined {
    if (deployment.isFree) return undefined;
    const budgets = this.applicable.get(deployment.id);
    if (budgets === undefined) return undefined;
    for (const budget of budgets) {
      const current = this.current(budget);
      if (current.spentUsd >= current.limitUsd) return this.statusOf(current);
    }
    return undefined;
  }

  list(): BudgetStatus[] {
    return [...this.budgets.values()].map((budget) => this.statusOf(this.current(budget)));
  }

  private statusOf(budget: Budget): BudgetStatus {
    return { scope: budget.scope, label: budget.label, limitUsd: budget.limitUsd, spentUsd: budget.spentUsd, period: budget.period, resetsAt: budget.periodEnd };
  }

  /** Rolls the budget into the current period, reading the baseline from the store once per period. */
  private current(budget: Budget): Budget {
    const now = this.clock();
    if (now >= budget.periodEnd || now < budget.periodStart) {
      const { start, end } = periodBounds(budget.period, now);
      budget.periodStart = start;
      budget.periodEnd = end;
      budget.spentUsd = this.spend.spentSince(budget.scope, new Date(start));
    }
    return budget;
  }
}

/** The 429 explaining which budget ran out, how far, and when it resets. */
export function budgetExceededError(status: BudgetStatus, now: number): GatewayError {
  const retryAfterSeconds = Math.max(1, Math.ceil((status.resetsAt - now) / 1000));
  return new GatewayError(
    'policy_budget_exceeded',
    429,
    `The ${status.label} is used up: ${formatUsd(status.spentUsd)} spent of ${formatUsd(status.limitUsd)} this ${status.period}; it resets at ${new Date(status.resetsAt).toISOString()}. Raise max_budget, or mark a local route free: true to fall back to it.`,
    { retryAfterSeconds },
  );
}
