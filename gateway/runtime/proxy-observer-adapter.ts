import type { AdminEvent, RequestStartEvent } from '../admin/contract.ts';
import { toLogEntry } from '../admin/to-log-entry.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { LiveEventBus } from '../metrics/event-bus.ts';
import type { ProxyObserver } from '../proxy/proxy-observer.ts';

/**
 * Turns what the proxy reports into live dashboard events and Prometheus samples. Events are
 * only built when someone listens (an open dashboard); metrics are always kept.
 */
export function createProxyObserver(events: LiveEventBus<AdminEvent>, metrics: GatewayMetrics): ProxyObserver & { inFlight(): RequestStartEvent[]; idle(timeoutMs: number): Promise<void> } {
  const inFlight = new Map<string, RequestStartEvent>();
  let waiters: (() => void)[] = [];
  return {
    inFlight: () => [...inFlight.values()],
    /** Resolves once every started request has ended (so has handed its record to the store), or after timeoutMs. */
    idle(timeoutMs) {
      if (inFlight.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, timeoutMs).unref();
      });
    },
    requestStarted(info) {
      const start: RequestStartEvent = { type: 'request.start', id: info.id, model: info.model, group: null, route: null, deployment: null, protocol: info.clientProtocol, stream: info.stream, at: info.at };
      inFlight.set(info.id, start);
    },
    attemptStarted(info) {
      const start = inFlight.get(info.id);
      if (!start) return;
      const previous = { group: start.group, deployment: start.deployment };
      start.group = info.group;
      start.route = info.route;
      start.deployment = info.deploymentId;
      // Retries are counted against the deployment that failed; fallbacks by the groups they link.
      if (previous.group !== null && previous.deployment !== null) {
        if (info.reason === 'retry' || info.reason === 'next_deployment') metrics.recordRetry(previous.group, previous.deployment);
        else metrics.recordFallback(previous.group, info.group, info.reason);
      }
      if (events.hasListeners) events.emit({ ...start });
    },
    cacheLookup(hit) {
      metrics.recordCacheLookup(hit);
    },
    attemptFailed() {},
    firstToken(id, at) {
      if (events.hasListeners) events.emit({ type: 'request.first_token', id, at });
    },
    progress(id, outputTokens, at) {
      if (events.hasListeners) events.emit({ type: 'request.progress', id, outputTokens, at });
    },
    requestEnded(record) {
      inFlight.delete(record.id);
      if (inFlight.size === 0 && waiters.length > 0) {
        for (const resolve of waiters) resolve();
        waiters = [];
      }
      metrics.recordRequest({
        route: record.route ?? 'none',
        group: record.group ?? 'none',
        deployment: record.deploymentId ?? 'none',
        status: record.status,
        errorType: record.errorType ?? 'none',
        latencySeconds: record.latencyMs / 1000,
        ttftSeconds: record.ttftMs === null ? undefined : record.ttftMs / 1000,
        inputTokens: record.inputTokens,
        outputTokens: record.outputTokens,
        cacheReadTokens: record.cacheReadTokens,
        cacheCreationTokens: record.cacheWriteTokens,
        costUsd: record.costUsd,
      });
      if (events.hasListeners) {
        const entry = toLogEntry(record);
        events.emit({ ...entry, type: 'request.end', startedAt: record.startedAt, at: Date.now() });
      }
    },
  };
}
