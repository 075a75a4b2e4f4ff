/**
 * Runs `ollama serve` as our child, the way the Ollama desktop app supervises its server
 * (O:app/server/server.go): log to a file, restart after a crash, terminate then kill on
 * stop. Differences: the restart delay backs off exponentially up to a cap and gives up after
 * a bounded number of failed attempts, and a restart never happens when another Ollama has
 * taken the address meanwhile, because that one is not ours to replace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { GatewayError } from '../../errors/index.ts';
import { removeServerPidFile, writeServerPidFile } from './server-pid-file.ts';

export interface OllamaServerSettings {
  /** OLLAMA_CONTEXT_LENGTH: the server's default num_ctx. */
  contextLength?: number;
  /** OLLAMA_FLASH_ATTENTION: smaller compute buffers, and required for a quantised KV cache. */
  flashAttention?: boolean;
  /** OLLAMA_KEEP_ALIVE */
  keepAlive?: string | number;
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Consecutive failed starts before the supervisor gives up. */
  maxAttempts: number;
  /** A child that stayed up this long resets the attempt count. */
  stableAfterMs: number;
}

export type SupervisorEvent =
  | { type: 'started'; pid: number }
  | { type: 'exited'; code: number | null; signal: NodeJS.Signals | null; expected: boolean }
  | { type: 'restart-scheduled'; attempt: number; delayMs: number }
  | { type: 'foreign-server'; message: string }
  /** A server an earlier gateway started and left running (it crashed or was killed), stopped at our first start. */
  | { type: 'orphan-stopped'; pid: number }
  | { type: 'gave-up'; message: string };

export interface OllamaSupervisorOptions {
  binaryPath: string;
  /** The OLLAMA_HOST value for the child (bind address). */
  bindAddress: string;
  baseEnv: NodeJS.ProcessEnv;
  settings?: OllamaServerSettings;
  logFile: string;
  /** Names the running child, so that the next gateway can stop it if this one dies without stopping it. */
  pidFile: string;
  isHealthy: () => Promise<boolean>;
  healthTimeoutMs?: number;
  healthPollMs?: number;
  /** Between SIGTERM and SIGKILL on stop. */
  stopGraceMs?: number;
  backoff?: Partial<BackoffPolicy>;
  onEvent?: (event: SupervisorEvent) => void;
}

const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, maxAttempts: 6, stableAfterMs: 60_000 };

export function backoffDelayMs(attempt: number, policy: Pick<BackoffPolicy, 'initialMs' | 'maxMs'>): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
}

export function serverEnvironment(baseEnv: NodeJS.ProcessEnv, bindAddress: string, settings: OllamaServerSettings = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...baseEnv, OLLAMA_HOST: bindAddress };
  if (settings.contextLength !== undefined) env.OLLAMA_CONTEXT_LENGTH = String(settings.contextLength);
  if (settings.flashAttention !== undefined) env.OLLAMA_FLASH_ATTENTION = settings.flashAttention ? '1' : '0';
  if (settings.keepAlive !== undefined) env.OLLAMA_KEEP_ALIVE = String(settings.keepAlive);
  return env;
}

export class OllamaSupervisor {
  private child: ChildProcess | undefined;
  private stopping = false;
  /** Crashes are restarted only once the server has been healthy: a first start that fails is reported to the caller instead. */
  private supervising = false;
  private attempts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartCount = 0;
  private readonly backoff: BackoffPolicy;

