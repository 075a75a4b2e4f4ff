/**
 * nvidia-smi is the authority on NVIDIA memory: systeminformation's Windows path reads
 * AdapterRAM, a uint32 that caps at 4 GB, and its Linux path may report PCI apertures.
 */

export const NVIDIA_SMI_ARGS = ['--query-gpu=index,name,memory.total,memory.free,driver_version', '--format=csv,noheader,nounits'];

export interface NvidiaGpuRow {
  index: number;
  name: string;
  memoryTotalBytes: number | null;
  memoryFreeBytes: number | null;
  driverVersion: string | null;
}

const MIB = 1024 * 1024;

/** `[N/A]` and `[Not Supported]` (e.g. unified-memory parts like GB10) mean unknown. */
function mebibytesOrNull(field: string | undefined): number | null {
  const trimmed = (field ?? '').trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * MIB);
}

/** Parses the output of `nvidia-smi` run with NVIDIA_SMI_ARGS (values in MiB). */
export function parseNvidiaSmiCsv(output: string): NvidiaGpuRow[] {
  const rows: NvidiaGpuRow[] = [];
  for (const line of output.split(/\r?\n/)) {
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length < 5 || !/^\d+$/.test(fields[0] ?? '')) continue;
    const driver = fields[4] ?? '';
    rows.push({
      index: Number(fields[0]),
      name: fields[1] ?? '',
      memoryTotalBytes: mebibytesOrNull(fields[2]),
      memoryFreeBytes: mebibytesOrNull(fields[3]),
      driverVersion: driver === '' || driver.startsWith('[') ? null : driver,
    });
  }
  return rows;
}
