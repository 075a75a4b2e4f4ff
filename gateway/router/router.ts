/**
 * The router: composes the deployment table, name resolution, Claude Code rules, route toggles,
 * budgets, rate limits, cooldowns, a strategy, retries and fallbacks into a per-request plan.
 * It depends on no concrete provider and does no I/O: clock, randomness, route persistence and
 * stored spend are injected (R4).
 *
 * How the pipeline drives it (retry/fallback only before the first byte reaches the client):
 *
 *   const plan = router.plan({ model, canonical, estimatedInputTokens, overrideGroup });
 *   let attempt = plan.first();                 // throws GatewayError (404/429/503) if nothing can be tried
 *   while (attempt !== undefined) {
 *     if (attempt.delayMs > 0) await sleep(attempt.delayMs, signal);
 *     router.onStart(attempt.deployment.id);
 *     try {
 *       const response = await send(attempt);    // attempt.upstreamModel, attempt.timeoutMs
 *       ...stream to the client...
 *       router.onSuccess(attempt.deployment.id, { latencyMs, ttftMs, inputTokens, outputTokens, costUsd });
 *       return;
 *     } catch (error) {
 *       const failure = toGatewayError(error);
 *       router.onFailure(attempt.deployment.id, failure, usageSoFar);   // exactly once per onStart
 *       if (firstByteSent) throw failure;        // too late to retry: error event to the client
 *       attempt = plan.next(failure);            // undefined: give up and report `failure`
 *     }
 *   }
 *
 * Every onStart must be matched by one onSuccess or onFailure (they release rate-limit and
 * in-flight counts). A client disconnect is reported as onFailure with a caller_* error, which
 * never counts toward a cooldown.
 */
import { GatewayError } from '../errors/index.ts';
import type { GatehouseConfig, RoutingStrategy as RoutingStrategyName } from '../config/schema.ts';
import type { AnthropicMessagesRequest } from '../protocol/anthropic/types.ts';
import { referenceCost } from '../pricing/compute-cost.ts';
import { buildDeploymentTable, groupDeployments, type Deployment, type DeploymentTable } from './deployment-table.ts';
import { ModelResolver, upstreamModelFor, type ResolvedModel, type ResolvedVia } from './resolve-model.ts';
import { chooseClaudeCodeGroup, type ClaudeCodeRule } from './claude-code-rules.ts';
import { strategyNamed, type DeploymentSignals, type RoutingStrategy } from './strategies/index.ts';
import { Cooldowns, DEFAULT_COOLDOWN_SECONDS, type CooldownSettings } from './cooldowns.ts';
import { classifyFailure, type FallbackKind } from './failure-class.ts';
import { DEFAULT_RETRY_OPTIONS, RetryPolicy } from './retry-policy.ts';
import { fallbacksFor, fallbackListsFrom, type FallbackLists } from './fallback-chain.ts';
import { RateLimiter } from './rate-limiter.ts';
import { LatencyTracker } from './latency-tracker.ts';
import { RouteState, routeDisabledError, type RouteStateStore, type RouteStatus } from './route-state.ts';
import { Budgets, budgetExceededError, type BudgetStatus, type SpendSource } from './budgets.ts';
import { DEFAULT_CACHE_MAX_ENTRIES, DEFAULT_CACHE_TTL_SECONDS, ResponseCache } from './response-cache.ts';

export interface RouterDeps {
  /** Epoch milliseconds. */
  clock: () => number;
  /** Uniform in [0, 1). */
  random: () => number;
  routeStateStore: RouteStateStore;
  spend: SpendSource;
}

export interface PlanRequest {
  /** The model name the client sent. */
  model: string;
  /**
   * Called only by rules that need the request in Anthropic form, which spares converting
   * pass-through requests. A function, not a getter on a per-request object literal: with the
   * getter, V8's young-generation collections kept every request's objects alive into the old
   * generation (1.5 MB promoted per scavenge against 0.3 MB, measured under load).
   */
  canonical: () => AnthropicMessagesRequest;
  /** Whether the client streams (chooses stream_timeout); read from canonical when absent. */
  stream?: boolean;
  /** Tokenizes on demand; called only by a longContext rule or a max_input_tokens pre-call check. */
  estimatedInputTokens: () => number;
  /** From a header such as `x-gatehouse-group`: `"<group>"` or `"<group>,<deployment>"`. */
  overrideGroup?: string;
}

