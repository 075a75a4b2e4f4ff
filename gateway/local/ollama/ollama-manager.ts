/**
 * The one object the gateway holds for Ollama: where it is, whether it runs, who started
 * it, and a client for its API. It starts `ollama serve` only when Ollama is installed but
 * silent, and stops only the server it started itself.
 */
import path from 'node:path';
import { GatewayError } from '../../errors/index.ts';
import { OllamaClient } from './ollama-client.ts';
import { installHint, ollamaNotInstalled, ollamaRemoteUnreachable } from './ollama-errors.ts';
import { parseOllamaHost, type OllamaHost } from './ollama-host.ts';
import { defaultLocateProbes, findOllamaBinary, readBinaryVersion, type LocateProbes } from './locate-ollama.ts';
import { OllamaSupervisor, type BackoffPolicy, type OllamaServerSettings, type SupervisorEvent } from './ollama-supervisor.ts';
import { stopOrphanedServer, systemProcessDescriber, type DescribeProcess } from './server-pid-file.ts';

/** The same words as the admin contract's ollamaStateSchema. */
export type OllamaState = 'running' | 'starting' | 'stopped' | 'not_installed' | 'error';

export interface OllamaStatus {
  state: OllamaState;
  /** Why the state is `error` or `not_installed`, in words a user can act on. */
  message: string | null;
  installed: boolean;
  running: boolean;
  version: string | null;
  /** True only while a server we spawned is the one answering. */
  startedByUs: boolean;
  /** The base URL the gateway talks to. */
  host: string;
  binaryPath: string | null;
  /** How to install Ollama on this OS, when it is not installed. */
  installHint: string | null;
  /** Where our child's output goes, when we started it. */
  logFile: string | null;
  restarts: number;
}

export interface OllamaManagerOptions {
  /** Directory for logs/ollama-serve.log and ollama-serve.pid. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Overrides OLLAMA_HOST (the config's gatehouse.ollama.host). */
  host?: string;
  probes?: LocateProbes;
  settings?: OllamaServerSettings;
  healthTimeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  onEvent?: (event: SupervisorEvent) => void;
  /** How a pid in ollama-serve.pid is checked before it is stopped; `ps`/`tasklist` by default. */
  describeProcess?: DescribeProcess;
}

export class OllamaManager {
  readonly client: OllamaClient;
  readonly host: OllamaHost;
  private readonly probes: LocateProbes;
  private readonly logFile: string;
  private readonly pidFile: string;
  /** Done once, before the first start: a server an earlier gateway left running is stopped. */
  private orphanCheck: Promise<void> | undefined;
  private supervisor: OllamaSupervisor | undefined;
  private starting = false;
  private lastError: string | null = null;
  /** Bumped by stop(), so that a start already under way when the gateway closes does not spawn a server after it. */
  private stopCount = 0;

  constructor(private readonly options: OllamaManagerOptions) {
    const env = options.env ?? process.env;
    this.host = parseOllamaHost(options.host ?? env.OLLAMA_HOST);
    this.probes = options.probes ?? defaultLocateProbes(env);
    this.client = new OllamaClient({ baseUrl: this.host.baseUrl });
    this.logFile = path.join(options.dataDir, 'logs', 'ollama-serve.log');
    this.pidFile = path.join(options.dataDir, 'ollama-serve.pid');
  }

  async status(): Promise<OllamaStatus> {
    const binaryPath = findOllamaBinary(this.probes);
    const running = await this.client.isRunning();
    let version: string | null = null;
    if (running) version = await this.client.version().catch(() => null);
    if (version === null && binaryPath !== null) version = await readBinaryVersion(binaryPath, this.options.env);
    // A server that answers is installed somewhere (a container, another user's install).
    const installed = binaryPath !== null || running;
    const startedByUs = running && this.supervisor?.running === true;
    // A silent remote server is down over there: a local binary, or its absence, changes nothing.
    const remoteDown = !running && !this.host.local;
    const hint = installed || remoteDown ? null : installHint(this.probes.platform);
    const state: OllamaState = running ? 'running' : remoteDown ? 'error' : !installed ? 'not_installed' : this.starting ? 'starting' : this.lastError ? 'error' : 'stopped';
    return {
      state,
      message: remoteDown ? ollamaRemoteUnreachable(this.host.baseUrl).message : state === 'not_installed' ? `Ollama is not installed. ${hint}` : state === 'error' ? this.lastError : null,
      installed,
      running,
      version,
      startedByUs,
      host: this.host.baseUrl,
      binaryPath,
      installHint: hint,
      logFile: this.supervisor ? this.logFile : null,
      restarts: this.supervisor?.restarts ?? 0,
    };
  }

  /**
   * Starts `ollama serve` unless a server already answers; throws with install advice when there
   * is no binary, and without starting anything when the host is another machine.
   */
  async ensureRunning(): Promise<OllamaStatus> {
    const stopsBefore = this.stopCount;
    await (this.orphanCheck ??= this.stopOrphan());
    if (await this.client.isRunning()) return this.status();
    if (!this.host.local) throw ollamaRemoteUnreachable(this.host.baseUrl);
    const binaryPath = findOllamaBinary(this.probes);
    if (binaryPath === null) throw ollamaNotInstalled(this.probes.platform);
    await this.supervisor?.stop();
    if (this.stopCount !== stopsBefore) throw new GatewayError('gateway_unavailable', 503, 'Ollama was not started: Gatehouse is shutting down.');
    this.supervisor = new OllamaSupervisor({
      binaryPath,
      bindAddress: this.host.bindAddress,
      baseEnv: this.options.env ?? process.env,
      settings: this.options.settings,
      logFile: this.logFile,
      pidFile: this.pidFile,
      isHealthy: () => this.client.isRunning(),
      healthTimeoutMs: this.options.healthTimeoutMs,
      backoff: this.options.backoff,
      onEvent: (event) => {
        if (event.type === 'gave-up') this.lastError = event.message;
        this.options.onEvent?.(event);
      },
    });
    this.starting = true;
    this.lastError = null;
    try {
      await this.supervisor.start();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      this.starting = false;
    }
    return this.status();
  }

  /**
   * An `ollama serve` that an earlier gateway started and could not stop (it crashed or was
   * killed) would otherwise answer as if the user ran it, and so never be stopped. Stopping it,
   * as the Ollama app does, lets this gateway start its own with the current settings.
   */
  private async stopOrphan(): Promise<void> {
    const pid = await stopOrphanedServer({ pidFile: this.pidFile, describe: this.options.describeProcess ?? systemProcessDescriber() }).catch(() => null);
    if (pid !== null) this.options.onEvent?.({ type: 'orphan-stopped', pid });
  }

  /**
   * The gateway has begun to close: a start under way spawns nothing, and an exit of our server
   * from now on is part of the shutdown, not a crash to log and restart. The server keeps running
   * until stop().
   */
  beginShutdown(): void {
    this.stopCount += 1;
    this.supervisor?.endSupervision();
  }

  /** Stops the server only if we started it; an Ollama someone else runs is never touched. */
  async stop(): Promise<void> {
    this.beginShutdown();
    await this.supervisor?.stop();
  }
}
