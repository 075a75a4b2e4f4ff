/** GET /admin/models: cloud deployments and the models Ollama has on disk, in one list. */
import { ollamaContextOf, type Deployment as RoutedDeployment } from '../router/deployment-table.ts';
import type { DeploymentSnapshot } from '../router/router.ts';
import type { LocalModel, ModelEntry, ModelsResponse } from './contract.ts';
import type { AdminContext } from './admin-api.ts';
import { contextWindowOf, currentDeployments, healthOf, priceOf } from './deployments.ts';

interface Exposure {
  snapshot: DeploymentSnapshot;
  deployment: RoutedDeployment;
  /** The group name a client uses for this model (a wildcard group filled in). */
  group: string;
}

/** The star's part of `name` when `pattern` (one `*` at most) matches it. */
function wildcardPart(pattern: string, name: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === name ? '' : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return name.length >= prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix) ? name.slice(prefix.length, name.length - suffix.length) : undefined;
}

/** The Ollama deployment serving `name`: an exact one first, else a wildcard one such as `local/*`. */
export function exposureOf(context: AdminContext, name: string): Exposure | undefined {
  const candidates = currentDeployments(context).flatMap(({ snapshot, deployment }) => {
    if (!deployment || deployment.protocol !== 'ollama') return [];
    const part = wildcardPart(deployment.upstreamModel, name);
    return part === undefined ? [] : [{ snapshot, deployment, group: deployment.group.replace('*', part) }];
  });
  return candidates.find((candidate) => !candidate.deployment.upstreamModel.includes('*')) ?? candidates[0];
}

/** What the proxy sends to Ollama for `name`; Ollama reloads a model whose num_ctx changes. */
export interface OllamaRequestSettings {
  numCtx: number;
  keepAlive: string | number | undefined;
}

/**
 * The num_ctx and keep_alive of the proxy's requests for Ollama model `name`, from the deployment
 * serving it (the num_ctx the deployment table gives every Ollama deployment), or
 * undefined when no deployment serves it.
 */
export function requestSettingsOf(context: AdminContext, name: string): OllamaRequestSettings | undefined {
  const deployment = exposureOf(context, name)?.deployment;
  return deployment && { numCtx: deployment.params.numCtx ?? ollamaContextOf(context.runtime.config), keepAlive: deployment.params.keepAlive };
}

export function listLocalModels(context: AdminContext): Promise<LocalModel[]> {
  return context.local.models((name) => {
    const exposure = exposureOf(context, name);
    return exposure && { group: exposure.group, contextLength: contextWindowOf(exposure.deployment) };
  });
}

export async function listModels(context: AdminContext): Promise<ModelsResponse> {
  const now = Date.now();
  const cloud: ModelEntry[] = currentDeployments(context)
    .filter(({ snapshot }) => snapshot.protocol !== 'ollama')
    .map(({ snapshot, deployment }) => ({
      id: snapshot.id,
      source: 'cloud',
      name: snapshot.upstreamModel,
      group: snapshot.group,
      route: snapshot.route,
      health: healthOf(snapshot, now),
      cooldownUntil: snapshot.coolingUntil > now ? snapshot.coolingUntil : null,
      contextWindow: deployment ? contextWindowOf(deployment) : null,
      price: deployment ? priceOf(deployment) : null,
      sizeBytes: null,
      loaded: false,
      fit: null,
    }));
  const local: ModelEntry[] = (await listLocalModels(context)).map((model) => {
    const exposure = exposureOf(context, model.name);
    return {
      id: model.name,
      source: 'local',
      name: model.name,
      group: model.group,
      route: exposure?.snapshot.route ?? null,
      health: exposure ? healthOf(exposure.snapshot, now) : null,
      cooldownUntil: exposure && exposure.snapshot.coolingUntil > now ? exposure.snapshot.coolingUntil : null,
      contextWindow: model.contextLength,
      price: exposure ? priceOf(exposure.deployment) : null,
      sizeBytes: model.sizeBytes,
      loaded: model.loaded,
      fit: model.fit,
    };
  });
  return { models: [...cloud, ...local] };
}
