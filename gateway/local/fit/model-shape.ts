/**
 * Reads the fit-relevant shape of a model from /api/show `model_info` (GGUF metadata keys
 * prefixed by the architecture), and derives the memory budget from a hardware snapshot.
 */
import type { OllamaShowResponse } from '../ollama/ollama-api-types.ts';
import type { HardwareSnapshot } from '../hardware/hardware-types.ts';
import { GIB, weightsBytesFromParameters, type MemoryBudget, type ModelShape } from './estimate-fit.ts';

/** RAM left for the OS, the browser and the editor while a model runs on the CPU. */
export const RAM_HEADROOM_BYTES = 3 * GIB;

const numberAt = (info: Record<string, unknown>, key: string): number | null => {
  const value = info[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // Models with per-layer head counts (e.g. some hybrids) store an array; the largest bounds the cache.
  if (Array.isArray(value)) {
    const numbers = value.filter((item): item is number => typeof item === 'number');
    return numbers.length > 0 ? Math.max(...numbers) : null;
  }
  return null;
};

/**
 * @param weightsBytes the model's size from /api/tags, which beats any estimate from the parameter count.
 * @returns null when model_info lacks the keys the estimate needs (Ollama omits them for some formats).
 */
export function shapeFromShow(show: OllamaShowResponse, weightsBytes?: number): ModelShape | null {
  const info = show.model_info ?? {};
  const architecture = info['general.architecture'];
  if (typeof architecture !== 'string') return null;
  const key = (suffix: string) => numberAt(info, `${architecture}.${suffix}`);
  const layers = key('block_count');
  const heads = key('attention.head_count');
  const kvHeads = key('attention.head_count_kv') ?? heads;
  const embedding = key('embedding_length');
  const headDim = key('attention.key_length') ?? (embedding !== null && heads ? embedding / heads : null);
  const maxContext = key('context_length');
  const parameters = numberAt(info, 'general.parameter_count');
  const quantization = show.details?.quantization_level;
  const weights = weightsBytes ?? (parameters !== null && quantization ? weightsBytesFromParameters(parameters, quantization) : null);
  if (layers === null || kvHeads === null || headDim === null || maxContext === null || weights === null) return null;
  const vocabSize = key('vocab_size') ?? (Array.isArray(info['tokenizer.ggml.tokens']) ? (info['tokenizer.ggml.tokens'] as unknown[]).length : null);
  return { weightsBytes: weights, layers, kvHeads, headDim, maxContext, ...(vocabSize ? { vocabSize } : {}) };
}

/** The budget the estimator judges against; `gpuBytesOverride` is the user's manual VRAM figure. */
export function budgetFromHardware(hardware: HardwareSnapshot, gpuBytesOverride?: number): MemoryBudget {
  return {
    gpuBytes: gpuBytesOverride ?? hardware.usableGpuBytes.value,
    ramBytes: Math.max(0, hardware.ram.availableBytes.value - RAM_HEADROOM_BYTES),
    unifiedMemory: hardware.unifiedMemory,
  };
}