  constructor(private readonly options: OllamaSupervisorOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while a child we spawned is alive. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get restarts(): number {
    return this.restartCount;
  }

  /** Spawns the server and resolves once it answers; on timeout the child is stopped and this rejects. */
  async start(): Promise<void> {
    this.stopping = false;
    this.supervising = false;
    await this.spawnAndWait();
    this.supervising = true;
  }

  /**
   * From now on an exit of the child is the end, not a crash to restart. The gateway calls this
   * when it starts to close, before draining requests: the child keeps serving them until
   * stop(), but if it goes first (Windows sends a console's Ctrl+C to every process attached to
   * it) that is part of the shutdown.
   */
  endSupervision(): void {
    this.stopping = true;
    this.supervising = false;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }

  async stop(): Promise<void> {
    this.endSupervision();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const graceMs = this.options.stopGraceMs ?? 5_000;
    const timedOut = await Promise.race([exited.then(() => false), delay(graceMs, true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
  }

  private async spawnAndWait(): Promise<void> {
    const child = this.spawnChild();
    const healthTimeoutMs = this.options.healthTimeoutMs ?? 30_000;
    const pollMs = this.options.healthPollMs ?? 200;
    const deadline = performance.now() + healthTimeoutMs;
    while (performance.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new GatewayError('provider_unreachable', 503, `\`ollama serve\` exited (code ${child.exitCode ?? child.signalCode}) before answering; see ${this.options.logFile}.`);
      }
      if (await this.options.isHealthy()) return;
      await delay(pollMs);
    }
    const wasSupervising = this.supervising;
    await this.stop();
    this.stopping = false;
    this.supervising = wasSupervising;
    throw new GatewayError('provider_timeout', 504, `\`ollama serve\` did not answer within ${Math.round(healthTimeoutMs / 1000)} s; see ${this.options.logFile}.`);
  }

  private spawnChild(): ChildProcess {
    mkdirSync(path.dirname(this.options.logFile), { recursive: true });
    const logFd = openSync(this.options.logFile, 'a');
    writeSync(logFd, `\n--- ${new Date().toISOString()} gatehouse starts ${this.options.binaryPath} serve ---\n`);
    let child: ChildProcess;
    try {
      child = spawn(this.options.binaryPath, ['serve'], {
        env: serverEnvironment(this.options.baseEnv, this.options.bindAddress, this.options.settings),
        stdio: ['ignore', logFd, logFd],
        windowsHide: true,
        // Its own process group on POSIX, so that Ctrl+C in a terminal (SIGINT to the terminal's
        // foreground group) reaches only the gateway, which drains its requests, Ollama's
        // included, and then stops the child itself. Nothing else changes for "stopped on exit":
        // Node never takes children down with it, so only stop() ever did. The Ollama app does
        // the same on Windows (CREATE_NEW_PROCESS_GROUP, O:app/server/server_windows.go).
        detached: process.platform !== 'win32',
      });
    } finally {
      // The child holds its own copy of the descriptor.
      closeSync(logFd);
    }
    this.child = child;
    const startedAt = performance.now();
    child.once('spawn', () => {
      const pid = child.pid ?? -1;
      writeServerPidFile(this.options.pidFile, { pid, ownerPid: process.pid, binaryPath: this.options.binaryPath, startedAt: Date.now() });
      this.options.onEvent?.({ type: 'started', pid });
    });
    child.once('error', () => undefined);
    child.once('exit', (code, signal) => {
      if (child.pid !== undefined) removeServerPidFile(this.options.pidFile, child.pid);
      const expected = this.stopping;
      this.options.onEvent?.({ type: 'exited', code, signal, expected });
      if (expected || !this.supervising || this.child !== child) return;
      if (performance.now() - startedAt >= this.backoff.stableAfterMs) this.attempts = 0;
      this.scheduleRestart();
    });
    return child;
  }

  private scheduleRestart(): void {
    this.attempts += 1;
    if (this.attempts > this.backoff.maxAttempts) {
      this.options.onEvent?.({ type: 'gave-up', message: `\`ollama serve\` crashed ${this.backoff.maxAttempts} times in a row; see ${this.options.logFile}.` });
      return;
    }
    const delayMs = backoffDelayMs(this.attempts, this.backoff);
    this.options.onEvent?.({ type: 'restart-scheduled', attempt: this.attempts, delayMs });
    this.restartTimer = setTimeout(() => void this.restart(), delayMs);
  }

  private async restart(): Promise<void> {
    this.restartTimer = undefined;
    if (this.stopping) return;
    if (await this.options.isHealthy()) {
      this.child = undefined;
      this.options.onEvent?.({ type: 'foreign-server', message: 'Another Ollama now answers on our address; leaving it alone.' });
      return;
    }
    this.restartCount += 1;
    try {
      await this.spawnAndWait();
    } catch {
      // spawnAndWait already stopped the child or it exited on its own; the exit handler
      // schedules the next attempt only for an unexpected exit, so schedule it here.
      if (!this.stopping && !this.running && this.restartTimer === undefined) this.scheduleRestart();
    }
  }
}
