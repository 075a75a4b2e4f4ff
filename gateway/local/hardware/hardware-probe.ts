/**
 * Gathers the raw inputs (systeminformation, nvidia-smi, amdgpu sysfs) and caches the
 * snapshot: systeminformation costs tens of milliseconds on Linux and seconds on Windows,
 * where it drives PowerShell, so the probe runs once and again only on demand.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { GatewayError } from '../../errors/index.ts';
import { buildHardwareSnapshot, type HardwareInputs } from './build-hardware-snapshot.ts';
import type { HardwareSnapshot } from './hardware-types.ts';
import { parseAmdSysfs, type AmdSysfsCardFiles } from './parse-amd-sysfs.ts';
import { NVIDIA_SMI_ARGS, parseNvidiaSmiCsv } from './parse-nvidia-smi.ts';

const NVIDIA_SMI_TIMEOUT_MS = 5_000;
/**
 * systeminformation runs its tools (system_profiler, lspci, PowerShell) without a timeout, and
 * one that hangs leaves its promise pending for ever (HeroicGamesLauncher #2562). Windows takes
 * up to about 5 s when healthy.
 */
const PROBE_TIMEOUT_MS = 20_000;

export function runNvidiaSmi(binary = 'nvidia-smi'): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(binary, NVIDIA_SMI_ARGS, { timeout: NVIDIA_SMI_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      resolve(error ? null : stdout);
    });
  });
}

const readOrNull = (filePath: string) => readFile(filePath, 'utf8').catch(() => null);

/** Reads cardN/device/{vendor,mem_info_vram_total,mem_info_vram_used}; connector entries (card0-DP-1) are skipped. */
export async function readAmdSysfsCards(drmRoot = '/sys/class/drm'): Promise<AmdSysfsCardFiles[]> {
  const entries = await readdir(drmRoot).catch(() => [] as string[]);
  const cards = entries.filter((entry) => /^card\d+$/.test(entry));
  return Promise.all(cards.map(async (card) => {
    const device = path.join(drmRoot, card, 'device');
    const [vendor, vramTotal, vramUsed] = await Promise.all([
      readOrNull(path.join(device, 'vendor')),
      readOrNull(path.join(device, 'mem_info_vram_total')),
      readOrNull(path.join(device, 'mem_info_vram_used')),
    ]);
    return { card, vendor, vramTotal, vramUsed };
  }));
}

export async function gatherHardwareInputs(now: () => number = Date.now): Promise<HardwareInputs> {
  // Loaded on first probe: it costs ~10 MiB of memory, and a gateway that never opens the
  // Models page never needs it.
  const { default: si } = await import('systeminformation');
  const [cpu, mem, graphics, osInfo, nvidiaOutput, amdCards] = await Promise.all([
    si.cpu(),
    si.mem(),
    si.graphics(),
    si.osInfo(),
    runNvidiaSmi(),
    process.platform === 'linux' ? readAmdSysfsCards() : Promise.resolve([]),
  ]);
  const amd = parseAmdSysfs(amdCards);
  return {
    cpu,
    mem,
    graphics,
    osInfo,
    nvidia: nvidiaOutput === null ? null : parseNvidiaSmiCsv(nvidiaOutput),
    amd: amd.length > 0 ? amd : null,
    probedAt: now(),
  };
}

export class HardwareProbe {
  private cached: Promise<HardwareSnapshot> | undefined;

  constructor(
    private readonly gather: () => Promise<HardwareInputs> = gatherHardwareInputs,
    private readonly timeoutMs = PROBE_TIMEOUT_MS,
  ) {}

  /** The cached snapshot, probing on first use; concurrent callers share one probe. */
  get(): Promise<HardwareSnapshot> {
    this.cached ??= this.probe();
    return this.cached;
  }

  refresh(): Promise<HardwareSnapshot> {
    this.cached = this.probe();
    return this.cached;
  }

  private probe(): Promise<HardwareSnapshot> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new GatewayError('gateway_unavailable', 503,
        `The hardware probe did not finish within ${Math.round(this.timeoutMs / 1000)} s: a system tool it runs (lspci, nvidia-smi, system_profiler or PowerShell) seems to hang. Try again later.`)), this.timeoutMs);
    });
    const running = Promise.race([this.gather(), deadline]).finally(() => clearTimeout(timer)).then(buildHardwareSnapshot);
    // A failed probe must not stay cached: the next call tries again.
    running.catch(() => {
      if (this.cached === running) this.cached = undefined;
    });
    return running;
  }
}
