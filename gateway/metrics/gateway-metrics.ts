/**
 * Prometheus metrics for /metrics. This folder is the only prom-client importer (R5), and the
 * registry is our own rather than prom-client's global one, so tests and a reloaded gateway
 * never collide over metric names. Names follow Prometheus conventions (`_total` counters,
 * base units: seconds, USD) with LiteLLM's vocabulary where it has one (litellm.md §3).
 * Gauges about deployments are read at scrape time from an injected sampler, so the hot
 * path never touches them.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { RequestSeries, type RequestLabels, type RequestOutcome } from './request-series.ts';

/** Seconds; LLM calls range from a 100 ms cache hit to a 10-minute agent turn. */
const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300, 600];
/** Seconds; first tokens come in tens of ms from a warm local model and in tens of seconds from a cold one. */
const TTFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20, 60];

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
  readonly registry = new Registry();
  private readonly requestSeries = new RequestSeries(LATENCY_BUCKETS, TTFT_BUCKETS);
  private readonly retries: Counter<'group' | 'deployment'>;
  private readonly fallbacks: Counter<'from_group' | 'to_group' | 'reason'>;
  private readonly cacheLookups: Counter<'result'>;
  /** The deployment sample of the scrape in progress: both deployment gauges read one router snapshot. */
  #scrapeSample: readonly DeploymentGaugeSample[] | undefined;

  constructor(options: GatewayMetricsOptions = {}) {
    const registers = [this.registry];
    const perRequest = this.requestSeries.metrics(
      { requests: 'gatehouse_requests_total', latency: 'gatehouse_request_duration_seconds', ttft: 'gatehouse_time_to_first_token_seconds', tokens: 'gatehouse_tokens_total', spend: 'gatehouse_spend_usd_total' },
      { requests: 'Proxy requests by outcome.', latency: 'Time from request to last byte.', ttft: 'Time from request to the first content token.', tokens: 'Tokens by kind: input, output, cache_read, cache_creation.', spend: 'Spend in US dollars.' },
    );
    // The registry reads a metric through get()/reset() only; these implement exactly that.
    for (const metric of perRequest) this.registry.registerMetric(metric as unknown as Metric);
    this.retries = new Counter({ name: 'gatehouse_retries_total', help: 'Attempts retried after a failure, by the deployment that failed.', labelNames: ['group', 'deployment'], registers });
    this.fallbacks = new Counter({ name: 'gatehouse_fallbacks_total', help: 'Switches to a fallback group.', labelNames: ['from_group', 'to_group', 'reason'], registers });
    this.cacheLookups = new Counter({ name: 'gatehouse_cache_lookups_total', help: 'Response cache lookups by result: hit or miss.', labelNames: ['result'], registers });
    const sampleDeployments = options.sampleDeployments;
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
      new Gauge({
        name: 'gatehouse_in_flight_requests', help: 'Requests being served now.', labelNames: REQUEST_LABELS, registers,
        collect() {
          this.reset();
          for (const deployment of sample()) this.set({ route: deployment.route, group: deployment.group, deployment: deployment.deployment }, deployment.inFlight);
        },
      });
      new Gauge({
        name: 'gatehouse_cooldowns_active', help: 'Deployments cooling down after failures.', registers,
        collect() {
          let active = 0;
          for (const deployment of sample()) if (deployment.coolingDown) active += 1;
          this.set(active);
        },
      });
    }
    if (options.includeProcessMetrics === true) {
      collectDefaultMetrics({ register: this.registry, prefix: 'gatehouse_' });
      for (const name of PROMTOOL_REJECTED_DEFAULTS) this.registry.removeSingleMetric(`gatehouse_${name}`);
    }
  }

  /** One call per finished request (success or failure), after the last byte. */
  recordRequest(outcome: RequestOutcome): void {
    this.requestSeries.record(outcome);
  }

  recordRetry(group: string, deployment: string): void {
    this.retries.inc({ group, deployment });
  }

  recordFallback(fromGroup: string, toGroup: string, reason: string): void {
    this.fallbacks.inc({ from_group: fromGroup, to_group: toGroup, reason });
  }

  recordCacheLookup(hit: boolean): void {
    this.cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
