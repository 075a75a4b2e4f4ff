import type { Provider } from '../providers/provider.ts';
import { createProvider } from '../providers/registry.ts';
import type { UpstreamPools } from '../providers/upstream-pools.ts';
import type { EntraTokenSources } from '../providers/azure/entra-token-source.ts';
import type { Deployment } from '../router/deployment-table.ts';
import type { PlannedAttempt, Router, RoutingPlan } from '../router/router.ts';
import { computeCost } from '../pricing/compute-cost.ts';
import { openAICapabilities } from '../providers/openai/openai-capabilities.ts';
import type { AttemptTarget, RouteAttempt, RoutingInput, RoutingPort, RoutingSession } from './routing-port.ts';
import type { UsageTotals } from './usage-tracker.ts';
import type { Cancellation } from './cancellation.ts';
import { boundedMemo } from './bounded-memo.ts';

/**
 * The attempt's timeout (deployment `timeout`/`stream_timeout`, else the router's, else
 * `litellm_settings.request_timeout`, 600 s by default) bounds both the wait for response
 * headers and any silence between two chunks, so a stream that stalls is ended, not held open.
 *
 * Providers are cheap views over shared connection pools, made on first use per deployment,
 * upstream model (wildcards) and timeout.
 */
export class ProviderCache {
  readonly #providers = boundedMemo<string, Provider>();
  readonly #pools: UpstreamPools;
  readonly #entraTokens: EntraTokenSources;

  constructor(pools: UpstreamPools, entraTokens: EntraTokenSources) {
    this.#pools = pools;
    this.#entraTokens = entraTokens;
  }

  get(deployment: Deployment, upstreamModel: string, timeoutMs: number): Provider {
    const key = `${deployment.id}\u0000${upstreamModel}\u0000${timeoutMs}`;
    let provider = this.#providers.get(key);
    if (!provider) {
      provider = createProvider({
        deploymentId: deployment.id,
        protocol: deployment.protocol,
        provider: deployment.provider,
        upstreamModel,
        apiBase: deployment.apiBase,
        apiKey: deployment.apiKey,
        ...(deployment.apiVersion === undefined ? {} : { apiVersion: deployment.apiVersion }),
        ...(deployment.azureAdToken === undefined ? {} : { azureAdToken: deployment.azureAdToken }),
        ...(deployment.azureSignIn === undefined ? {} : { azureSignIn: deployment.azureSignIn }),
        extraHeaders: deployment.params.extraHeaders === undefined ? undefined : { ...deployment.params.extraHeaders },
      }, this.#pools, { headersMs: timeoutMs, bodyIdleMs: timeoutMs }, this.#entraTokens);
      this.#providers.set(key, provider);
    }
    return provider;
  }

  /** After a config reload: deployments may have new keys or bases. */
  clear(): void {
    this.#providers.clear();
  }
}

/** Waits `ms`, or less if the client goes away meanwhile. */
function backOff(ms: number, signal: Cancellation): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.once('abort', done);
  });
}

function targetOf(planned: PlannedAttempt): AttemptTarget {
  const deployment = planned.deployment;
  return {
    deploymentId: deployment.id,
    group: planned.group,
    route: deployment.route,
    protocol: deployment.protocol,
    upstreamModel: planned.upstreamModel,
    ...(deployment.params.numCtx === undefined ? {} : { numCtx: deployment.params.numCtx }),
    ...(deployment.params.keepAlive === undefined ? {} : { keepAlive: deployment.params.keepAlive }),
    ...(deployment.params.defaultMaxTokens === undefined ? {} : { defaultMaxTokens: deployment.params.defaultMaxTokens }),
    ...(deployment.protocol === 'ollama' && deployment.params.supportsReasoning !== undefined ? { supportsThinking: deployment.params.supportsReasoning } : {}),
    ...(deployment.protocol === 'anthropic' && deployment.pricingModel !== planned.upstreamModel && !deployment.pricingModel.includes('*') ? { claudeModel: deployment.pricingModel } : {}),
    ...(deployment.protocol === 'openai' ? {
      // model_info.base_model says which model a deployment serves where its name does not (Azure's deployments).
      openaiCapabilities: openAICapabilities(deployment.apiBase, deployment.pricingModel.includes('*') ? planned.upstreamModel : deployment.pricingModel, {
        ...(deployment.params.supportsReasoning === undefined ? {} : { supportsReasoning: deployment.params.supportsReasoning }),
        ...(deployment.params.maxOutputTokens === undefined ? {} : { maxOutputTokens: deployment.params.maxOutputTokens }),
      }, deployment.provider),
    } : {}),
  };
}

