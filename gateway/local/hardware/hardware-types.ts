/** What the hardware probe reports. Every figure that other code decides on says where it came from. */

export type FigureSource =
  | 'systeminformation'
  | 'nvidia-smi'
  | 'amd-sysfs'
  /** Apple Silicon: a fraction of unified RAM, Metal's recommendedMaxWorkingSetSize rule. */
  | 'apple-unified-memory'
  | 'unknown';

export interface Figure<T> {
  value: T;
  source: FigureSource;
}

/** The runtime Ollama would use on this GPU; `none` means Ollama will not offload to it. */
export type GpuBackend = 'cuda' | 'rocm' | 'metal' | 'vulkan' | 'none';

export interface GpuInfo {
  vendor: string;
  model: string;
  backend: GpuBackend;
  vramTotalBytes: Figure<number | null>;
  vramFreeBytes: Figure<number | null>;
  driverVersion: Figure<string | null>;
  /** Shares system RAM (Apple Silicon, integrated graphics). */
  unifiedMemory: boolean;
}

export interface HardwareSnapshot {
  probedAt: number;
  os: { platform: string; distro: string; release: string; arch: string };
  cpu: { model: string; physicalCores: number; threads: number; performanceCores: number | null; efficiencyCores: number | null };
  ram: { totalBytes: Figure<number>; availableBytes: Figure<number> };
  gpus: GpuInfo[];
  /** Apple Silicon: GPU and CPU share RAM, so RAM is never counted on top of the GPU budget. */
  unifiedMemory: boolean;
  /** What model weights and KV cache may occupy on GPUs Ollama can use (free VRAM, or the unified-memory share). */
  usableGpuBytes: Figure<number>;
  /** Caveats a user should see, e.g. "VRAM may be capped at 4 GB by Windows' AdapterRAM". */
  notes: string[];
}
