/**
 * /admin/local/*: Ollama status, hardware, installed models, pulls, load/unload/delete, expose as
 * a deployment, fit estimates, the catalog and benchmarks. Long jobs (pulls, benchmarks) run in
 * the background and report on the live event bus as `pull.progress` and `bench.progress`.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_OLLAMA_CONTEXT } from '../config/schema.ts';
import { GatewayError } from '../errors/index.ts';
import type { LiveEventBus } from '../metrics/event-bus.ts';
import type { OllamaManager, OllamaStatus } from '../local/ollama/ollama-manager.ts';
import type { LocalModel as OllamaModel } from '../local/ollama/ollama-client.ts';
import type { PullProgress } from '../local/ollama/pull-progress.ts';
import { deploymentFromModel, deploymentIdFor } from '../local/ollama/deployment-from-model.ts';
import { HardwareProbe } from '../local/hardware/hardware-probe.ts';
import type { HardwareSnapshot } from '../local/hardware/hardware-types.ts';
import { estimateFit, recommendContext, type MemoryBudget, type ModelShape } from '../local/fit/estimate-fit.ts';
import { budgetFromHardware, shapeFromShow } from '../local/fit/model-shape.ts';
import { MODEL_CATALOG } from '../local/fit/model-catalog.ts';
import { recommendModels } from '../local/fit/recommend-models.ts';
import { runOllamaBenchmark } from '../local/bench/run-ollama-benchmark.ts';
import { runEndpointBenchmark } from '../local/bench/run-endpoint-benchmark.ts';
import type { BenchmarkStore } from '../local/bench/benchmark-store.ts';
import type { BenchmarkProgress, BenchmarkResult } from '../local/bench/benchmark-types.ts';
import type { OllamaRequestSettings } from './models.ts';
import type {
  AdminEvent, BenchResult, CatalogResponse, ExposeRequest, FitResponse, FitVerdict, HardwareResponse,
  LocalModel, LocalStatusResponse, PullProgressEvent,
} from './contract.ts';

/** Pull lines arrive many times a second; the dashboard redraws fine at four. */
const PULL_EVENT_INTERVAL_MS = 250;

export interface LocalModelsOptions {
  /** The gateway's one manager, which also starts Ollama at startup and stops it on close. */
  manager: OllamaManager;
  events: LiveEventBus<AdminEvent>;
  benchmarks: BenchmarkStore;
  hardware?: HardwareProbe;
}

interface PullJob {
  jobId: string;
  controller: AbortController;
  latest: PullProgressEvent;
}

interface BenchJob {
  controller: AbortController;
  latest: BenchResult;
}

/** What a benchmark job hands the benchmark it runs: its id, its cancel, and where progress goes. */
interface BenchHooks {
  id: string;
  signal: AbortSignal;
  onProgress: (progress: BenchmarkProgress) => void;
}

/** Where the gateway itself answers, and the key it wants: a group benchmark goes through its own proxy. */
export interface GatewayEndpoint {
  url: string;
  key: string;
}

export function toBenchResult(result: BenchmarkResult): BenchResult {
  return {
    id: result.id,
    kind: result.kind,
    model: result.model,
    at: result.startedAt,
    status: result.status,
    runs: result.runsRequested,
    promptTokensPerSecond: result.summary.promptTokensPerSecond?.median ?? null,
    generationTokensPerSecond: result.summary.generationTokensPerSecond?.median ?? null,
    ttftMs: result.summary.ttftMs?.median ?? null,
    loadMs: result.loadMs,
    numCtx: result.numCtx,
    error: result.error,
    depth: result.depth === null ? null : {
      targetTokens: result.depth.targetTokens,
      promptTokens: result.depth.run.promptTokens,
      promptTokensPerSecond: result.depth.run.promptTokensPerSecond,
      generationTokensPerSecond: result.depth.run.generationTokensPerSecond,
      ttftMs: result.depth.run.ttftMs,
    },
    toolCall: result.toolCall,
    deployments: result.deployments,
  };
}