/** Bridges the router's plan (pure decisions) to the proxy's attempts (providers, waiting). */
export function createRoutingPort(router: Router, providers: ProviderCache): RoutingPort {
  let indexedDeployments: readonly Deployment[] | undefined;
  let deploymentsById = new Map<string, Deployment>();
  const deploymentById = (id: string) => {
    const current = router.deployments();
    if (current !== indexedDeployments) {
      indexedDeployments = current;
      deploymentsById = new Map(current.map((deployment) => [deployment.id, deployment]));
    }
    return deploymentsById.get(id);
  };
  const plan = (input: RoutingInput): RoutingPlan => router.plan({
    model: input.model,
    // An OpenAI request is converted only if a Claude Code rule or the cache asks for it.
    canonical: input.canonical,
    stream: input.stream,
    estimatedInputTokens: input.estimateInputTokens,
    ...(input.headers['x-gatehouse-group'] ? { overrideGroup: input.headers['x-gatehouse-group'] } : {}),
  });
  // Targets depend only on the deployment and the upstream model: built once, not per request.
  const targets = boundedMemo<string, AttemptTarget>();
  // Output limits upstream models stated in a refusal (see runAttempt), by deployment and model.
  const learnedOutputLimits = boundedMemo<string, number>();
  let targetsFor: readonly Deployment[] | undefined;
  // A config reload may change the deployment or its model, so what was learned about it goes too.
  const forgetIfReloaded = () => {
    const deployments = router.deployments();
    if (deployments !== targetsFor) {
      targetsFor = deployments;
      targets.clear();
      learnedOutputLimits.clear();
    }
  };
  const modelKey = (deploymentId: string, upstreamModel: string) => `${deploymentId}\u0000${upstreamModel}`;
  const cachedTargetOf = (planned: PlannedAttempt): AttemptTarget => {
    forgetIfReloaded();
    const model = modelKey(planned.deployment.id, planned.upstreamModel);
    const key = `${model}\u0000${planned.group}`;
    let target = targets.get(key);
    if (!target) {
      target = targetOf(planned);
      targets.set(key, target);
    }
    // model_info.max_output_tokens, when configured, is the limit that counts.
    const learned = planned.deployment.params.maxOutputTokens === undefined ? learnedOutputLimits.get(model) : undefined;
    return learned === undefined ? target : { ...target, outputLimit: learned };
  };
  const attemptOf = (planned: PlannedAttempt): RouteAttempt => ({
    target: cachedTargetOf(planned),
    provider: providers.get(planned.deployment, planned.upstreamModel, planned.timeoutMs),
    reason: planned.reason,
  });
  const usageOf = (usage: UsageTotals) => ({
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_creation_1h_input_tokens: usage.cacheWrite1hTokens,
    web_search_requests: usage.webSearchRequests,
  });
  const costOf = (target: AttemptTarget, usage: UsageTotals): number => {
    const deployment = deploymentById(target.deploymentId);
    return deployment ? computeCost(deployment, usageOf(usage), target.upstreamModel).usd : 0;
  };

  return {
    peek(input) {
      try {
        return attemptOf(plan(input).first());
      } catch {
        return undefined;
      }
    },
    open(input): RoutingSession {
      const routingPlan = plan(input);
      const cache = router.responseCache;
      let cacheKey: string | undefined;
      // The model, not only the group: a wildcard group's members answer as the model asked for.
      const cacheScope = routingPlan.wildcardMatch === undefined ? routingPlan.group : `${routingPlan.group}\u0000${routingPlan.wildcardMatch}`;
      const keyOf = () => (cacheKey ??= cache!.key(cacheScope, input.canonical()));
      let started = false;
      let lastReason: PlannedAttempt['reason'] | undefined;
      return {
        group: routingPlan.group,
        cacheEnabled: cache !== undefined,
        cachedResponse: () => (cache ? cache.get(keyOf()) : undefined),
        remember(message) {
          // A fallback group's answer stands in for this group's only while this group fails;
          // cached under this group's key, it would still be served once the group is back.
          if (lastReason === 'primary' || lastReason === 'retry' || lastReason === 'next_deployment') cache?.set(keyOf(), message);
        },
        async next(previousError, signal) {
          const planned = started ? (previousError ? routingPlan.next(previousError) : undefined) : routingPlan.first();
          started = true;
          if (!planned) return undefined;
          if (planned.delayMs > 0) await backOff(planned.delayMs, signal);
          // Nothing is started for a client that has gone: an attempt counted here would hold its slot.
          if (signal.aborted) return undefined;
          lastReason = planned.reason;
          router.onStart(planned.deployment.id);
          return attemptOf(planned);
        },
        succeeded(attempt, outcome) {
          router.onSuccess(attempt.target.deploymentId, {
            latencyMs: outcome.latencyMs,
            ...(outcome.ttftMs === null ? {} : { ttftMs: outcome.ttftMs }),
            inputTokens: outcome.usage.inputTokens,
            outputTokens: outcome.usage.outputTokens,
            costUsd: outcome.costUsd,
          });
        },
        failed(attempt, error, spent) {
          router.onFailure(attempt.target.deploymentId, error, { inputTokens: spent.usage.inputTokens, outputTokens: spent.usage.outputTokens, costUsd: spent.costUsd });
        },
        learnOutputLimit(target, limit) {
          forgetIfReloaded();
          learnedOutputLimits.set(modelKey(target.deploymentId, target.upstreamModel), limit);
        },
        costOf,
      };
    },
  };
}
