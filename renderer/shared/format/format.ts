import type { Price } from '../../../gateway/admin/contract.ts';

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatUsd(value: number): string {
  if (value === 0) return '$0';
  // A handful of tokens on a cheap model costs a few millionths of a dollar: "$0.0000" would read as free.
  if (Math.abs(value) < 0.0001) return '<$0.0001';
  if (Math.abs(value) < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

/** A list price in USD per million tokens, e.g. `$0.8 / $4`: exact to the cent-fraction, without float noise. A dash when unknown. */
export function formatPricePerMillion(price: Price | null): string {
  if (price === null || price.inputPerMillion === null || price.outputPerMillion === null) return '—';
  if (price.inputPerMillion === 0 && price.outputPerMillion === 0) return 'free';
  // Prices arrive as per-token cost × 10⁶, so 8e-7 becomes 0.7999999999999999; 6 significant digits keep $0.075 and drop the noise.
  const usd = (value: number): string => `$${Number(value.toPrecision(6))}`;
  return `${usd(price.inputPerMillion)} / ${usd(price.outputPerMillion)}`;
}

/** A configured per-search price, e.g. `+ $0.01 / web search`; null when there is none to show (unknown, or free). */
export function formatWebSearchPrice(price: Price | null): string | null {
  if (price === null || price.perWebSearch === null || price.perWebSearch === 0) return null;
  return `+ $${Number(price.perWebSearch.toPrecision(6))} / web search`;
}

export const formatCount = (value: number): string => (Math.abs(value) >= 10_000 ? compact.format(value) : integer.format(value));

/**
 * Context windows: 40k, 128k, 200k, 1M. Each is named in the unit it was sized in: Ollama's
 * 131072 is "128K" on ollama.com, Claude's 200000 is "200K" in Anthropic's docs.
 */
export function formatTokenCount(tokens: number): string {
  const k = tokens % 1000 !== 0 && tokens % 1024 === 0 ? 1024 : 1000;
  if (tokens >= k * k) return `${Number((tokens / (k * k)).toFixed(1))}M`;
  return `${Math.round(tokens / k)}k`;
}

export function formatRate(value: number): string {
  return value >= 100 ? integer.format(value) : value.toFixed(1);
}

/** Binary units, named as such: Ollama's own CLI prints decimal GB, so "GB" here would be read as 10⁹ and look ~7% small. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 10 || unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** The memory models can use on a GPU; none means they run on the CPU, which "0 B on GPU" did not say. */
export function formatGpuMemory(bytes: number): string {
  return bytes === 0 ? 'no GPU memory: models run on the CPU' : `${formatBytes(bytes)} on GPU`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${Math.floor(seconds % 60)}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3600)}h`;
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

export function formatDateTime(at: number): string {
  const date = new Date(at);
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${date.toLocaleTimeString(undefined, { hour12: false })}`;
}
