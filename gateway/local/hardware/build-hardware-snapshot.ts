/**
 * Combines systeminformation's view with the vendor sources that correct it
 * (reference/desktop.md §5). Pure: the probe gathers the raw inputs, this decides.
 */
import type { Systeminformation } from 'systeminformation';
import type { AmdGpuMemory } from './parse-amd-sysfs.ts';
import type { NvidiaGpuRow } from './parse-nvidia-smi.ts';
import type { Figure, GpuBackend, GpuInfo, HardwareSnapshot } from './hardware-types.ts';

/**
 * Share of unified memory Metal lets the GPU use (recommendedMaxWorkingSetSize): about 70% on
 * a 32 GB M1 Max, 75% (96 of 128 GB) on large machines.
 */
export function appleUsableFraction(totalBytes: number): number {
  return totalBytes >= 64 * 1024 ** 3 ? 0.75 : 0.7;
}

export interface HardwareInputs {
  cpu: Pick<Systeminformation.CpuData, 'manufacturer' | 'brand' | 'physicalCores' | 'cores' | 'performanceCores' | 'efficiencyCores'>;
  mem: Pick<Systeminformation.MemData, 'total' | 'available'>;
  graphics: { controllers: Array<Pick<Systeminformation.GraphicsControllerData, 'vendor' | 'model' | 'vram' | 'vramDynamic'> & Partial<Systeminformation.GraphicsControllerData>> };
  osInfo: Pick<Systeminformation.OsData, 'platform' | 'distro' | 'release' | 'arch'>;
  /** Rows from nvidia-smi, or null when it is not installed. */
  nvidia: NvidiaGpuRow[] | null;
  amd: AmdGpuMemory[] | null;
  probedAt: number;
}

type Vendor = 'nvidia' | 'amd' | 'apple' | 'intel' | 'other';

const MB = 1024 * 1024;
/** Windows' AdapterRAM is a uint32: any card with more memory reads as about 4 GB. */
const ADAPTER_RAM_CAP_MB = 4095;
/** Ollama takes a Radeon with less VRAM than this for an integrated GPU and skips it (discover: IGPUMemLimit). */
const AMD_IGPU_VRAM_LIMIT_BYTES = 1024 ** 3;

function vendorOf(controller: { vendor: string; model: string; vendorId?: string }): Vendor {
  const text = `${controller.vendor} ${controller.model}`.toLowerCase();
  const id = (controller.vendorId ?? '').toLowerCase();
  if (text.includes('nvidia') || id.endsWith('10de')) return 'nvidia';
  if (text.includes('advanced micro') || /\bamd\b|\bati\b|radeon/.test(text) || id.endsWith('1002')) return 'amd';
  if (text.includes('apple') || id === '0x106b') return 'apple';
  if (text.includes('intel') || id.endsWith('8086')) return 'intel';
  return 'other';
}

const known = <T>(value: T, source: Figure<T>['source']): Figure<T> => ({ value, source });
const unknown = (): Figure<null> => ({ value: null, source: 'unknown' });

function fromSysteminformation(controller: HardwareInputs['graphics']['controllers'][number], vendor: Vendor, platform: string): GpuInfo {
  const backend: GpuBackend = vendor === 'nvidia' ? 'cuda' : vendor === 'amd' ? 'rocm' : vendor === 'apple' ? 'metal' : controller.vramDynamic ? 'none' : 'vulkan';
  const siTotalMb = controller.memoryTotal ?? controller.vram;
  const siFreeMb = controller.memoryFree;
  return {
    vendor: controller.vendor,
    model: controller.model,
    backend,
    vramTotalBytes: typeof siTotalMb === 'number' && siTotalMb > 0 ? known(siTotalMb * MB, 'systeminformation') : unknown(),
    vramFreeBytes: typeof siFreeMb === 'number' ? known(siFreeMb * MB, 'systeminformation') : unknown(),
    driverVersion: controller.driverVersion ? known(controller.driverVersion, 'systeminformation') : unknown(),
    unifiedMemory: vendor === 'apple' || (platform !== 'darwin' && controller.vramDynamic === true),
  };
}

function nvidiaGpu(row: NvidiaGpuRow, base: GpuInfo | undefined): GpuInfo {
  return {
    vendor: base?.vendor ?? 'NVIDIA',
    model: row.name || base?.model || 'NVIDIA GPU',
    backend: 'cuda',
    vramTotalBytes: row.memoryTotalBytes === null ? (base?.vramTotalBytes ?? unknown()) : known(row.memoryTotalBytes, 'nvidia-smi'),
    vramFreeBytes: row.memoryFreeBytes === null ? (base?.vramFreeBytes ?? unknown()) : known(row.memoryFreeBytes, 'nvidia-smi'),
    driverVersion: row.driverVersion === null ? (base?.driverVersion ?? unknown()) : known(row.driverVersion, 'nvidia-smi'),
    unifiedMemory: false,
  };
}