function toHardware(snapshot: HardwareSnapshot): HardwareResponse {
  return {
    os: `${snapshot.os.distro} ${snapshot.os.release}`.trim() || snapshot.os.platform,
    arch: snapshot.os.arch,
    cpu: { model: snapshot.cpu.model, cores: snapshot.cpu.physicalCores, threads: snapshot.cpu.threads },
    ramBytes: snapshot.ram.totalBytes.value,
    gpus: snapshot.gpus.map((gpu) => ({ vendor: gpu.vendor, model: gpu.model, vramBytes: gpu.vramTotalBytes.value, backend: gpu.backend })),
    unifiedMemory: snapshot.unifiedMemory,
    usableGpuBytes: snapshot.usableGpuBytes.value,
  };
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const sameModel = (left: string, right: string): boolean => left === right || left === `${right}:latest` || `${left}:latest` === right;

export class LocalModels {
  readonly manager: OllamaManager;
  readonly #hardware: HardwareProbe;
  readonly #options: LocalModelsOptions;
  readonly #pulls = new Map<string, PullJob>();
  readonly #benches = new Map<string, BenchJob>();
  readonly #background = new Set<Promise<void>>();
  /** Shapes from /api/show by model digest: they never change for a digest, and show is slow. */
  readonly #shapes = new Map<string, ModelShape | null>();

  constructor(options: LocalModelsOptions) {
    this.#options = options;
    this.manager = options.manager;
    this.#hardware = options.hardware ?? new HardwareProbe();
  }

  async status(): Promise<LocalStatusResponse> {
    const pulls = [...this.#pulls.values()].map((job) => job.latest);
    let status: OllamaStatus;
    try {
      status = await this.manager.status();
    } catch (error) {
      return { state: 'error', version: null, host: this.manager.host.baseUrl, binaryPath: null, managed: false, message: errorMessage(error), pulls };
    }
    const message = status.state === 'stopped' ? `Ollama is installed but not running at ${status.host}; start it with "ollama serve".` : status.message;
    return { state: status.state, version: status.version, host: status.host, binaryPath: status.binaryPath, managed: status.startedByUs, message, pulls };
  }

  hardware(): Promise<HardwareResponse> {
    return this.#hardware.get().then(toHardware);
  }

  async #budget(): Promise<MemoryBudget> {
    return budgetFromHardware(await this.#hardware.get());
  }

  /** A 503 that says what to do, instead of a connection error per call, when no Ollama answers. */
  async #requireRunning(): Promise<void> {
    if (await this.manager.client.isRunning()) return;
    const status = await this.status();
    throw new GatewayError('gateway_unavailable', 503, status.message ?? `Ollama is not running at ${status.host}.`);
  }

  /** Installed models; empty when Ollama is not running (GET /admin/local/status says why). */
  async installed(): Promise<{ models: OllamaModel[]; loaded: Map<string, { vramBytes: number | null; contextLength: number | null }> }> {
    if (!(await this.manager.client.isRunning())) return { models: [], loaded: new Map() };
    const [models, loaded] = await Promise.all([this.manager.client.listModels(), this.manager.client.listLoaded()]);
    return { models, loaded: new Map(loaded.map((model) => [model.name, { vramBytes: model.vramBytes, contextLength: model.contextLength }])) };
  }

  async #shapeOf(model: OllamaModel): Promise<ModelShape | null> {
    const key = model.digest ?? model.name;
    if (!this.#shapes.has(key)) this.#shapes.set(key, shapeFromShow(await this.manager.client.show(model.name), model.sizeBytes));
    return this.#shapes.get(key) ?? null;
  }

  /** The verdict at `context`, or null when the model's metadata or the hardware cannot tell. */
  async fitVerdict(model: OllamaModel, context: number | null): Promise<FitVerdict | null> {
    try {
      const shape = await this.#shapeOf(model);
      if (!shape) return null;
      const budget = await this.#budget();
      return estimateFit(shape, context ?? recommendContext(shape, budget), budget).verdict;
    } catch {
      return null;
    }
  }

  /** `groupOf(name)` names the deployment group serving an Ollama model, when one is configured. */
  async models(groupOf: (name: string) => { group: string; contextLength: number | null } | undefined): Promise<LocalModel[]> {
    const { models, loaded } = await this.installed();
    return Promise.all(models.map(async (model) => {
      const exposed = groupOf(model.name);
      const resident = loaded.get(model.name);
      return {
        name: model.name,
        sizeBytes: model.sizeBytes,
        parameterSize: model.parameterSize,
        quantization: model.quantization,
        modifiedAt: model.modifiedAt === null ? null : Date.parse(model.modifiedAt) || null,
        loaded: resident !== undefined,
        vramBytes: resident?.vramBytes ?? null,
        contextLength: resident?.contextLength ?? exposed?.contextLength ?? null,
        group: exposed?.group ?? null,
        fit: await this.fitVerdict(model, exposed?.contextLength ?? null),
      };
    }));
  }

  async pull(model: string): Promise<{ jobId: string; model: string }> {
    await this.#requireRunning();
    // Looked up after the await, so that two requests arriving together (a double click) share one job.
    const running = this.#pulls.get(model);
    if (running) return { jobId: running.jobId, model };
    const jobId = randomUUID();
    const job: PullJob = { jobId, controller: new AbortController(), latest: this.#pullEvent(jobId, model, 'starting', null) };
    this.#pulls.set(model, job);
    let lastSent = 0;
    const publish = (event: PullProgressEvent) => {
      job.latest = event;
      this.#options.events.emit(event);
    };
    publish(job.latest);
    this.#track(this.manager.client.pull(model, {
      signal: job.controller.signal,
      onProgress: (progress) => {
        job.latest = this.#pullEvent(job.jobId, model, progress.status, progress);
        if (progress.done || Date.now() - lastSent >= PULL_EVENT_INTERVAL_MS) {
          lastSent = Date.now();
          publish(job.latest);
        }
      },
    }).then(
      (final) => publish({ ...this.#pullEvent(job.jobId, model, 'success', final), done: true }),
      (error: unknown) => {
        const cancelled = job.controller.signal.aborted;
        publish({ ...job.latest, status: cancelled ? 'cancelled' : 'error', done: true, error: cancelled ? null : errorMessage(error), at: Date.now() });
      },
    ).finally(() => this.#pulls.delete(model)));
    return { jobId: job.jobId, model };
  }

  #pullEvent(jobId: string, model: string, status: string, progress: PullProgress | null): PullProgressEvent {
    return {
      type: 'pull.progress',
      jobId,
      model,
      status,
      completed: progress?.completedBytes ?? 0,
      total: progress?.totalBytes ?? 0,
      speed: progress?.bytesPerSecond ?? 0,
      eta: progress?.etaSeconds ?? null,
      done: progress?.done ?? false,
      error: null,
      at: Date.now(),
    };
  }

  cancelPull(model: string): { cancelled: boolean } {
    const job = this.#pulls.get(model);
    job?.controller.abort();
    return { cancelled: job !== undefined };
  }

  async load(name: string, keepAlive: string | number | undefined, numCtx: number | undefined): Promise<{ name: string; loaded: boolean }> {
    await this.#requireRunning();
    await this.manager.client.load(name, { keepAlive, numCtx });
    return { name, loaded: true };
  }

  async unload(name: string): Promise<{ name: string; loaded: boolean }> {
    await this.#requireRunning();
    await this.manager.client.unload(name);
    return { name, loaded: false };
  }

  async delete(name: string): Promise<void> {
    await this.#requireRunning();
    await this.manager.client.deleteModel(name);
  }

  /** The config entry for exposing `name`, with a context this machine can hold unless one is asked for. */
  async deploymentFor(name: string, request: ExposeRequest): Promise<{ id: string; entry: ReturnType<typeof deploymentFromModel> }> {
    const { models } = await this.installed();
    const model = models.find((candidate) => sameModel(candidate.name, name));
    if (!model) throw new GatewayError('caller_not_found', 404, `Ollama has no model "${name}"; pull it first.`);
    let numCtx = request.contextLength;
    if (numCtx === undefined) {
      const shape = await this.#shapeOf(model).catch(() => null);
      numCtx = shape ? recommendContext(shape, await this.#budget()) : DEFAULT_OLLAMA_CONTEXT;
    }
    const entry = deploymentFromModel({ model: model.name, apiBase: this.manager.host.baseUrl, numCtx, modelName: request.group ?? model.name, route: request.route ?? 'local' });
    return { id: deploymentIdFor(model.name), entry };
  }

  async fit(model: string, context: number | undefined): Promise<FitResponse> {
    const { models } = await this.installed();
    const installed = models.find((candidate) => sameModel(candidate.name, model));
    let shape: ModelShape | null = installed ? await this.#shapeOf(installed) : null;
    if (!shape) {
      const catalogEntry = MODEL_CATALOG.flatMap((entry) => entry.quantizations.map((quantization) => ({ entry, quantization }))).find(({ quantization }) => sameModel(quantization.tag, model));
      if (catalogEntry) shape = { ...catalogEntry.entry.shape, weightsBytes: catalogEntry.quantization.sizeBytes };
    }
    if (!shape) throw new GatewayError('caller_not_found', 404, `Cannot estimate "${model}": it is neither installed nor in the catalog, or Ollama did not report its shape.`);
    const budget = await this.#budget();
    const estimate = estimateFit(shape, context ?? recommendContext(shape, budget), budget);
    return {
      model,
      context: estimate.context,
      verdict: estimate.verdict,
      requiredBytes: estimate.requiredBytes,
      availableBytes: estimate.availableBytes,
      maxGpuContext: estimate.maxGpuContext,
      weightsBytes: estimate.weightsBytes,
      kvCacheBytes: estimate.kvCacheBytes,
    };
  }

  async catalog(): Promise<CatalogResponse> {
    const [budget, { models }] = await Promise.all([this.#budget(), this.installed()]);
    return {
      models: recommendModels(budget).map((recommendation) => ({
        name: recommendation.name,
        description: recommendation.description,
        parameterSize: recommendation.parameterSize,
        sizeBytes: recommendation.sizeBytes,
        contextLength: recommendation.contextLength,
        fit: recommendation.fit,
        installed: models.some((model) => sameModel(model.name, recommendation.name)),
      })),
    };
  }

  /**
   * `sent` is what the proxy's requests for the model send, so the run measures (and leaves
   * loaded) what users get. `depth` false skips the long-prompt run.
   */
  async startBenchmark(model: string, runs: number, sent: OllamaRequestSettings, depth: boolean): Promise<{ id: string }> {
    await this.#requireRunning();
    return this.#startBenchJob({ kind: 'ollama', model, runs, numCtx: sent.numCtx }, async (hooks) => runOllamaBenchmark({
      client: this.manager.client,
      model,
      runs,
      numCtx: sent.numCtx,
      keepAlive: sent.keepAlive,
      depth,
      hardware: await this.#hardware.get().catch(() => null),
      ...hooks,
    }));
  }

  /**
   * Measures model group `group` through the gateway's own Anthropic endpoint, as Claude Code
   * sees it: routing, translation and the upstream included. Its requests are ordinary proxy
   * requests, so they are logged and charged.
   */
  startGatewayBenchmark(group: string, runs: number, gateway: GatewayEndpoint): { id: string } {
    return this.#startBenchJob({ kind: 'gateway', model: group, runs, numCtx: null }, (hooks) => runEndpointBenchmark({
      protocol: 'anthropic',
      baseUrl: gateway.url,
      apiKey: gateway.key,
      bearerAuth: true,
      viaGateway: true,
      model: group,
      runs,
      ...hooks,
    }));
  }

  /** Runs a benchmark in the background: listed while it runs, `bench.progress` events, cancel by delete, stored at its end. */
  #startBenchJob(
    shown: Pick<BenchResult, 'kind' | 'model' | 'runs' | 'numCtx'>,
    run: (hooks: BenchHooks) => Promise<BenchmarkResult>,
  ): { id: string } {
    const id = randomUUID();
    const { kind, model } = shown;
    const job: BenchJob = {
      controller: new AbortController(),
      latest: { ...shown, id, at: Date.now(), status: 'running', promptTokensPerSecond: null, generationTokensPerSecond: null, ttftMs: null, loadMs: null, error: null, depth: null, toolCall: null, deployments: [] },
    };
    this.#benches.set(id, job);
    this.#track(run({
      id,
      signal: job.controller.signal,
      onProgress: (progress) => {
        const result = progress.result ? toBenchResult(progress.result) : null;
        if (result) job.latest = result;
        this.#options.events.emit({
          type: 'bench.progress', id, kind, model, phase: progress.phase, run: progress.run, runs: progress.runs, depthTokens: progress.depthTokens, result, at: Date.now(),
        });
      },
    }).then((result) => this.#options.benchmarks.save(result)).finally(() => this.#benches.delete(id)));
    return { id };
  }

  benchmarks(): BenchResult[] {
    const running = [...this.#benches.values()].map((job) => job.latest);
    return [...running, ...this.#options.benchmarks.list().map(toBenchResult)];
  }

  /** Cancels a running benchmark, or deletes a stored result; 404 when neither exists. */
  deleteBenchmark(id: string): void {
    const running = this.#benches.get(id);
    if (running) {
      running.controller.abort();
      return;
    }
    if (!this.#options.benchmarks.delete(id)) throw new GatewayError('caller_not_found', 404, `No benchmark with id "${id}".`);
  }

  /**
   * Keeps a background job's promise until it settles, so that close() can wait for it. Its
   * failure is already told as the job's last event (a pull's `error`, a benchmark's status);
   * only a store failure while saving a benchmark result goes unreported, and loses that result.
   */
  #track(job: Promise<unknown>): void {
    const settled = job.then(() => undefined, () => undefined).finally(() => this.#background.delete(settled));
    this.#background.add(settled);
  }

  /**
   * Cancels pulls and benchmarks as shutdown begins: a group benchmark's requests are the
   * gateway's own, and the server would otherwise wait out its grace period for them.
   */
  cancelJobs(): void {
    for (const job of this.#pulls.values()) job.controller.abort();
    for (const job of this.#benches.values()) job.controller.abort();
  }

  /**
   * Cancels pulls and benchmarks on shutdown and waits until they have settled, because a
   * cancelled benchmark still stores its partial result and the database closes next. The
   * Ollama server itself is the manager's business.
   */
  async close(): Promise<void> {
    this.cancelJobs();
    await Promise.all(this.#background);
  }
}
