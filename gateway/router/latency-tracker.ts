/**
 * Smoothed latency per deployment for latency-based routing: an exponentially weighted moving
 * average, so one slow response moves the estimate by ALPHA and old samples fade without a
 * window to store. TTFT is preferred because it is what a streaming client waits for.
 */
const ALPHA = 0.3;

interface LatencyEstimate {
  ttftMs: number | undefined;
  latencyMs: number | undefined;
}

const smooth = (previous: number | undefined, sample: number): number => (previous === undefined ? sample : previous + ALPHA * (sample - previous));

export class LatencyTracker {
  private readonly estimates = new Map<string, LatencyEstimate>();

  record(deploymentId: string, latencyMs: number, ttftMs: number | undefined): void {
    let estimate = this.estimates.get(deploymentId);
    if (estimate === undefined) {
      estimate = { ttftMs: undefined, latencyMs: undefined };
      this.estimates.set(deploymentId, estimate);
    }
    estimate.latencyMs = smooth(estimate.latencyMs, latencyMs);
    if (ttftMs !== undefined) estimate.ttftMs = smooth(estimate.ttftMs, ttftMs);
  }

  /** Smoothed TTFT, else smoothed total latency, else undefined (never measured). */
  latencyMs(deploymentId: string): number | undefined {
    const estimate = this.estimates.get(deploymentId);
    return estimate?.ttftMs ?? estimate?.latencyMs;
  }

  ttftMs(deploymentId: string): number | undefined {
    return this.estimates.get(deploymentId)?.ttftMs;
  }
}