function amdGpu(memory: AmdGpuMemory, base: GpuInfo | undefined): GpuInfo {
  return {
    vendor: base?.vendor ?? 'AMD',
    model: base?.model ?? `AMD GPU (${memory.card})`,
    backend: memory.vramTotalBytes < AMD_IGPU_VRAM_LIMIT_BYTES ? 'none' : 'rocm',
    vramTotalBytes: known(memory.vramTotalBytes, 'amd-sysfs'),
    vramFreeBytes: memory.vramFreeBytes === null ? unknown() : known(memory.vramFreeBytes, 'amd-sysfs'),
    driverVersion: base?.driverVersion ?? unknown(),
    unifiedMemory: false,
  };
}

/**
 * Replaces the vendor's controllers with the authoritative rows, matched in order (both list
 * by PCI bus). Rows beyond the controllers are GPUs systeminformation missed, as in containers.
 */
function correctVendor<Row>(gpus: Array<{ gpu: GpuInfo; vendor: Vendor }>, vendor: Vendor, rows: Row[] | null, correct: (row: Row, base: GpuInfo | undefined) => GpuInfo) {
  if (rows === null || rows.length === 0) return gpus;
  const others = gpus.filter((entry) => entry.vendor !== vendor);
  const ofVendor = gpus.filter((entry) => entry.vendor === vendor && !entry.gpu.unifiedMemory);
  const corrected = rows.map((row, index) => ({ gpu: correct(row, ofVendor[index]?.gpu), vendor }));
  return [...corrected, ...others, ...ofVendor.slice(rows.length)];
}

export function buildHardwareSnapshot(inputs: HardwareInputs): HardwareSnapshot {
  const platform = inputs.osInfo.platform;
  const notes: string[] = [];
  let gpus = inputs.graphics.controllers
    .filter((controller) => controller.model || controller.vendor)
    .map((controller) => {
      const vendor = vendorOf(controller);
      return { gpu: fromSysteminformation(controller, vendor, platform), vendor };
    });
  gpus = correctVendor(gpus, 'nvidia', inputs.nvidia, nvidiaGpu);
  gpus = correctVendor(gpus, 'amd', inputs.amd, amdGpu);

  const unifiedMemory = gpus.some((entry) => entry.vendor === 'apple');
  const appleBudget = Math.floor(inputs.mem.total * appleUsableFraction(inputs.mem.total));
  for (const entry of gpus) {
    if (entry.vendor === 'apple') {
      entry.gpu.vramTotalBytes = known(appleBudget, 'apple-unified-memory');
      entry.gpu.vramFreeBytes = known(appleBudget, 'apple-unified-memory');
    }
    const totalMb = (entry.gpu.vramTotalBytes.value ?? 0) / MB;
    if (platform === 'Windows' && entry.gpu.vramTotalBytes.source === 'systeminformation' && totalMb >= ADAPTER_RAM_CAP_MB - 1 && totalMb <= ADAPTER_RAM_CAP_MB + 1) {
      notes.push(`${entry.gpu.model}: Windows reports about 4 GB of VRAM, which may be a cap (AdapterRAM is 32-bit); the real figure may be higher.`);
    }
    if (entry.vendor === 'amd' && entry.gpu.vramTotalBytes.source === 'amd-sysfs' && entry.gpu.backend === 'none') {
      notes.push(`${entry.gpu.model}: an integrated Radeon with a small VRAM carve-out; Ollama does not offload to it, so it adds nothing to the GPU budget.`);
    }
    if (entry.vendor === 'amd' && entry.gpu.vramTotalBytes.source === 'systeminformation' && platform === 'linux') {
      notes.push(`${entry.gpu.model}: VRAM comes from lspci, which may show the PCI aperture rather than the memory size.`);
    }
  }

  const offloadable = gpus.map((entry) => entry.gpu).filter((gpu) => gpu.backend === 'cuda' || gpu.backend === 'rocm' || gpu.backend === 'metal');
  let usableGpuBytes: Figure<number> = known(0, 'unknown');
  if (offloadable.length > 0) {
    // Free VRAM is the budget; a card whose free figure is unknown contributes its total.
    const figures = offloadable.map((gpu) => (gpu.vramFreeBytes.value !== null ? gpu.vramFreeBytes : gpu.vramTotalBytes));
    const sum = figures.reduce((total, figure) => total + (figure.value ?? 0), 0);
    usableGpuBytes = known(sum, figures.find((figure) => figure.value !== null)?.source ?? 'unknown');
  } else if (gpus.length === 0) {
    notes.push('No GPU found: models run on the CPU from system RAM.');
  } else {
    notes.push('No GPU Ollama can offload to (NVIDIA, AMD or Apple): models run on the CPU from system RAM.');
  }

  return {
    probedAt: inputs.probedAt,
    os: { platform, distro: inputs.osInfo.distro, release: inputs.osInfo.release, arch: inputs.osInfo.arch },
    cpu: {
      model: [inputs.cpu.manufacturer, inputs.cpu.brand].filter(Boolean).join(' ').trim() || 'unknown CPU',
      physicalCores: inputs.cpu.physicalCores,
      threads: inputs.cpu.cores,
      performanceCores: inputs.cpu.performanceCores ?? null,
      efficiencyCores: inputs.cpu.efficiencyCores ?? null,
    },
    ram: { totalBytes: known(inputs.mem.total, 'systeminformation'), availableBytes: known(inputs.mem.available, 'systeminformation') },
    gpus: gpus.map((entry) => entry.gpu),
    unifiedMemory,
    usableGpuBytes,
    notes,
  };
}
