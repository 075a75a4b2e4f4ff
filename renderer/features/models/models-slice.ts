import type {
  AdminEvent, BenchProgressEvent, BenchResult, CatalogEntry, HardwareResponse, LocalModel, LocalStatusResponse, ModelEntry,
  PullProgressEvent,
} from '../../../gateway/admin/contract.ts';
import { reportFailure, type SliceCreator } from '../../store/slice.ts';

export interface ModelsSlice {
  models: ModelEntry[];
  localStatus: LocalStatusResponse | null;
  hardware: HardwareResponse | null;
  localModels: LocalModel[];
  catalog: CatalogEntry[];
  /** By model name; a finished pull stays until the next refresh so its outcome is visible. */
  pulls: Record<string, PullProgressEvent>;
  benchResults: BenchResult[];
  /** Running benchmarks by id. */
  benchProgress: Record<string, BenchProgressEvent>;
  /** Model names with a load/unload/delete/expose in flight, to disable their buttons. */
  modelBusy: Record<string, boolean>;
  /** Whether a local model's benchmark includes the long-prompt (depth) run, which takes minutes on a CPU. */
  benchDepth: boolean;
  setBenchDepth(depth: boolean): void;
  loadModels(): Promise<void>;
  pullModel(model: string): Promise<void>;
  cancelPull(model: string): Promise<void>;
  setModelLoaded(name: string, loaded: boolean): Promise<void>;
  deleteModel(name: string): Promise<void>;
  exposeModel(name: string): Promise<void>;
  startBench(model: string, runs: number): Promise<void>;
  /** Benchmarks a model group through the gateway: real requests, logged and charged. */
  startGroupBench(group: string, runs: number): Promise<void>;
  deleteBench(id: string): Promise<void>;
}

export function modelsOnEvents(state: ModelsSlice, events: readonly AdminEvent[]): Partial<ModelsSlice> | null {
  let pulls: Record<string, PullProgressEvent> | null = null;
  let benchProgress: Record<string, BenchProgressEvent> | null = null;
  let benchResults: BenchResult[] | null = null;
  for (const event of events) {
    if (event.type === 'pull.progress') {
      pulls ??= { ...state.pulls };
      pulls[event.model] = event;
    } else if (event.type === 'bench.progress') {
      benchProgress ??= { ...state.benchProgress };
      if (event.phase === 'done' || event.phase === 'error' || event.phase === 'cancelled') delete benchProgress[event.id];
      else benchProgress[event.id] = event;
      const result = event.result;
      if (result !== null) benchResults = [result, ...(benchResults ?? state.benchResults).filter((known) => known.id !== result.id)];
    }
  }
  if (pulls === null && benchProgress === null) return null;
  return {
    ...(pulls === null ? {} : { pulls }),
    ...(benchProgress === null ? {} : { benchProgress }),
    ...(benchResults === null ? {} : { benchResults }),
  };
}

/** True when a batch finished a pull, so the local model list is stale. */
export const finishesPull = (events: readonly AdminEvent[]): boolean =>
  events.some((event) => event.type === 'pull.progress' && event.done && event.error === null);

export function pullFraction(pull: PullProgressEvent): number | null {
  return pull.total > 0 ? Math.min(1, pull.completed / pull.total) : null;
}

export const createModelsSlice: SliceCreator<ModelsSlice> = (set, get, api) => {
  /** Shows a started benchmark as running until its first event says more. */
  const showStarted = (id: string, kind: BenchProgressEvent['kind'], model: string, phase: BenchProgressEvent['phase'], runs: number) =>
    set((state) => ({ benchProgress: { ...state.benchProgress, [id]: { type: 'bench.progress', id, kind, model, phase, run: 0, runs, depthTokens: null, result: null, at: Date.now() } } }));

  const withBusy = (name: string, action: () => Promise<void>): Promise<void> => reportFailure(get, async () => {
    set((state) => ({ modelBusy: { ...state.modelBusy, [name]: true } }));
    try {
      await action();
      await get().loadModels();
    } finally {
      set((state) => {
        const { [name]: _done, ...modelBusy } = state.modelBusy;
        return { modelBusy };
      });
    }
  });

  return {
    models: [],
    localStatus: null,
    hardware: null,
    localModels: [],
    catalog: [],
    pulls: {},
    benchResults: [],
    benchProgress: {},
    modelBusy: {},
    benchDepth: true,
    setBenchDepth: (benchDepth) => set({ benchDepth }),
    loadModels: () => reportFailure(get, async () => {
      const [models, localStatus, localModels] = await Promise.all([api.models(), api.localStatus(), api.localModels()]);
      // Finished pulls stay so their outcome remains visible; running ones come from the server.
      const finished = Object.values(get().pulls).filter((pull) => pull.done);
      const pulls = Object.fromEntries([...finished, ...localStatus.pulls].map((pull) => [pull.model, pull]));
      set({ models: models.models, localStatus, localModels: localModels.models, pulls });
      // Hardware, catalog and benchmarks change rarely or by events; a failure there must not hide the lists above.
      const [hardware, catalog, bench] = await Promise.allSettled([api.hardware(), api.catalog(), api.benchResults()]);
      set({
        ...(hardware.status === 'fulfilled' ? { hardware: hardware.value } : {}),
        ...(catalog.status === 'fulfilled' ? { catalog: catalog.value.models } : {}),
        ...(bench.status === 'fulfilled' ? { benchResults: bench.value.results } : {}),
      });
    }),
    pullModel: (model) => reportFailure(get, async () => {
      const name = model.trim();
      if (name === '') return;
      const started = await api.pull(name);
      set((state) => {
        // The event stream can beat this answer: progress (even the end) already heard for this job is newer than a placeholder.
        if (state.pulls[started.model]?.jobId === started.jobId) return {};
        return {
          pulls: {
            ...state.pulls,
            [started.model]: { type: 'pull.progress', jobId: started.jobId, model: started.model, status: 'starting', completed: 0, total: 0, speed: 0, eta: null, done: false, error: null, at: Date.now() },
          },
        };
      });
    }),
    cancelPull: (model) => reportFailure(get, () => api.cancelPull(model)),
    setModelLoaded: (name, loaded) => withBusy(name, () => (loaded ? api.loadModel(name) : api.unloadModel(name))),
    deleteModel: (name) => withBusy(name, () => api.deleteModel(name)),
    exposeModel: (name) => withBusy(name, () => api.exposeModel(name, { route: 'local' })),
    startBench: (model, runs) => reportFailure(get, async () => {
      const { id } = await api.startBench({ model, runs, depth: get().benchDepth });
      showStarted(id, 'ollama', model, 'load', runs);
    }),
    // A group is not loaded: its benchmark starts with the warm-up request.
    startGroupBench: (group, runs) => reportFailure(get, async () => {
      const { id } = await api.startBench({ group, runs });
      showStarted(id, 'gateway', group, 'warmup', runs);
    }),
    deleteBench: (id) => reportFailure(get, async () => {
      await api.deleteBench(id);
      set((state) => ({ benchResults: state.benchResults.filter((result) => result.id !== id) }));
    }),
  };
};
