/** GET /admin/status: the one call the overview and the tray need. */
import packageJson from '../../package.json' with { type: 'json' };
import type { StatusResponse } from './contract.ts';
import type { AdminContext } from './admin-api.ts';
import { countLogged } from './logs.ts';

const HOUR_MS = 60 * 60 * 1000;

export async function getStatus(context: AdminContext): Promise<StatusResponse> {
  const { runtime } = context;
  const now = Date.now();
  const store = runtime.logStore.health();
  const since = now - HOUR_MS;
  const [local, installed] = await Promise.all([context.local.status(), context.local.installed().catch(() => undefined)]);
  return {
    version: packageJson.version,
    startedAt: runtime.startedAt,
    uptimeSeconds: (now - runtime.startedAt) / 1000,
    url: runtime.listeningUrl,
    host: runtime.config.gatehouse.server.host,
    port: runtime.listeningPort,
    configPath: runtime.configPath,
    configErrors: runtime.lastReload.errors,
    configWarnings: runtime.lastReload.warnings,
    configProblems: runtime.configProblems,
    store: { ok: store.ok, queued: store.queued, message: store.lastError },
    ollama: { state: local.state, version: local.version, host: local.host, loadedModels: installed?.loaded.size ?? 0 },
    inFlight: context.inFlight().length,
    lastHour: { requests: countLogged(runtime.logStore, { since }), errors: countLogged(runtime.logStore, { since, status: 'error' }) },
    storeBodies: runtime.config.gatehouse.server.store_bodies,
  };
}
