import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { GatehouseConfig } from '../config/schema.ts';
import { defaultDataDir } from '../config/data-dir.ts';
import { loadOrCreateConfig, readConfigFile, type LoadedConfig } from '../config/config-file.ts';
import { generateSecret } from '../config/default-config.ts';
import type { ConfigIssue } from '../config/config-issue.ts';
import { openDatabase, type SqliteDatabase } from '../store/sqlite-database.ts';
import { SqliteLogStore } from '../store/sqlite-log-store.ts';
import { SqliteRouteStateStore } from '../store/sqlite-route-state-store.ts';
import { SqliteBenchmarkStore } from '../store/sqlite-benchmark-store.ts';
import { createRouter, type Router } from '../router/router.ts';
import type { BudgetScope } from '../router/budgets.ts';
import { UpstreamPools } from '../providers/upstream-pools.ts';
import { createRoutingPort, ProviderCache } from '../proxy/create-routing-port.ts';
import { EntraTokenSources } from '../providers/azure/entra-token-source.ts';
import { SecretScrubber } from '../proxy/secret-scrubber.ts';
import { isSecretName } from '../secrets/secret-name.ts';
import type { ProxyServices } from '../proxy/handle-proxy-request.ts';
import { createHttpServer } from '../server/create-http-server.ts';
import { isLoopbackHost } from '../server/host-check.ts';
import type { GatewayApp, ModelListing } from '../server/gateway-app.ts';
import { createStaticUiHandler } from '../server/serve-static-ui.ts';
import { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { LiveEventBus } from '../metrics/event-bus.ts';
import type { AdminEvent, RequestStartEvent } from '../admin/contract.ts';
import type { LocalModels } from '../admin/local.ts';
import type { WiringHost } from '../claude-code/index.ts';
import { OllamaManager } from '../local/ollama/ollama-manager.ts';
import { autostartOllama, configUsesOllama, describeSupervisorEvent } from '../local/ollama/autostart-ollama.ts';
import { GatewayError } from '../errors/index.ts';
import { createProxyObserver } from './proxy-observer-adapter.ts';
import { detectOllama } from './detect-ollama.ts';

export interface GatewayRuntimeOptions {
  configPath: string | undefined;
  dataDir: string | undefined;
  env: NodeJS.ProcessEnv;
  /** See StartGatewayOptions.keychainVariables. */
  keychainVariables: () => ReadonlySet<string>;
  /** See StartGatewayOptions.claudeCodeHost. */
  claudeCodeHost: WiringHost | undefined;
  log: (line: string) => void;
  uiDir: string | undefined;
}

const DEFAULT_MAX_BODY_MIB = 64;
const CONFIG_WATCH_DEBOUNCE_MS = 200;
/** How long close() waits for requests cut off at the end of the grace period to write their records. */
const IN_FLIGHT_RECORD_WAIT_MS = 2_000;

type AdminHandler = NonNullable<GatewayApp['admin']>;

export interface ReloadResult {
  ok: boolean;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  /** model_list entries the applied config loads without (see GatewayRuntime.configProblems); none when it was not applied. */
  problems: ConfigIssue[];
}

/**
 * Everything a running gateway holds, and the few operations that change it at runtime
 * (reload, route toggles). Created once per startGateway().
 */
export class GatewayRuntime {
  config: GatehouseConfig;
  readonly configPath: string;
  readonly dataDir: string;
  /** Replaced by a reload that changes gatehouse.server.admin_token; the old one stops working at once. */
  adminToken: string;
  readonly logStore: SqliteLogStore;
  readonly router: Router;
  readonly metrics: GatewayMetrics;
  readonly events: LiveEventBus<AdminEvent>;
  readonly proxyServices: ProxyServices;
  /** The one Ollama manager: the admin API's local endpoints use it, and it stops on close only a server it started. */
  readonly ollama: OllamaManager;
  readonly startedAt = Date.now();
  listeningUrl = '';
  listeningPort = 0;
  lastReload: ReloadResult;
  /** model_list entries the running config skips (an unsupported provider, a duplicate id), at the file and path they were written. */
  configProblems: ConfigIssue[] = [];
  readonly #database: SqliteDatabase;
  readonly #pools: UpstreamPools;
  readonly #providers: ProviderCache;
  /** Sign-in tokens for Azure deployments: shared by the providers, and secrets the scrubber hides. */
  readonly #entraTokens: EntraTokenSources;
  readonly #options: GatewayRuntimeOptions;
  readonly #observer: ReturnType<typeof createProxyObserver>;
  /** Set once bound beyond loopback: from then on a config without master_key is refused. */
  #exposedToNetwork = false;
  /** One watcher per folder holding the config file or a file it includes. */
  readonly #watchers = new Map<string, FSWatcher>();
  #includedFiles: string[] = [];
  #watchTimer: NodeJS.Timeout | undefined;
  #ollamaStartup: Promise<void> | undefined;
  readonly #closing = new AbortController();
  readonly #benchmarks: SqliteBenchmarkStore;
  /** The admin API, loaded on the first /admin request (see #adminHandler). */
  #admin: Promise<AdminHandler> | undefined;
  /** Pulls and benchmarks in the background, cancelled on close; created with the admin API. */
  #local: LocalModels | undefined;

  private constructor(options: GatewayRuntimeOptions, loaded: Pick<LoadedConfig, 'config' | 'path' | 'warnings' | 'relocate'>, dataDir: string) {
    this.#options = options;
    this.#pools = new UpstreamPools(options.env);
    this.config = loaded.config;
    this.configPath = loaded.path;
    this.dataDir = dataDir;
    // A config without an admin token (a hand-written LiteLLM one) gets a fresh one per run.
    this.adminToken = loaded.config.gatehouse.server.admin_token ?? generateSecret('gh-admin-');
    this.#database = openDatabase(dataDir);
    this.logStore = new SqliteLogStore(this.#database);
    const routeStateStore = new SqliteRouteStateStore(this.#database);
    this.router = createRouter(loaded.config, {
      clock: Date.now,
      random: Math.random,
      routeStateStore,
      spend: { spentSince: (scope: BudgetScope, since: Date) => this.logStore.spentSince(since.getTime(), scopeFilter(scope)) },
    });
    this.#entraTokens = EntraTokenSources.forGateway(this.#pools, options.env);
    this.#providers = new ProviderCache(this.#pools, this.#entraTokens);
    this.metrics = new GatewayMetrics({
      includeProcessMetrics: true,
      sampleDeployments: () => this.router.snapshot().deployments.map((deployment) => ({
        route: deployment.route,
        group: deployment.group,
        deployment: deployment.id,
        inFlight: deployment.inFlight,
        coolingDown: deployment.coolingUntil > Date.now(),
      })),
    });
    this.events = new LiveEventBus<AdminEvent>();
    this.#observer = createProxyObserver(this.events, this.metrics);
    this.proxyServices = {
      routing: createRoutingPort(this.router, this.#providers),
      logStore: this.logStore,
      observer: this.#observer,
      scrubber: () => this.#currentScrubber(),
      storeBodies: () => this.config.gatehouse.server.store_bodies,
    };
    const ollamaSettings = loaded.config.gatehouse.ollama;
    this.ollama = new OllamaManager({
      dataDir,
      env: options.env,
      ...(ollamaSettings.host ? { host: ollamaSettings.host } : {}),
      settings: { contextLength: ollamaSettings.context_length, flashAttention: ollamaSettings.flash_attention, keepAlive: ollamaSettings.keep_alive },
      onEvent: (event) => {
        const line = describeSupervisorEvent(event);
        if (line) options.log(line);
      },
    });
    this.#benchmarks = new SqliteBenchmarkStore(this.#database);
    this.#benchmarks.migrate();
    this.#adoptProblems(loaded.relocate);
    this.lastReload = { ok: true, errors: [], warnings: loaded.warnings, problems: this.configProblems };
  }

  static async create(options: GatewayRuntimeOptions): Promise<GatewayRuntime> {
    const dataDir = options.dataDir ?? defaultDataDir(process.platform, options.env);
    const configPath = options.configPath ?? path.join(dataDir, 'config.yaml');
    const ollama = options.configPath ? undefined : await detectOllama(options.env);
    const loaded = loadOrCreateConfig(configPath, options.env, () => ({
      env: options.env,
      ...(ollama?.models ? { ollamaUrl: ollama.url, ollamaModels: ollama.models } : {}),
    }));
    if (loaded.created) options.log(`Wrote a default config to ${configPath}`);
    if (loaded.config.model_list.length === 0) {
      options.log(`No models are configured yet: set a provider key (ANTHROPIC_API_KEY, OPENAI_API_KEY, OPENROUTER_API_KEY, DEEPSEEK_API_KEY) and delete ${configPath} to regenerate it, start Ollama, or add entries to model_list.`);
    }
    for (const warning of loaded.warnings) options.log(`config warning: ${warning.path}: ${warning.message}`);
    const runtime = new GatewayRuntime(options, loaded, dataDir);
    runtime.#watchConfig(loaded.includedFiles);
    if (loaded.config.gatehouse.ollama.autostart && configUsesOllama(loaded.config)) {
      runtime.#ollamaStartup = autostartOllama(runtime.ollama, options.log, runtime.#closing.signal);
    }
    return runtime;
  }

  #scrubber: { config: GatehouseConfig; tokensFetched: number; scrubber: SecretScrubber } | undefined;

  /** Rebuilt only when the set of secrets changes: a new config, or a new sign-in token (about hourly). */
  #currentScrubber(): SecretScrubber {
    const tokensFetched = this.#entraTokens.fetched;
    if (this.#scrubber?.config !== this.config || this.#scrubber.tokensFetched !== tokensFetched) {
      this.#scrubber = { config: this.config, tokensFetched, scrubber: new SecretScrubber(this.secrets()) };
    }
    return this.#scrubber.scrubber;
  }

  /** Every secret the gateway holds, so that no output channel repeats one. */
  secrets(): string[] {
    const secrets = [this.adminToken];
    if (this.config.general_settings.master_key) secrets.push(this.config.general_settings.master_key);
    for (const { litellm_params: params } of this.config.model_list) {
      if (params.api_key) secrets.push(params.api_key);
      if (params.azure_ad_token) secrets.push(params.azure_ad_token);
      if (params.client_secret) secrets.push(params.client_secret);
      // Upstreams keyed by a header (extra_headers: { Authorization: Bearer … }) echo it as readily as an api_key.
      for (const [name, value] of Object.entries(params.extra_headers ?? {})) {
        if (!isSecretName(name)) continue;
        secrets.push(value);
        const credential = /^\S+\s+(\S+)$/.exec(value)?.[1];
        if (credential !== undefined) secrets.push(credential);
      }
    }
    secrets.push(...this.#entraTokens.held());
    return secrets;
  }

  /** Requests the proxy is serving right now, as the live dashboard's first event lists them. */
  inFlightRequests(): RequestStartEvent[] {
    return this.#observer.inFlight();
  }

  createServer(bindHost: string) {
    const app: GatewayApp = {
      proxy: this.proxyServices,
      masterKey: () => this.config.general_settings.master_key,
      maxBodyBytes: () => (this.config.general_settings.max_request_size_mb ?? DEFAULT_MAX_BODY_MIB) * 1024 * 1024,
      allowedOrigins: () => this.config.gatehouse.server.allowed_origins,
      models: () => this.#modelListing(),
      readiness: () => {
        const store = this.logStore.health();
        return {
          ok: store.ok && this.lastReload.ok,
          checks: {
            store: { ok: store.ok, detail: store.lastError ?? `ok (${store.queued} queued)` },
            config: { ok: this.lastReload.ok, detail: this.lastReload.ok ? 'ok' : `${this.configPath} is invalid; kept the previous config: ${this.lastReload.errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}` },
          },
        };
      },
      metrics: () => this.metrics.scrape(),
      ...(this.#options.uiDir ? { ui: createStaticUiHandler(this.#options.uiDir) } : {}),
      admin: async (request, response, url) => (await this.#adminHandler())(request, response, url),
      log: this.#options.log,
    };
    return createHttpServer(app, { maxConnections: this.config.gatehouse.server.max_connections, bindHost });
  }

  /**
   * The admin API and what only it uses (its zod contract, the Ollama pull, hardware, fit and
   * benchmark code) are loaded and built on the first /admin request, not at startup: a gateway
   * that only proxies never pays for them (RSS right after startup 93 -> 87 MiB). A failed load
   * is not retried: every admin request answers with its error, as a failed static import would
   * have stopped startup with it.
   */
  #adminHandler(): Promise<AdminHandler> {
    this.#admin ??= Promise.all([import('../admin/create-admin-handler.ts'), import('../admin/local.ts')]).then(([{ createAdminHandler }, { LocalModels }]) => {
      this.#local = new LocalModels({ manager: this.ollama, events: this.events, benchmarks: this.#benchmarks });
      return createAdminHandler(this, { env: this.#options.env, keychainVariables: this.#options.keychainVariables, claudeCodeHost: this.#options.claudeCodeHost, local: this.#local, inFlight: () => this.inFlightRequests(), log: this.#options.log });
    });
    return this.#admin;
  }

  #modelListing(): ModelListing[] {
    const created = Math.floor(this.startedAt / 1000);
    const groups = new Map<string, string>();
    for (const deployment of this.router.deployments()) {
      if (!deployment.group.includes('*') && !groups.has(deployment.group)) groups.set(deployment.group, deployment.provider);
    }
    for (const alias of Object.keys(this.config.router_settings.model_group_alias ?? {})) if (!groups.has(alias)) groups.set(alias, 'gatehouse');
    return [...groups].map(([id, ownedBy]) => ({ id, createdAt: created, ownedBy }));
  }

  setListeningUrl(url: string, port: number): void {
    this.listeningUrl = url;
    this.listeningPort = port;
  }

  /** Binding beyond loopback exposes provider keys to the network: only with a key, and loudly. Call before listening. */
  checkBindAddress(host: string): void {
    if (isLoopbackHost(host)) return;
    if (!this.config.general_settings.master_key) {
      throw new GatewayError('gateway_unavailable', 503, `Refusing to listen on ${host}: that makes Gatehouse reachable from other machines, so set general_settings.master_key in ${this.configPath} first (or listen on 127.0.0.1).`);
    }
    this.#exposedToNetwork = true;
    this.#options.log(`WARNING: Gatehouse is listening on ${host}, reachable from other machines. Every request must carry the gateway key.`);
  }

  /** Re-reads the file. An invalid file leaves the running config in place and says why. */
  reloadFromDisk(): ReloadResult {
    let parsed;
    try {
      parsed = readConfigFile(this.configPath, this.#options.env);
    } catch (error) {
      // An unreadable file (removed, no permission) is reported like an invalid one, so the dashboard hears of it too.
      parsed = { errors: [{ path: this.configPath, message: (error as Error).message }], warnings: [], includedFiles: this.#includedFiles, relocate: (issues: readonly ConfigIssue[]) => [...issues] };
    }
    this.#watchConfig(parsed.includedFiles);
    if (parsed.config && this.#exposedToNetwork && !parsed.config.general_settings.master_key) {
      parsed = { ...parsed, config: undefined, errors: [{ path: 'general_settings.master_key', message: 'is required while Gatehouse listens beyond loopback; restore it, or bind 127.0.0.1 and restart' }] };
    }
    if (!parsed.config) {
      this.lastReload = { ok: false, errors: parsed.errors, warnings: parsed.warnings, problems: [] };
      this.#options.log(`config: ${this.configPath} is invalid; keeping the previous config:\n${parsed.errors.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`);
      this.events.emit({ type: 'config.reloaded', applied: false, errors: parsed.errors, warnings: parsed.warnings, at: Date.now() });
      return this.lastReload;
    }
    // Removing a configured token must not leave it working either: a fresh per-run one replaces it.
    const adminToken = parsed.config.gatehouse.server.admin_token
      ?? (this.config.gatehouse.server.admin_token === undefined ? this.adminToken : generateSecret('gh-admin-'));
    if (adminToken !== this.adminToken) {
      this.adminToken = adminToken;
      this.#options.log('config: the admin token changed; the old one, and every dashboard session opened with it, no longer works.');
    }
    this.config = parsed.config;
    this.router.reload(parsed.config);
    this.#adoptProblems(parsed.relocate);
    this.#providers.clear();
    this.lastReload = { ok: true, errors: [], warnings: parsed.warnings, problems: this.configProblems };
    this.events.emit({ type: 'config.reloaded', applied: true, errors: [], warnings: parsed.warnings, at: Date.now() });
    return this.lastReload;
  }

  /** Takes the router's skipped entries for the config just loaded, located in the files they were written in, and logs them. */
  #adoptProblems(relocate: LoadedConfig['relocate']): void {
    this.configProblems = relocate(this.router.problems);
    for (const problem of this.configProblems) this.#options.log(`config: ${problem.path}: ${problem.message}`);
  }

  /**
   * Watches the folders of the config file and of the files it includes (an included file is
   * part of the config: editing it reloads too). Folders, not files, so that an editor's
   * save-by-rename is seen. Called again after every reload, as the include list may change.
   */
  #watchConfig(includedFiles: string[]): void {
    this.#includedFiles = includedFiles;
    const configFile = path.resolve(this.configPath);
    const folders = new Set([configFile, ...includedFiles].map((file) => path.dirname(file)));
    for (const [folder, watcher] of this.#watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      this.#watchers.delete(folder);
    }
    for (const folder of folders) {
      if (this.#watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, file) => {
          if (file === null) return;
          const changed = path.join(folder, file);
          if (changed !== configFile && !this.#includedFiles.includes(changed)) return;
          clearTimeout(this.#watchTimer);
          this.#watchTimer = setTimeout(() => this.reloadFromDisk(), CONFIG_WATCH_DEBOUNCE_MS);
          this.#watchTimer.unref();
        });
        watcher.unref();
        this.#watchers.set(folder, watcher);
      } catch (error) {
        this.#options.log(`config: not watching ${folder} for changes to the config (${(error as Error).message}); use the admin API to reload.`);
      }
    }
  }

  setRouteEnabled(route: string, enabled: boolean): void {
    this.router.setRouteEnabled(route, enabled);
    this.events.emit({ type: 'route.changed', name: route, enabled, at: Date.now() });
  }

  routes(): { name: string; enabled: boolean }[] {
    return this.router.routes().map((route) => ({ name: route.route, enabled: route.enabled }));
  }

  /**
   * The first step of closing, taken before the server drains its requests: a shutdown has
   * begun, so an Ollama child that exits meanwhile is not restarted, and background jobs stop
   * (a group benchmark's requests would otherwise hold the drain for its whole grace period).
   */
  beginClose(): void {
    this.#closing.abort();
    this.#local?.cancelJobs();
    this.ollama.beginShutdown();
  }

  /**
   * Goes through every step even when one fails, so that a failed step never leaves the database
   * open or upstream connections behind. Records the disk refuses at the end are reported once,
   * with their number, and are not a failure of close(): serve still exits 0 (README). A step
   * that fails otherwise is rethrown once all have run.
   */
  async close(): Promise<void> {
    this.beginClose();
    const failures: unknown[] = [];
    const step = async (run: () => unknown) => {
      try {
        await run();
      } catch (error) {
        failures.push(error);
      }
    };
    // Background jobs first: a cancelled benchmark still writes to the database closed below.
    await this.#admin?.catch(() => undefined);
    await step(() => this.#local?.close());
    await step(() => this.ollama.stop());
    await step(() => this.#ollamaStartup);
    for (const watcher of this.#watchers.values()) watcher.close();
    clearTimeout(this.#watchTimer);
    // The server has cut the connections still open after the grace period; each of those
    // requests is aborting and records what it used on its way out, a few ticks from now.
    await this.#observer.idle(IN_FLIGHT_RECORD_WAIT_MS);
    const unwritten = this.logStore.close();
    if (unwritten) {
      this.#options.log(`request log: ${unwritten.lost} record${unwritten.lost === 1 ? '' : 's'} could not be written at shutdown and ${unwritten.lost === 1 ? 'is' : 'are'} lost (${unwritten.reason}).`);
    }
    await step(() => this.#database.close());
    await step(() => this.#pools.close());
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, failures.map((failure) => (failure as Error).message).join('; '));
  }
}

function scopeFilter(scope: BudgetScope): { route?: string; deploymentId?: string } {
  if (scope.kind === 'route') return { route: scope.route };
  if (scope.kind === 'deployment') return { deploymentId: scope.deploymentId };
  return {};
}
