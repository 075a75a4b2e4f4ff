/**
 * Metrics kept as plain numbers by the gateway and read by prom-client's Registry only when
 * /metrics is scraped. The registry formats what a metric's get() returns and calls reset();
 * nothing else, so these objects are all it needs, and prom-client itself can stay unloaded
 * until the first scrape.
 */

/** One exposition line's worth, as prom-client's registry formats it. */
export interface SeriesSample {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

export type ScrapedMetricType = 'counter' | 'histogram';

/** What prom-client's Registry reads from a registered metric. */
export interface ScrapedMetric {
  name: string;
  help: string;
  type: ScrapedMetricType;
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: ScrapedMetricType; aggregator: 'sum'; values: SeriesSample[] }>;
  reset(): void;
}

export function scrapedMetric(name: string, help: string, type: ScrapedMetricType, values: () => SeriesSample[], reset: () => void): ScrapedMetric {
  return { name, help, type, aggregator: 'sum', get: async () => ({ name, help, type, aggregator: 'sum', values: values() }), reset };
}

/** A counter for events rarer than requests (retries, fallbacks, cache lookups), by label values. */
export class LabelledCounter<Label extends string> {
  readonly #counts = new Map<string, { labels: Record<Label, string>; value: number }>();
  readonly #labelNames: readonly Label[];

  constructor(labelNames: readonly Label[]) {
    this.#labelNames = labelNames;
  }

  inc(labels: Record<Label, string>, by = 1): void {
    const key = this.#labelNames.map((name) => labels[name]).join('\u0000');
    const counted = this.#counts.get(key);
    if (counted) counted.value += by;
    else this.#counts.set(key, { labels: { ...labels }, value: by });
  }

  metric(name: string, help: string): ScrapedMetric {
    return scrapedMetric(name, help, 'counter', () => [...this.#counts.values()].map(({ labels, value }) => ({ labels: { ...labels }, value })), () => this.#counts.clear());
  }
}
