/**
 * Prometheus metrics for /metrics. This folder is the only prom-client importer (R5), and the
 * registry is our own rather than prom-client's global one, so tests and a reloaded gateway
 * never collide over metric names. Names follow Prometheus conventions (`_total` counters,
 * base units: seconds, USD) with LiteLLM's vocabulary where it has one (litellm.md §3).
 * Everything the hot path records is plain numbers (request-series.ts, scraped-metric.ts);
 * gauges about deployments are read at scrape time from an injected sampler.
 */
import type * as PromClient from 'prom-client';
import type { Metric, Registry } from 'prom-client';
import { RequestSeries, type RequestLabels, type RequestOutcome } from './request-series.ts';
import { LabelledCounter } from './scraped-metric.ts';

export type { RequestLabels, RequestOutcome } from './request-series.ts';

export interface DeploymentGaugeSample extends RequestLabels {
  inFlight: number;
  coolingDown: boolean;
}

export interface GatewayMetricsOptions {
  /** Read at scrape time for the in-flight and cooldown gauges (e.g. from router.snapshot()). */
  sampleDeployments?: () => Iterable<DeploymentGaugeSample>;
  /** Process metrics (CPU, memory, event loop lag) as well. */
  includeProcessMetrics?: boolean;
}

/**
 * prom-client's default gauges that end in `_total`, which `promtool check metrics` rejects;
 * the per-type gauges without the suffix carry the same numbers.
 */
const PROMTOOL_REJECTED_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

const REQUEST_LABELS = ['route', 'group', 'deployment'] as const;

export class GatewayMetrics {
  readonly #options: GatewayMetricsOptions;
  readonly #requestSeries = new RequestSeries();
  readonly #retries = new LabelledCounter(['group', 'deployment'] as const);
  readonly #fallbacks = new LabelledCounter(['from_group', 'to_group', 'reason'] as const);
  readonly #cacheLookups = new LabelledCounter(['result'] as const);
  #registry: Promise<Registry> | undefined;
  /** The deployment sample of the scrape in progress: both deployment gauges read one router snapshot. */
  #scrapeSample: readonly DeploymentGaugeSample[] | undefined;

  constructor(options: GatewayMetricsOptions = {}) {
    this.#options = options;
  }

  /** One call per finished request (success or failure), after the last byte. */
  recordRequest(outcome: RequestOutcome): void {
    this.#requestSeries.record(outcome);
  }

  recordRetry(group: string, deployment: string): void {
    this.#retries.inc({ group, deployment });
  }

  recordFallback(fromGroup: string, toGroup: string, reason: string): void {
    this.#fallbacks.inc({ from_group: fromGroup, to_group: toGroup, reason });
  }

  recordCacheLookup(hit: boolean): void {
    this.#cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
  }

  /** The exposition and its content type, for GET /metrics. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const registry = await this.registry();
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  /**
   * prom-client and the process metrics are loaded with the first scrape, not at startup: a
   * gateway nobody scrapes never holds them (about 11 MiB of RSS in isolation). The process
   * metrics' own histograms (GC, event-loop lag) therefore start counting at the first scrape.
   */
  registry(): Promise<Registry> {
    this.#registry ??= import('prom-client').then((promClient) => this.#buildRegistry(promClient));
    return this.#registry;
  }

  #buildRegistry(promClient: typeof PromClient): Registry {
    const registry = new promClient.Registry();
    const registers = [registry];
    const scraped = [
      ...this.#requestSeries.metrics(),
      this.#retries.metric('gatehouse_retries_total', 'Attempts retried after a failure, by the deployment that failed.'),
      this.#fallbacks.metric('gatehouse_fallbacks_total', 'Switches to a fallback group.'),
      this.#cacheLookups.metric('gatehouse_cache_lookups_total', 'Response cache lookups by result: hit or miss.'),
    ];
    // The registry reads a metric through get()/reset() only; these implement exactly that.
    for (const metric of scraped) registry.registerMetric(metric as unknown as Metric);
    const sampleDeployments = this.#options.sampleDeployments;
    if (sampleDeployments !== undefined) {
      // The registry starts every metric's collect() in one synchronous pass, so a sample kept
      // until the next microtask serves exactly one scrape.
      const sample = () => {
        if (this.#scrapeSample === undefined) {
          this.#scrapeSample = [...sampleDeployments()];
          queueMicrotask(() => (this.#scrapeSample = undefined));
        }
        return this.#scrapeSample;
      };
      new promClient.Gauge({
        name: 'gatehouse_in_flight_requests', help: 'Requests being served now.', labelNames: REQUEST_LABELS, registers,
        collect() {
          this.reset();
          for (const deployment of sample()) this.set({ route: deployment.route, group: deployment.group, deployment: deployment.deployment }, deployment.inFlight);
        },
      });
      new promClient.Gauge({
        name: 'gatehouse_cooldowns_active', help: 'Deployments cooling down after failures.', registers,
        collect() {
          let active = 0;
          for (const deployment of sample()) if (deployment.coolingDown) active += 1;
          this.set(active);
        },
      });
    }
    if (this.#options.includeProcessMetrics === true) {
      promClient.collectDefaultMetrics({ register: registry, prefix: 'gatehouse_' });
      for (const name of PROMTOOL_REJECTED_DEFAULTS) registry.removeSingleMetric(`gatehouse_${name}`);
    }
    return registry;
  }
}