export type AttemptReason = 'primary' | 'retry' | 'next_deployment' | 'fallback' | 'context_window_fallback' | 'content_policy_fallback' | 'budget_free_fallback';

export interface PlannedAttempt {
  deployment: Deployment;
  /** The model name to send upstream (wildcards substituted). */
  upstreamModel: string;
  group: string;
  reason: AttemptReason;
  /** 1 for the first attempt of the request, counting retries and fallbacks. */
  number: number;
  /** Wait this long before sending (backoff or the upstream's retry-after). */
  delayMs: number;
  /** Time allowed for this attempt (deployment timeout/stream_timeout, else router, else litellm_settings). */
  timeoutMs: number;
}

export interface RoutingPlan {
  requestedModel: string;
  /** The group chosen for the request before any fallback. */
  group: string;
  /** Why that group: name resolution, or the Claude Code rule that picked it. */
  via: ResolvedVia | ClaudeCodeRule;
  /** What that group's `*` matched: one wildcard group serves as many models as names it matches. */
  wildcardMatch: string | undefined;
  /** The first attempt; throws a GatewayError saying why nothing can be tried. */
  first(): PlannedAttempt;
  /** The attempt after `failure`, or undefined to give up and report `failure`. */
  next(failure: GatewayError): PlannedAttempt | undefined;
}

