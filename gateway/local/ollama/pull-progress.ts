/**
 * Turns Ollama's per-layer pull lines into one overall progress figure. Ollama reports
 * `completed/total` per digest, one layer after another (and, when several pulls of the
 * same model run, interleaved), so the overall figure is the sum over digests. Speed is
 * measured over a short sliding window of the bytes downloaded during this stream: a layer's
 * first line only sets its baseline, because a resumed blob's first line already counts the
 * parts on disk and a blob another model shares arrives complete at once, and neither is
 * download speed.
 */
import type { OllamaPullLine } from './ollama-api-types.ts';

export interface PullProgress {
  /** Ollama's latest status text ("pulling manifest", "pulling <digest>", "verifying sha256 digest", "success"). */
  status: string;
  completedBytes: number;
  /** Sum of the sizes of the layers seen so far; grows while new layers start. */
  totalBytes: number;
  /** 0..1, or null before any layer size is known. */
  fraction: number | null;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
  layerCount: number;
  done: boolean;
}

interface Sample {
  atMs: number;
  downloadedBytes: number;
}

const SPEED_WINDOW_MS = 5_000;

export class PullProgressTracker {
  private readonly layers = new Map<string, { completed: number; total: number }>();
  private readonly samples: Sample[] = [];
  private status = 'starting';
  private done = false;
  private downloadedBytes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  update(line: OllamaPullLine): PullProgress {
    if (line.status) this.status = line.status;
    if (line.status === 'success') this.done = true;
    if (line.digest && typeof line.total === 'number') {
      const previous = this.layers.get(line.digest);
      const completed = Math.max(previous?.completed ?? 0, line.completed ?? 0);
      if (previous) this.downloadedBytes += completed - previous.completed;
      this.layers.set(line.digest, { completed, total: line.total });
    }
    this.samples.push({ atMs: this.now(), downloadedBytes: this.downloadedBytes });
    while (this.samples.length > 2 && (this.samples[0]?.atMs ?? 0) < this.now() - SPEED_WINDOW_MS) this.samples.shift();
    return this.snapshot();
  }

  snapshot(): PullProgress {
    const { completedBytes, totalBytes } = this.totals();
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    let bytesPerSecond: number | null = null;
    if (first && last && last.atMs > first.atMs) {
      bytesPerSecond = ((last.downloadedBytes - first.downloadedBytes) * 1000) / (last.atMs - first.atMs);
    }
    const remaining = totalBytes - completedBytes;
    const etaSeconds = this.done ? 0 : bytesPerSecond && bytesPerSecond > 0 ? remaining / bytesPerSecond : null;
    return {
      status: this.status,
      completedBytes,
      totalBytes,
      fraction: this.done ? 1 : totalBytes > 0 ? completedBytes / totalBytes : null,
      bytesPerSecond,
      etaSeconds,
      layerCount: this.layers.size,
      done: this.done,
    };
  }

  private totals(): { completedBytes: number; totalBytes: number } {
    let completedBytes = 0;
    let totalBytes = 0;
    for (const layer of this.layers.values()) {
      completedBytes += Math.min(layer.completed, layer.total);
      totalBytes += layer.total;
    }
    return { completedBytes, totalBytes };
  }
}
