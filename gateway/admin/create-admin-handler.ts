/**
 * Composes the admin API: the handlers of this folder behind the HTTP dispatcher in
 * gateway/server/admin-routes.ts, which does auth, origin checks, validation and SSE.
 */
import { GatewayError } from '../errors/index.ts';
import type { GatewayRuntime } from '../runtime/gateway-runtime.ts';
import { ollamaContextOf } from '../router/deployment-table.ts';
import { createAdminRoutes } from '../server/admin-routes.ts';
import type { RequestStartEvent } from './contract.ts';
import { empty, json, type AdminContext, type AdminOperations } from './admin-api.ts';
import type { LocalModels } from './local.ts';
import type { WiringHost } from '../claude-code/index.ts';
import { getStatus } from './status.ts';
import { editConfigFile, getConfig, updateConfig } from './config.ts';
import { groupNames, groupResolves, listRoutes, toggleRoute, updateClaudeCodeRules } from './routes.ts';
import { currentDeployments, listDeployments, toDeployment } from './deployments.ts';
import { listLocalModels, listModels, requestSettingsOf } from './models.ts';
import { listLogs, logDetail } from './logs.ts';
import { getSpend, spendCsv } from './spend.ts';
import { getSettings, updateSettings } from './settings.ts';
import { applyWiring, planWiring, runDoctor, undoWiring } from './claude-code.ts';

export interface AdminHandlerOptions {
  env: NodeJS.ProcessEnv;
  /** The variables in `env` that came from the desktop app's keychain (StartGatewayOptions.keychainVariables). */
  keychainVariables: () => ReadonlySet<string>;
  /** StartGatewayOptions.claudeCodeHost. */
  claudeCodeHost: WiringHost | undefined;
  /** Pulls, benchmarks and the rest of /admin/local/*; the runtime cancels its jobs on close. */
  local: LocalModels;
  /** The proxy's live requests, for the first SSE event. */
  inFlight(): RequestStartEvent[];
  log(line: string): void;
}

async function exposeLocalModel(context: AdminContext, name: string, request: Parameters<LocalModels['deploymentFor']>[1]) {
  const { id, entry } = await context.local.deploymentFor(name, request);
  if (context.runtime.router.deployments().some((deployment) => deployment.id === id)) {
    throw new GatewayError('caller_invalid_request', 409, `"${name}" is already exposed as deployment "${id}".`);
  }
  const result = editConfigFile(context, (document) => {
    if (document.hasIn(['model_list'])) document.addIn(['model_list'], document.createNode(entry));
    else document.setIn(['model_list'], document.createNode([entry]));
    return [];
  });
  const added = currentDeployments(context).find(({ snapshot }) => snapshot.id === id);
  if (!result.saved || !added) throw new GatewayError('caller_invalid_request', 400, `Could not add "${name}": ${result.errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
  return { deployment: toDeployment(added.snapshot, added.deployment, Date.now()) };
}

/**
 * Benchmarks a model group through the gateway's own listening URL with its key, so that the
 * figures include routing, translation and the upstream, as Claude Code sees them.
 */
function benchmarkGroup(context: AdminContext, group: string, runs: number): { id: string } {
  if (!groupResolves(context, group)) {
    const known = groupNames(context);
    throw new GatewayError('caller_not_found', 404, `No model group "${group}" to benchmark; ${known.length === 0 ? 'no groups are configured: add one to model_list' : `configured groups: ${known.join(', ')}`}.`);
  }
  // A gateway without a master_key checks no key (proxy-auth.ts), so any will do.
  const key = context.runtime.config.general_settings.master_key ?? 'no-key-needed';
  return context.local.startGatewayBenchmark(group, runs, { url: context.runtime.listeningUrl, key });
}

function createOperations(context: AdminContext): AdminOperations {
  const { local } = context;
  return {
    status: async () => json(await getStatus(context)),
    config: () => json(getConfig(context)),
    configUpdate: ({ body }) => json(updateConfig(context, body)),
    routes: () => json(listRoutes(context)),
    routeToggle: ({ params, body }) => json(toggleRoute(context, params.name!, body.enabled)),
    deployments: () => json(listDeployments(context)),
    models: async () => json(await listModels(context)),
    logs: ({ query }) => json(listLogs(context, query)),
    logDetail: ({ params }) => json(logDetail(context, params.id!)),
    spend: ({ query }) => json(getSpend(context, query)),
    spendCsv: ({ query }) => ({ kind: 'csv', ...spendCsv(context, query) }),
    localStatus: async () => json(await local.status()),
    localHardware: async () => json(await local.hardware()),
    localModels: async () => json({ models: await listLocalModels(context) }),
    localPull: async ({ body }) => json(await local.pull(body.model), 202),
    localPullCancel: ({ params }) => json(local.cancelPull(params.model!)),
    localLoad: async ({ params, body }) => {
      // Load with what the proxy will send: Ollama reloads a model whose num_ctx changes, so a
      // load at its own default context would be thrown away by the first request.
      // A model no deployment serves loads at Ollama's own default.
      const sent = requestSettingsOf(context, params.name!);
      return json(await local.load(params.name!, body.keepAlive || sent?.keepAlive, sent?.numCtx));
    },
    localUnload: async ({ params }) => json(await local.unload(params.name!)),
    localDelete: async ({ params }) => {
      await local.delete(params.name!);
      return empty();
    },
    localExpose: async ({ params, body }) => json(await exposeLocalModel(context, params.name!, body)),
    localFit: async ({ query }) => json(await local.fit(query.model, query.context)),
    localCatalog: async () => json(await local.catalog()),
    benchStart: async ({ body }) => {
      if ('group' in body) return json(benchmarkGroup(context, body.group, body.runs), 202);
      // Measure the speed at the context real requests get, and leave the model loaded the way
      // they want it; a model no deployment serves is measured at the gateway's defaults.
      const sent = requestSettingsOf(context, body.model)
        ?? { numCtx: ollamaContextOf(context.runtime.config), keepAlive: context.runtime.config.gatehouse.ollama.keep_alive };
      return json(await local.startBenchmark(body.model, body.runs, sent, body.depth), 202);
    },
    benchResults: () => json({ results: local.benchmarks() }),
    benchDelete: ({ params }) => {
      local.deleteBenchmark(params.id!);
      return empty();
    },
    claudeCodePlan: async ({ query }) => {
      const reveal = query.reveal === true;
      return { kind: 'json', status: 200, body: await planWiring(context, reveal), revealsSecrets: reveal };
    },
    claudeCodeApply: async ({ body }) => json(await applyWiring(context, body)),
    claudeCodeUndo: async () => json(await undoWiring(context)),
    claudeCodeDoctor: async () => json(await runDoctor(context)),
    claudeCodeRules: ({ body }) => json(updateClaudeCodeRules(context, body)),
    settings: () => json(getSettings(context)),
    settingsUpdate: ({ body }) => json(updateSettings(context, body)),
  };
}

export function createAdminHandler(runtime: GatewayRuntime, options: AdminHandlerOptions) {
  const context: AdminContext = { runtime, env: options.env, keychainVariables: options.keychainVariables, claudeCodeHost: options.claudeCodeHost, local: options.local, inFlight: options.inFlight };
  return createAdminRoutes({ context, operations: createOperations(context), log: options.log });
}
