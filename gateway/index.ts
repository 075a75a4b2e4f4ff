/**
 * The gateway's one public entry (DESIGN.md §2): `startGateway(options)` starts the HTTP
 * server on 127.0.0.1 and returns a handle. The Electron main process and the headless CLI
 * both call it; nothing here knows about Electron. Listening beyond loopback needs a gateway key.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { GatewayRuntime, type GatewayRuntimeOptions } from './runtime/gateway-runtime.ts';
import { GatewayError } from './errors/index.ts';
import { localBaseUrl } from './server/host-check.ts';
import type { WiringHost } from './claude-code/index.ts';
import { localDay } from './store/sqlite-log-store.ts';

export interface StartGatewayOptions {
  /** Defaults to DATA_DIR/config.yaml, written with defaults on first run. */
  configPath?: string;
  /** Defaults to the OS's app-data folder for "Gatehouse". */
  dataDir?: string;
  /** Overrides gatehouse.server.host. */
  host?: string;
  /** Overrides gatehouse.server.port; 0 picks a free port. */
  port?: number;
  env?: NodeJS.ProcessEnv;
  /**
   * Names of the environment variables the host app filled from its own key store (the desktop
   * app's safeStorage) rather than inherited: /admin/settings reports their source as the
   * keychain. Asked on each request, since keys can be stored or removed while the gateway runs.
   */
  keychainVariables?: () => ReadonlySet<string>;
  /** The OS Claude Code wiring writes for and how it starts PowerShell; this machine unless a test stands in for another. */
  claudeCodeHost?: WiringHost;
  log?: (line: string) => void;
  /** The built dashboard; found next to the bundle or in dist/ui when omitted. */
  uiDir?: string;
}

export interface GatewayHandle {
  /** `http://HOST:PORT`, the base URL clients use. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** `URL/ui/#token=…`: opens the dashboard logged in (the fragment never reaches a server log). */
  readonly dashboardUrl: string | undefined;
  /** The current admin token: a config reload may change it. */
  readonly adminToken: string;
  readonly dataDir: string;
  readonly configPath: string;
  readonly runtime: GatewayRuntime;
  /** Re-reads the config file; keeps the running config and reports the problems when it is invalid. */
  reload(): ReturnType<GatewayRuntime['reloadFromDisk']>;
  setRouteEnabled(route: string, enabled: boolean): void;
  routes(): { name: string; enabled: boolean }[];
  /**
   * USD charged for requests started since local midnight, the spend page's "today". It reads the
   * store's daily rollup (writing out its queue first), so ask at a human pace, not once per request.
   */
  spendTodayUsd(now?: number): number;
  /** Stops accepting, lets in-flight requests finish (bounded by graceMs), flushes the store. */
  close(options?: { graceMs?: number }): Promise<void>;
}

function findUiDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.resolve(here, '../ui'), path.resolve(here, '../dist/ui')].find((dir) => existsSync(path.join(dir, 'index.html')));
}

export async function startGateway(options: StartGatewayOptions = {}): Promise<GatewayHandle> {
  const runtimeOptions: GatewayRuntimeOptions = {
    configPath: options.configPath,
    dataDir: options.dataDir,
    env: options.env ?? process.env,
    keychainVariables: options.keychainVariables ?? (() => new Set()),
    claudeCodeHost: options.claudeCodeHost,
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    uiDir: options.uiDir ?? findUiDir(),
  };
  const runtime = await GatewayRuntime.create(runtimeOptions);
  const settings = runtime.config.gatehouse.server;
  const host = options.host ?? settings.host;
  const port = options.port ?? settings.port;
  const server = runtime.createServer(host);
  try {
    runtime.checkBindAddress(host);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await runtime.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new GatewayError('gateway_unavailable', 503, `Port ${port} on ${host} is already in use. Stop the other program, or start Gatehouse with --port 0 for a free port.`, { cause: error });
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = localBaseUrl(address.address, address.port);
  runtime.setListeningUrl(url, address.port);

  let closing: Promise<void> | undefined;
  return {
    url,
    host: address.address,
    port: address.port,
    // Getters: a config reload may change the admin token.
    get dashboardUrl() {
      return runtimeOptions.uiDir ? `${url}/ui/#token=${runtime.adminToken}` : undefined;
    },
    get adminToken() {
      return runtime.adminToken;
    },
    dataDir: runtime.dataDir,
    configPath: runtime.configPath,
    runtime,
    reload: () => runtime.reloadFromDisk(),
    setRouteEnabled: (route, enabled) => runtime.setRouteEnabled(route, enabled),
    routes: () => runtime.routes(),
    // From the daily rollup the spend page reads: a few rows, however many requests today had.
    spendTodayUsd: (now = Date.now()) => runtime.logStore.spend(localDay(now), localDay(now)).reduce((total, row) => total + row.costUsd, 0),
    close({ graceMs = 10_000 } = {}) {
      closing ??= (async () => {
        runtime.beginClose();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
        const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
        await Promise.race([closed, deadline]);
        clearInterval(idleSweep);
        server.closeAllConnections();
        await closed;
        await runtime.close();
      })();
      return closing;
    },
  };
}