export interface AttemptOutcome {
  latencyMs: number;
  ttftMs?: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface DeploymentSnapshot {
  id: string;
  group: string;
  route: string;
  provider: string;
  upstreamModel: string;
  protocol: Deployment['protocol'];
  apiBase: string;
  routeEnabled: boolean;
  healthy: boolean;
  /** Epoch ms, 0 when not cooling down. */
  coolingUntil: number;
  lastError: string | undefined;
  failuresThisMinute: number;
  successesThisMinute: number;
  inFlight: number;
  requestsThisMinute: number;
  tokensThisMinute: number;
  rpm: number | undefined;
  tpm: number | undefined;
  maxParallelRequests: number | undefined;
  latencyMs: number | undefined;
  ttftMs: number | undefined;
}

export interface RouterSnapshot {
  strategy: RoutingStrategyName;
  deployments: DeploymentSnapshot[];
  routes: RouteStatus[];
  budgets: BudgetStatus[];
  cooldownsActive: number;
}

export interface Router {
  plan(request: PlanRequest): RoutingPlan;
  onStart(deploymentId: string): void;
  onSuccess(deploymentId: string, outcome: AttemptOutcome): void;
  /** `spent` is what a failed attempt still consumed (a stream cut mid-way). */
  onFailure(deploymentId: string, error: GatewayError, spent?: Partial<AttemptOutcome>): void;
  isCoolingDown(deploymentId: string): boolean;
  setRouteEnabled(route: string, enabled: boolean): void;
  routes(): RouteStatus[];
  /** The response cache, or undefined when `litellm_settings.cache` is off (or cache_params.mode is default_off). */
  readonly responseCache: ResponseCache | undefined;
  /** model_list entries that could not be loaded, with the reason. */
  readonly problems: DeploymentTable['problems'];
  deployments(): readonly Deployment[];
  snapshot(): RouterSnapshot;
  /** Swaps in a new config; health, limits and latency history carry over for the same ids. */
  reload(config: GatehouseConfig): void;
}

const DEFAULT_TIMEOUT_SECONDS = 600;

const FALLBACK_REASON: Record<Exclude<FallbackKind, 'none'>, AttemptReason> = {
  general: 'fallback',
  context_window: 'context_window_fallback',
  content_policy: 'content_policy_fallback',
};

/** A fallback list being walked: the groups still to try and why they are tried. */
interface PendingFallbacks {
  groups: string[];
  reason: AttemptReason;
}

/** Why a deployment was left out of a candidate list; the plan reports the most telling one. */
interface Exclusions {
  disabledRoutes: Set<string>;
  budget: BudgetStatus | undefined;
  rateLimited: boolean;
  coolingUntil: number;
}

interface Settings {
  config: GatehouseConfig;
  deployments: Deployment[];
  byId: Map<string, Deployment>;
  groups: Map<string, Deployment[]>;
  resolver: ModelResolver;
  strategy: RoutingStrategy;
  fallbacks: FallbackLists;
  retry: RetryPolicy;
  freeRouteDeployments: Deployment[];
  preCallChecks: boolean;
  problems: DeploymentTable['problems'];
}

function cooldownSettingsOf(config: GatehouseConfig): CooldownSettings {
  const router = config.router_settings;
  const litellm = config.litellm_settings;
  return {
    allowedFails: router.allowed_fails ?? litellm.allowed_fails,
    cooldownSeconds: router.cooldown_time ?? litellm.cooldown_time ?? DEFAULT_COOLDOWN_SECONDS,
    disabled: router.disable_cooldowns === true,
  };
}

function createResponseCache(config: GatehouseConfig, clock: () => number): ResponseCache | undefined {
  const params = config.litellm_settings.cache_params;
  // default_off caches only requests that opt in, and Gatehouse has no per-request opt-in.
  if (config.litellm_settings.cache !== true || params?.mode === 'default_off') return undefined;
  return new ResponseCache({ ttlSeconds: params?.ttl ?? DEFAULT_CACHE_TTL_SECONDS, maxEntries: params?.max_size ?? DEFAULT_CACHE_MAX_ENTRIES, namespace: params?.namespace }, clock);
}

export function createRouter(initialConfig: GatehouseConfig, deps: RouterDeps): Router {
  const { clock, random } = deps;
  const limiter = new RateLimiter(clock);
  const latency = new LatencyTracker();
  const cooldowns = new Cooldowns(cooldownSettingsOf(initialConfig), clock);
  const referenceCosts = new Map<string, number | undefined>();
  let settings = buildSettings(initialConfig);
  const routeCounts = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const deployment of settings.deployments) counts.set(deployment.route, (counts.get(deployment.route) ?? 0) + 1);
    return counts;
  };
  const routeState = new RouteState(initialConfig, routeCounts(), deps.routeStateStore);
  const budgets = new Budgets(initialConfig, settings.deployments, deps.spend, clock);
  let responseCache = createResponseCache(initialConfig, clock);

  const signals: DeploymentSignals = {
    inFlight: (id) => limiter.load(id).inFlight,
    requestsThisMinute: (id) => limiter.load(id).requestsThisMinute,
    tokensThisMinute: (id) => limiter.load(id).tokensThisMinute,
    latencyMs: (id) => latency.latencyMs(id),
    referenceCost: (deployment) => {
      if (!referenceCosts.has(deployment.id)) referenceCosts.set(deployment.id, referenceCost(deployment));
      return referenceCosts.get(deployment.id);
    },
  };

  function buildSettings(config: GatehouseConfig): Settings {
    const table = buildDeploymentTable(config);
    const groups = groupDeployments(table.deployments);
    const freeRoutes = new Set(Object.entries(config.gatehouse.routes).filter(([, route]) => route.free === true).map(([name]) => name));
    const router = config.router_settings;
    return {
      config,
      deployments: table.deployments,
      byId: new Map(table.deployments.map((deployment) => [deployment.id, deployment])),
      groups,
      resolver: new ModelResolver(groups, config),
      strategy: strategyNamed(router.routing_strategy),
      fallbacks: fallbackListsFrom(config),
      retry: new RetryPolicy({ ...DEFAULT_RETRY_OPTIONS, numRetries: router.num_retries ?? config.litellm_settings.num_retries ?? 0, perErrorRetries: router.retry_policy }, random),
      freeRouteDeployments: table.deployments.filter((deployment) => freeRoutes.has(deployment.route) && !deployment.upstreamModel.includes('*')),
      preCallChecks: router.enable_pre_call_checks === true,
      problems: table.problems,
    };
  }

  function timeoutMsFor(deployment: Deployment, stream: boolean): number {
    const router = settings.config.router_settings;
    const seconds = (stream ? deployment.params.streamTimeoutSeconds ?? router.stream_timeout : undefined)
      ?? deployment.params.timeoutSeconds ?? router.timeout ?? settings.config.litellm_settings.request_timeout ?? DEFAULT_TIMEOUT_SECONDS;
    return seconds * 1000;
  }

  /** Usable deployments of `members`, best first; records why the others were left out. */
  function candidatesOf(members: readonly Deployment[], exclusions: Exclusions, request: PlanRequest, estimate: { tokens: number | undefined }): Deployment[] {
    const candidates: Deployment[] = [];
    for (const deployment of members) {
      if (!routeState.isEnabled(deployment.route)) {
        exclusions.disabledRoutes.add(deployment.route);
        continue;
      }
      const coolingUntil = cooldowns.coolingUntil(deployment.id);
      if (coolingUntil > 0) {
        exclusions.coolingUntil = exclusions.coolingUntil === 0 ? coolingUntil : Math.min(exclusions.coolingUntil, coolingUntil);
        continue;
      }
      if (limiter.check(deployment) !== 'ok') {
        exclusions.rateLimited = true;
        continue;
      }
      const overBudget = budgets.exceeded(deployment);
      if (overBudget !== undefined) {
        exclusions.budget ??= overBudget;
        continue;
      }
      const maxInput = deployment.params.maxInputTokens;
      if (settings.preCallChecks && maxInput !== undefined && (estimate.tokens ??= request.estimatedInputTokens()) > maxInput) continue;
      candidates.push(deployment);
    }
    if (candidates.length > 1) {
      settings.strategy.rank(candidates, signals, random);
      if (candidates.some((deployment) => deployment.params.order !== undefined)) {
        candidates.sort((a, b) => (a.params.order ?? Number.MAX_SAFE_INTEGER) - (b.params.order ?? Number.MAX_SAFE_INTEGER));
      }
    }
    return candidates;
  }

  function nothingToTryError(group: string, exclusions: Exclusions): GatewayError {
    if (exclusions.disabledRoutes.size > 0) return routeDisabledError(group, exclusions.disabledRoutes);
    const now = clock();
    if (exclusions.budget !== undefined) return budgetExceededError(exclusions.budget, now);
    if (exclusions.rateLimited) {
      return new GatewayError('policy_rate_limited', 429, `Every deployment of "${group}" is at its rpm, tpm or max_parallel_requests limit; try again shortly.`, {
        retryAfterSeconds: Math.max(1, Math.ceil(limiter.msUntilWindowReset() / 1000)),
      });
    }
    if (exclusions.coolingUntil > 0) {
      const seconds = Math.max(1, Math.ceil((exclusions.coolingUntil - now) / 1000));
      const until = new Date(exclusions.coolingUntil).toISOString();
      return new GatewayError('gateway_unavailable', 503, `Every deployment of "${group}" is cooling down after upstream failures until ${until} (in ${seconds} s); see /admin/deployments.`, {
        retryAfterSeconds: seconds,
      });
    }
    return new GatewayError('gateway_unavailable', 503, `Model group "${group}" has no deployment that can take this request.`);
  }

  /** `name`: the model name the group was asked for by, which keys its fallbacks. */
  function resolveRequest(request: PlanRequest): { resolved: ResolvedModel; via: ResolvedVia | ClaudeCodeRule; name: string } {
    const resolver = settings.resolver;
    if (request.overrideGroup !== undefined && request.overrideGroup !== '') {
      const resolved = resolver.resolve(request.overrideGroup.includes(',') ? request.overrideGroup : `${request.overrideGroup},`);
      return { resolved, via: 'override', name: resolved.group };
    }
    if (!request.model.includes(',')) {
      const rule = chooseClaudeCodeGroup(settings.config.gatehouse.claude_code, {
        model: request.model,
        canonical: request.canonical,
        estimatedInputTokens: request.estimatedInputTokens,
        isConfiguredName: (name) => resolver.tryResolve(name) !== undefined,
      });
      if (rule !== undefined) {
        const resolved = resolver.tryResolve(rule.group);
        if (resolved === undefined) {
          throw new GatewayError('caller_not_found', 404, `gatehouse.claude_code.${rule.rule} names group "${rule.group}", which is not in model_list.`);
        }
        return { resolved, via: rule.rule, name: rule.group };
      }
    }
    const resolved = resolver.resolve(request.model);
    return { resolved, via: resolved.via, name: request.model };
  }

  function plan(request: PlanRequest): RoutingPlan {
    const { resolved, via, name } = resolveRequest(request);
    const stream = request.stream ?? request.canonical().stream === true;
    const estimate: { tokens: number | undefined } = { tokens: undefined };
    const exclusions: Exclusions = { disabledRoutes: new Set(), budget: undefined, rateLimited: false, coolingUntil: 0 };
    const visitedGroups = new Set<string>([resolved.group]);
    let attemptNumber = 0;
    let group = resolved.group;
    let requestedName = name;
    let wildcardMatch = resolved.wildcardMatch;
    let members: readonly Deployment[] = resolved.deployments;
    let tried = new Set<string>();
    let retriesUsed = 0;
    /**
     * Fallback lists under way, innermost last. LiteLLM's run_async_fallback calls
     * async_function_with_fallbacks for each fallback group, so a fallback group that fails
     * follows its own list for the kind of failure it had (a context-window rejection its
     * context_window_fallbacks) before the next group of the list that led to it.
     */
    const pending: PendingFallbacks[] = [];
    let fallbacksTried = 0;
    let usedFreeFallback = false;

    const attemptOn = (deployment: Deployment, reason: AttemptReason, delayMs: number): PlannedAttempt => {
      tried.add(deployment.id);
      attemptNumber += 1;
      return { deployment, upstreamModel: upstreamModelFor(deployment, wildcardMatch), group, reason, number: attemptNumber, delayMs, timeoutMs: timeoutMsFor(deployment, stream) };
    };

    const enterGroup = (asked: string, name: string, groupMembers: readonly Deployment[], match: string | undefined): void => {
      requestedName = asked;
      group = name;
      members = groupMembers;
      wildcardMatch = match;
      tried = new Set();
      retriesUsed = 0;
      visitedGroups.add(name);
    };

    const pushFallbacks = (asked: string, from: string, kind: Exclude<FallbackKind, 'none'>): void => {
      pending.push({ groups: [...fallbacksFor(asked, from, kind, settings.fallbacks)], reason: FALLBACK_REASON[kind] });
    };

    /**
     * Walks the pending fallback lists (then a free route, if a budget ran out) to the first group
     * with a candidate. Each group is tried once (cycles are cut), at most max_fallbacks in all.
     */
    const fallBack = (): PlannedAttempt | undefined => {
      while (fallbacksTried < settings.fallbacks.maxFallbacks) {
        const list = pending.at(-1);
        if (list === undefined) break;
        const next = list.groups.shift();
        if (next === undefined) {
          pending.pop();
          continue;
        }
        const target = settings.resolver.tryResolve(next);
        if (target === undefined || visitedGroups.has(target.group)) continue;
        fallbacksTried += 1;
        visitedGroups.add(target.group);
        const best = candidatesOf(target.deployments, exclusions, request, estimate)[0];
        if (best === undefined) {
          // LiteLLM raises "no deployments available" (a RateLimitError) there: that group's own fallbacks.
          pushFallbacks(next, target.group, 'general');
          continue;
        }
        enterGroup(next, target.group, target.deployments, target.wildcardMatch);
        return attemptOn(best, list.reason, 0);
      }
      if (exclusions.budget !== undefined && !usedFreeFallback) {
        usedFreeFallback = true;
        const best = candidatesOf(settings.freeRouteDeployments, exclusions, request, estimate)[0];
        if (best !== undefined) {
          enterGroup(best.group, best.group, settings.freeRouteDeployments.filter((deployment) => deployment.group === best.group), undefined);
          return attemptOn(best, 'budget_free_fallback', 0);
        }
      }
      return undefined;
    };

    return {
      requestedModel: request.model,
      group: resolved.group,
      via,
      wildcardMatch: resolved.wildcardMatch,
      first() {
        const best = candidatesOf(members, exclusions, request, estimate)[0];
        if (best !== undefined) return attemptOn(best, 'primary', 0);
        pushFallbacks(name, resolved.group, 'general');
        const fallback = fallBack();
        if (fallback === undefined) throw nothingToTryError(resolved.group, exclusions);
        return fallback;
      },
      next(failure) {
        const failureClass = classifyFailure(failure);
        if (failureClass.retryable || failureClass.immediateCooldown) {
          const candidates = candidatesOf(members, exclusions, request, estimate);
          const untried = candidates.find((deployment) => !tried.has(deployment.id));
          if (failureClass.retryable && retriesUsed < settings.retry.retriesFor(failure)) {
            const retryIndex = retriesUsed;
            retriesUsed += 1;
            // A different deployment is independent of the one that failed: no reason to wait.
            if (untried !== undefined) return attemptOn(untried, 'retry', 0);
            const again = candidates[0];
            const delayMs = again === undefined ? undefined : settings.retry.delayMs(retryIndex, failure);
            if (again !== undefined && delayMs !== undefined) return attemptOn(again, 'retry', delayMs);
          } else if (!failureClass.retryable && untried !== undefined) {
            return attemptOn(untried, 'next_deployment', 0);
          }
        }
        if (failureClass.fallback === 'none') return undefined;
        pushFallbacks(requestedName, group, failureClass.fallback);
        return fallBack();
      },
    };
  }

  function releaseAttempt(deploymentId: string, tokens: number, costUsd: number): Deployment | undefined {
    limiter.release(deploymentId, tokens);
    const deployment = settings.byId.get(deploymentId);
    if (deployment !== undefined && costUsd > 0) budgets.record(deployment, costUsd);
    return deployment;
  }

  return {
    plan,
    onStart(deploymentId) {
      limiter.acquire(deploymentId);
    },
    onSuccess(deploymentId, outcome) {
      releaseAttempt(deploymentId, outcome.inputTokens + outcome.outputTokens, outcome.costUsd);
      latency.record(deploymentId, outcome.latencyMs, outcome.ttftMs);
      cooldowns.recordSuccess(deploymentId);
    },
    onFailure(deploymentId, error, spent) {
      const deployment = releaseAttempt(deploymentId, (spent?.inputTokens ?? 0) + (spent?.outputTokens ?? 0), spent?.costUsd ?? 0);
      if (deployment === undefined) return;
      cooldowns.recordFailure(
        { deploymentId, cooldownSeconds: deployment.params.cooldownTimeSeconds, groupSize: settings.groups.get(deployment.group)?.length ?? 1 },
        classifyFailure(error),
        error,
      );
    },
    isCoolingDown: (deploymentId) => cooldowns.isCoolingDown(deploymentId),
    setRouteEnabled: (route, enabled) => routeState.setEnabled(route, enabled),
    routes: () => routeState.list(),
    get responseCache() {
      return responseCache;
    },
    get problems() {
      return settings.problems;
    },
    deployments: () => settings.deployments,
    snapshot() {
      const deployments = settings.deployments.map((deployment): DeploymentSnapshot => {
        const load = limiter.load(deployment.id);
        const health = cooldowns.state(deployment.id);
        const routeEnabled = routeState.isEnabled(deployment.route);
        return {
          id: deployment.id,
          group: deployment.group,
          route: deployment.route,
          provider: deployment.provider,
          upstreamModel: deployment.upstreamModel,
          protocol: deployment.protocol,
          apiBase: deployment.apiBase,
          routeEnabled,
          healthy: health.coolingUntil === 0,
          coolingUntil: health.coolingUntil,
          lastError: health.lastError,
          failuresThisMinute: health.failuresThisMinute,
          successesThisMinute: health.successesThisMinute,
          inFlight: load.inFlight,
          requestsThisMinute: load.requestsThisMinute,
          tokensThisMinute: load.tokensThisMinute,
          rpm: deployment.params.rpm,
          tpm: deployment.params.tpm,
          maxParallelRequests: deployment.params.maxParallelRequests,
          latencyMs: latency.latencyMs(deployment.id),
          ttftMs: latency.ttftMs(deployment.id),
        };
      });
      return {
        strategy: settings.config.router_settings.routing_strategy,
        deployments,
        routes: routeState.list(),
        budgets: budgets.list(),
        cooldownsActive: deployments.filter((deployment) => !deployment.healthy).length,
      };
    },
    reload(config) {
      settings = buildSettings(config);
      referenceCosts.clear();
      cooldowns.reconfigure(cooldownSettingsOf(config));
      routeState.reload(config, routeCounts());
      budgets.reload(config, settings.deployments);
      responseCache = createResponseCache(config, clock);
    },
  };
}
