/**
 * Requested model name → model group, in LiteLLM's order: exact group, model_group_alias,
 * then wildcard groups (`anthropic/*`, `claude-*`, `*`) where the longest literal prefix wins.
 * A per-request override `"<group>,<name>"` pins a group (and optionally one deployment of it);
 * `"<route>,<upstream model>"` picks the deployment of that route serving that model, the way
 * claude-code-router's `provider,model` does.
 */
import { GatewayError } from '../errors/index.ts';
import type { GatehouseConfig } from '../config/schema.ts';
import type { Deployment } from './deployment-table.ts';

export type ResolvedVia = 'exact' | 'alias' | 'wildcard' | 'override';

export interface ResolvedModel {
  group: string;
  via: ResolvedVia;
  deployments: readonly Deployment[];
  /** What the group's `*` matched; substituted into a wildcard deployment's upstream model. */
  wildcardMatch: string | undefined;
}

interface WildcardGroup {
  group: string;
  prefix: string;
  suffix: string;
}

/** The upstream model to send: a wildcard deployment gets the matched part substituted. */
export function upstreamModelFor(deployment: Deployment, wildcardMatch: string | undefined): string {
  return wildcardMatch !== undefined && deployment.upstreamModel.includes('*')
    ? deployment.upstreamModel.replace('*', wildcardMatch)
    : deployment.upstreamModel;
}

export class ModelResolver {
  private readonly groups: ReadonlyMap<string, readonly Deployment[]>;
  private readonly aliases = new Map<string, string>();
  private readonly visibleNames: string[] = [];
  private readonly wildcards: WildcardGroup[] = [];

  constructor(groups: ReadonlyMap<string, readonly Deployment[]>, config: GatehouseConfig) {
    this.groups = groups;
    for (const group of groups.keys()) {
      const star = group.indexOf('*');
      if (star === -1) this.visibleNames.push(group);
      else this.wildcards.push({ group, prefix: group.slice(0, star), suffix: group.slice(star + 1) });
    }
    this.wildcards.sort((a, b) => b.prefix.length - a.prefix.length || b.suffix.length - a.suffix.length);
    for (const [alias, target] of Object.entries(config.router_settings.model_group_alias ?? {})) {
      const isHidden = typeof target === 'object' && target.hidden === true;
      this.aliases.set(alias, typeof target === 'string' ? target : target.model);
      if (!isHidden) this.visibleNames.push(alias);
    }
  }

  /** The group serving `name`, or undefined; never throws. */
  tryResolve(name: string): ResolvedModel | undefined {
    return this.resolveNamed(name) ?? this.matchWildcard(name);
  }

  /** Exact group or alias only: a wildcard group must not shadow a route name in an override. */
  private resolveNamed(name: string): ResolvedModel | undefined {
    const exact = this.groups.get(name);
    if (exact !== undefined) return { group: name, via: 'exact', deployments: exact, wildcardMatch: undefined };
    const aliasTarget = this.aliases.get(name);
    if (aliasTarget !== undefined) {
      const target = this.groups.get(aliasTarget);
      if (target !== undefined) return { group: aliasTarget, via: 'alias', deployments: target, wildcardMatch: undefined };
      const viaWildcard = this.matchWildcard(aliasTarget);
      if (viaWildcard !== undefined) return { ...viaWildcard, via: 'alias' };
    }
    return undefined;
  }

  /** Like tryResolve, and also understands the `"<group>,<name>"` override; throws 404 when unknown. */
  resolve(name: string): ResolvedModel {
    const comma = name.indexOf(',');
    const resolved = comma === -1 ? this.tryResolve(name) : this.resolveOverride(name.slice(0, comma).trim(), name.slice(comma + 1).trim());
    if (resolved === undefined) throw this.notFound(name);
    return resolved;
  }

  /** Resolves an explicit override (`x-gatehouse-group` header or the part before the comma). */
  resolveOverride(groupOrRoute: string, name: string): ResolvedModel | undefined {
    const named = this.resolveNamed(groupOrRoute);
    if (named !== undefined) return this.pin(named, name);
    const onRoute: Deployment[] = [];
    for (const members of this.groups.values()) {
      for (const deployment of members) {
        if (deployment.route === groupOrRoute && (deployment.upstreamModel === name || deployment.id === name)) onRoute.push(deployment);
      }
    }
    const first = onRoute[0];
    if (first !== undefined) return { group: first.group, via: 'override', deployments: onRoute, wildcardMatch: undefined };
    const wildcard = this.matchWildcard(groupOrRoute);
    return wildcard === undefined ? undefined : this.pin(wildcard, name);
  }

  private pin(group: ResolvedModel, name: string): ResolvedModel | undefined {
    if (name === '' || name === '*') return { ...group, via: 'override' };
    const pinned = group.deployments.filter((deployment) => deployment.id === name || deployment.upstreamModel === name);
    return pinned.length > 0 ? { ...group, via: 'override', deployments: pinned } : undefined;
  }

  notFound(name: string): GatewayError {
    const shown = this.visibleNames.slice(0, 5).map((known) => `"${known}"`).join(', ');
    const more = this.visibleNames.length > 5 ? ` and ${this.visibleNames.length - 5} more` : '';
    const hint = this.visibleNames.length === 0 ? 'no model groups are configured; add one to model_list' : `configured: ${shown}${more}`;
    return new GatewayError('caller_not_found', 404, `Model "${name}" is not configured in Gatehouse (${hint}).`);
  }

  private matchWildcard(name: string): ResolvedModel | undefined {
    for (const wildcard of this.wildcards) {
      if (name.length >= wildcard.prefix.length + wildcard.suffix.length && name.startsWith(wildcard.prefix) && name.endsWith(wildcard.suffix)) {
        return {
          group: wildcard.group,
          via: 'wildcard',
          deployments: this.groups.get(wildcard.group) ?? [],
          wildcardMatch: name.slice(wildcard.prefix.length, name.length - wildcard.suffix.length),
        };
      }
    }
    return undefined;
  }
}
