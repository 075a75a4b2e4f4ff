/**
 * "Will this model fit?" — weights + KV cache at a context + compute buffer and runtime
 * overhead, against the GPU budget and RAM (reference/desktop.md §3). The verdicts are LM
 * Studio's four: fully on GPU, partial offload (some layers on GPU), CPU only, does not fit.
 */
import { CLAUDE_CODE_MIN_CONTEXT } from '../../claude-code/minimum-context.ts';

/** The same four words as the admin contract's fitVerdictSchema. */
export type FitVerdict = 'gpu' | 'partial' | 'cpu' | 'no';

export interface ModelShape {
  /** Bytes of the weights: the real file size when known (/api/tags `size`). */
  weightsBytes: number;
  layers: number;
  kvHeads: number;
  headDim: number;
  /** The model's trained context limit. */
  maxContext: number;
  /** Sizes the compute buffer; a typical 128–152k vocabulary is assumed when unknown. */
  vocabSize?: number;
}

export type KvCacheType = 'f16' | 'q8_0' | 'q4_0';

export interface MemoryBudget {
  /** Free VRAM, or the unified-memory share on Apple Silicon. */
  gpuBytes: number;
  /** RAM models may use: available RAM minus headroom for the OS and apps. */
  ramBytes: number;
  /** GPU and CPU share RAM: never count RAM on top of the GPU budget. */
  unifiedMemory: boolean;
}

export interface FitOptions {
  kvCacheType?: KvCacheType;
  /** OLLAMA_NUM_PARALLEL: each parallel slot holds its own context. */
  parallel?: number;
}

export interface FitEstimate {
  verdict: FitVerdict;
  context: number;
  weightsBytes: number;
  kvCacheBytes: number;
  overheadBytes: number;
  requiredBytes: number;
  /** The memory the verdict was judged against (GPU, GPU + RAM, or RAM). */
  availableBytes: number;
  /** Layers that fit on the GPU: all of them for `gpu`, some for `partial`, 0 otherwise. */
  gpuLayers: number;
  totalLayers: number;
  /** Largest context that still fits entirely on the GPU; null when even the weights do not. */
  maxGpuContext: number | null;
}

export const GIB = 1024 ** 3;

/** Bytes per KV element: q8_0 and q4_0 carry a scale per 32-element block. */
export const KV_BYTES_PER_ELEMENT: Record<KvCacheType, number> = { f16: 2, q8_0: 1.0625, q4_0: 0.5625 };

/** Fixed runtime cost besides the compute buffer: CUDA/Metal context, graph, allocator slack. */
const RUNTIME_OVERHEAD_BYTES = 0.25 * GIB;
/** llama.cpp's default micro-batch; the compute buffer holds logits for one micro-batch. */
const MICRO_BATCH = 512;
const TYPICAL_VOCAB = 150_000;
/** Contexts are offered in steps a user would type. */
const CONTEXT_STEP = 256;

/** Bits per weight of common GGUF quantizations (gguf-parser: a 7.62B Q4_K_M is 4.91 bpw). */
export const BITS_PER_WEIGHT: Record<string, number> = {
  q4_0: 4.5,
  q4_1: 5,
  q4_k_s: 4.6,
  q4_k_m: 4.9,
  q5_0: 5.5,
  q5_k_s: 5.55,
  q5_k_m: 5.7,
  q6_k: 6.6,
  q8_0: 8.5,
  mxfp4: 4.25,
  f16: 16,
  bf16: 16,
  fp16: 16,
  f32: 32,
};

export function weightsBytesFromParameters(parameterCount: number, quantization: string): number | null {
  const bits = BITS_PER_WEIGHT[quantization.toLowerCase()];
  return bits === undefined ? null : (parameterCount * bits) / 8;
}

export function kvBytesPerToken(shape: ModelShape, options: FitOptions = {}): number {
  const bytes = KV_BYTES_PER_ELEMENT[options.kvCacheType ?? 'f16'];
  return 2 * shape.layers * shape.kvHeads * shape.headDim * bytes * (options.parallel ?? 1);
}

