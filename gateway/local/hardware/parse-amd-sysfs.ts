/**
 * The amdgpu driver exposes real VRAM figures in sysfs; systeminformation instead reads lspci,
 * which reports the PCI BAR aperture (often 256 MB) rather than VRAM.
 */

export const AMD_PCI_VENDOR_ID = '0x1002';

/** The raw text of one card's files under /sys/class/drm/cardN/device/. */
export interface AmdSysfsCardFiles {
  card: string;
  vendor: string | null;
  vramTotal: string | null;
  vramUsed: string | null;
}

export interface AmdGpuMemory {
  card: string;
  vramTotalBytes: number;
  vramFreeBytes: number | null;
}

const bytesOrNull = (text: string | null): number | null => {
  const trimmed = (text ?? '').trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
};

export function parseAmdSysfs(cards: AmdSysfsCardFiles[]): AmdGpuMemory[] {
  const result: AmdGpuMemory[] = [];
  for (const card of cards) {
    if (card.vendor !== null && card.vendor.trim().toLowerCase() !== AMD_PCI_VENDOR_ID) continue;
    const total = bytesOrNull(card.vramTotal);
    if (total === null || total === 0) continue;
    const used = bytesOrNull(card.vramUsed);
    result.push({ card: card.card, vramTotalBytes: total, vramFreeBytes: used === null ? null : Math.max(0, total - used) });
  }
  return result.sort((left, right) => left.card.localeCompare(right.card, 'en', { numeric: true }));
}
