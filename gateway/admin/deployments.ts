/** GET /admin/deployments: the router's live view of every deployment. */
import { contextWindowOf as routedContextWindowOf, type Deployment as RoutedDeployment } from '../router/deployment-table.ts';
import type { DeploymentSnapshot } from '../router/router.ts';
import type { Deployment, DeploymentHealth, DeploymentsResponse, Price } from './contract.ts';
import type { AdminContext } from './admin-api.ts';

const PER_MILLION = 1_000_000;

/**
 * The rates the config's prices charge below the long-context tier, a cache rate the config
 * leaves out included (it costs the input rate); genai-prices rates stay inside the pricing
 * module, so a catalogue-priced deployment's token rates are unknown (null), and so is the
 * search rate of one whose config prices its tokens but not its searches. A configured search
 * price is charged whoever prices the tokens, so it is shown either way.
 */
export function priceOf(deployment: RoutedDeployment): Price | null {
  if (deployment.isFree) return { inputPerMillion: 0, outputPerMillion: 0, cacheReadPerMillion: 0, cacheWritePerMillion: 0, perWebSearch: 0 };
  const rates = deployment.params.price?.standard;
  const perWebSearch = deployment.params.webSearchPrice ?? null;
  if (rates === undefined) {
    return perWebSearch === null ? null : { inputPerMillion: null, outputPerMillion: null, cacheReadPerMillion: null, cacheWritePerMillion: null, perWebSearch };
  }
  return {
    inputPerMillion: rates.input * PER_MILLION,
    outputPerMillion: rates.output * PER_MILLION,
    cacheReadPerMillion: rates.cacheRead * PER_MILLION,
    cacheWritePerMillion: rates.cacheWrite * PER_MILLION,
    perWebSearch,
  };
}

export function healthOf(snapshot: DeploymentSnapshot, now: number): DeploymentHealth {
  if (!snapshot.routeEnabled) return 'route_disabled';
  return snapshot.coolingUntil > now ? 'cooling_down' : 'healthy';
}

export const contextWindowOf = (deployment: RoutedDeployment): number | null => routedContextWindowOf(deployment) ?? null;

export function toDeployment(snapshot: DeploymentSnapshot, deployment: RoutedDeployment | undefined, now: number): Deployment {
  return {
    id: snapshot.id,
    group: snapshot.group,
    route: snapshot.route,
    model: `${snapshot.provider}/${snapshot.upstreamModel}`,
    protocol: snapshot.protocol,
    health: healthOf(snapshot, now),
    cooldownUntil: snapshot.coolingUntil > now ? snapshot.coolingUntil : null,
    inFlight: snapshot.inFlight,
    rpm: { used: snapshot.requestsThisMinute, limit: snapshot.rpm ?? null },
    tpm: { used: snapshot.tokensThisMinute, limit: snapshot.tpm ?? null },
    price: deployment ? priceOf(deployment) : null,
    contextWindow: deployment ? contextWindowOf(deployment) : null,
  };
}

/** Every deployment with its router entry, in config order. */
export function currentDeployments(context: AdminContext): { snapshot: DeploymentSnapshot; deployment: RoutedDeployment | undefined }[] {
  const byId = new Map(context.runtime.router.deployments().map((deployment) => [deployment.id, deployment]));
  return context.runtime.router.snapshot().deployments.map((snapshot) => ({ snapshot, deployment: byId.get(snapshot.id) }));
}

export function listDeployments(context: AdminContext): DeploymentsResponse {
  const now = Date.now();
  return { deployments: currentDeployments(context).map(({ snapshot, deployment }) => toDeployment(snapshot, deployment, now)) };
}