export function overheadBytes(shape: ModelShape): number {
  return (shape.vocabSize ?? TYPICAL_VOCAB) * MICRO_BATCH * 4 + RUNTIME_OVERHEAD_BYTES;
}

/** The largest context (a multiple of 256, at most the model's limit) whose total fits in `bytes`; null if none does. */
export function largestContextWithin(shape: ModelShape, bytes: number, options: FitOptions = {}): number | null {
  const room = bytes - shape.weightsBytes - overheadBytes(shape);
  if (room <= 0) return null;
  const context = Math.min(shape.maxContext, Math.floor(room / kvBytesPerToken(shape, options)));
  const stepped = context === shape.maxContext ? context : Math.floor(context / CONTEXT_STEP) * CONTEXT_STEP;
  return stepped > 0 ? stepped : null;
}

export function estimateFit(shape: ModelShape, context: number, budget: MemoryBudget, options: FitOptions = {}): FitEstimate {
  const kvCacheBytes = kvBytesPerToken(shape, options) * context;
  const overhead = overheadBytes(shape);
  const requiredBytes = shape.weightsBytes + kvCacheBytes + overhead;
  const base = {
    context,
    weightsBytes: shape.weightsBytes,
    kvCacheBytes,
    overheadBytes: overhead,
    requiredBytes,
    totalLayers: shape.layers,
    maxGpuContext: largestContextWithin(shape, budget.gpuBytes, options),
  };
  if (requiredBytes <= budget.gpuBytes) return { ...base, verdict: 'gpu', availableBytes: budget.gpuBytes, gpuLayers: shape.layers };
  if (budget.unifiedMemory) return { ...base, verdict: 'no', availableBytes: budget.gpuBytes, gpuLayers: 0 };

  // Ollama keeps the output layer with the repeating ones, hence layers + 1 weight slices;
  // each offloaded layer also brings its share of the KV cache.
  const perLayerBytes = shape.weightsBytes / (shape.layers + 1) + kvCacheBytes / shape.layers;
  const gpuLayers = Math.max(0, Math.min(shape.layers - 1, Math.floor((budget.gpuBytes - overhead) / perLayerBytes)));
  const combined = budget.gpuBytes + budget.ramBytes;
  if (gpuLayers > 0 && requiredBytes <= combined) return { ...base, verdict: 'partial', availableBytes: combined, gpuLayers };
  if (requiredBytes <= budget.ramBytes) return { ...base, verdict: 'cpu', availableBytes: budget.ramBytes, gpuLayers: 0 };
  return { ...base, verdict: 'no', availableBytes: gpuLayers > 0 ? combined : budget.ramBytes, gpuLayers: 0 };
}

/** Ollama's own smallest default; below it a model is not useful for chat at all. */
const MINIMUM_CONTEXT = 2_048;
/** Beyond this the KV cache costs more than the extra context is usually worth on a desktop. */
export const PREFERRED_MAX_CONTEXT = 65_536;

/**
 * The num_ctx to configure for a model on this machine: as much as fits on the GPU up to
 * PREFERRED_MAX_CONTEXT; when the GPU cannot hold Claude Code's minimum, the minimum anyway
 * if it fits in GPU + RAM (slower, but usable), else whatever fits at all.
 */
export function recommendContext(shape: ModelShape, budget: MemoryBudget, options: FitOptions = {}): number {
  const ceiling = Math.min(shape.maxContext, PREFERRED_MAX_CONTEXT);
  const floor = Math.min(ceiling, CLAUDE_CODE_MIN_CONTEXT);
  const onGpu = largestContextWithin(shape, budget.gpuBytes, options) ?? 0;
  if (onGpu >= floor) return Math.min(ceiling, onGpu);
  const total = budget.unifiedMemory ? budget.gpuBytes : budget.gpuBytes + budget.ramBytes;
  const inMemory = largestContextWithin(shape, total, options) ?? 0;
  return Math.max(MINIMUM_CONTEXT, Math.min(floor, inMemory));
}
