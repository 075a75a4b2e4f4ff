/** GET /admin/routes, POST /admin/routes/:name, PUT /admin/claude-code/rules. */
import type { BudgetStatus } from '../router/budgets.ts';
import type { ConfigIssue } from '../config/config-issue.ts';
import type { Budget, ClaudeCodeRules, ConfigUpdateResponse, Route, RoutesResponse } from './contract.ts';
import type { AdminContext } from './admin-api.ts';
import { editConfigFile } from './config.ts';

export function toBudget(status: BudgetStatus): Budget {
  const { scope } = status;
  const name = scope.kind === 'route' ? scope.route : scope.kind === 'deployment' ? scope.deploymentId : 'global';
  return {
    scope: scope.kind,
    name,
    limitUsd: status.limitUsd,
    spentUsd: status.spentUsd,
    leftUsd: status.limitUsd - status.spentUsd,
    duration: status.period,
    resetsAt: status.resetsAt,
  };
}

function buildRoutes(context: AdminContext): Route[] {
  const { router } = context.runtime;
  const snapshot = router.snapshot();
  const deploymentIds = new Map<string, string[]>();
  for (const deployment of router.deployments()) deploymentIds.set(deployment.route, [...(deploymentIds.get(deployment.route) ?? []), deployment.id]);
  return router.routes().map((route) => {
    const budget = snapshot.budgets.find((status) => status.scope.kind === 'route' && status.scope.route === route.route);
    return {
      name: route.route,
      enabled: route.enabled,
      free: route.free,
      description: route.description ?? null,
      deployments: deploymentIds.get(route.route) ?? [],
      budget: budget ? toBudget(budget) : null,
    };
  });
}

/** Group names a client (or a Claude Code rule) can ask for: concrete groups and aliases, not wildcard patterns. */
export function groupNames(context: AdminContext): string[] {
  const names = new Set(context.runtime.router.deployments().map((deployment) => deployment.group).filter((group) => !group.includes('*')));
  for (const alias of Object.keys(context.runtime.config.router_settings.model_group_alias ?? {})) names.add(alias);
  return [...names].sort();
}

const wildcardMatches = (pattern: string, name: string): boolean =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);

/** True when the router can resolve `name`: a group, an alias, or a name a wildcard group serves (`local/qwen3:8b`). */
export function groupResolves(context: AdminContext, name: string): boolean {
  if (groupNames(context).includes(name)) return true;
  return context.runtime.router.deployments().some((deployment) => deployment.group.includes('*') && wildcardMatches(deployment.group, name));
}

export function listRoutes(context: AdminContext): RoutesResponse {
  const rules = context.runtime.config.gatehouse.claude_code;
  return {
    routes: buildRoutes(context),
    claudeCode: {
      background: rules.background ?? null,
      think: rules.think ?? null,
      longContext: rules.longContext ?? null,
      longContextThreshold: rules.longContextThreshold,
      webSearch: rules.webSearch ?? null,
      default: rules.default ?? null,
    },
    groups: groupNames(context),
  };
}

/** Throws caller_not_found (404) for a route nobody configured. */
export function toggleRoute(context: AdminContext, name: string, enabled: boolean): Route {
  context.runtime.setRouteEnabled(name, enabled);
  return buildRoutes(context).find((route) => route.name === name)!;
}

const RULE_NAMES = ['background', 'think', 'longContext', 'webSearch', 'default'] as const;

export function updateClaudeCodeRules(context: AdminContext, rules: ClaudeCodeRules): ConfigUpdateResponse {
  return editConfigFile(context, (document) => {
    const issues: ConfigIssue[] = [];
    for (const rule of RULE_NAMES) {
      const group = rules[rule];
      const path = ['gatehouse', 'claude_code', rule];
      if (group === null) {
        if (document.hasIn(path)) document.deleteIn(path);
      } else if (groupResolves(context, group)) {
        document.setIn(path, group);
      } else {
        issues.push({ path: `gatehouse.claude_code.${rule}`, message: `no model group "${group}"; known groups: ${groupNames(context).join(', ') || 'none'}` });
      }
    }
    document.setIn(['gatehouse', 'claude_code', 'longContextThreshold'], rules.longContextThreshold);
    return issues;
  });
}
