/**
 * Usage → USD. In order: a deployment's own prices from config (input_cost_per_token, ...,
 * configured-price.ts); free deployments (local models) at 0; else the offline price data of
 * @pydantic/genai-prices. Both charge 1-hour cache writes at their own rate (Anthropic: 2× input
 * against 1.25× for 5-minute writes) and long-context tiers by the whole input, cache included.
 * Web searches cost the config's search_context_cost_per_query where set, else the catalogue's.
 *
 * genai-prices matches a model by scanning its catalogue (~30 µs); the match is cached per
 * provider+model. A model with one unconditional price (most of the catalogue: plain or
 * input-tiered per-million rates) is then priced here with the library's own arithmetic, checked
 * against calcPrice for every such model by a test, because calcPrice rebuilds and sorts its unit
 * tables on every call (~30 µs, a fifth of a proxied request's CPU). Dated and time-of-day prices
 * and per-request fees still go through calcPrice.
 */
import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';
import type * as GenaiPrices from '@pydantic/genai-prices';
import type { ModelInfo, Provider } from '@pydantic/genai-prices';
import type { Deployment } from '../router/deployment-table.ts';
import { configuredCost } from './configured-price.ts';

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  /** Of cache_creation_input_tokens, those written to the 1-hour cache (Anthropic's usage.cache_creation). */
  cache_creation_1h_input_tokens?: number | null;
  /** Anthropic's server-side web searches (usage.server_tool_use), which the catalogue prices per thousand. */
  web_search_requests?: number | null;
}

export type CostSource = 'config' | 'genai-prices' | 'free' | 'unknown';

export interface Cost {
  usd: number;
  source: CostSource;
}

export type PricedDeployment = Pick<Deployment, 'isFree' | 'pricingProviderId' | 'pricingModel' | 'params'>;

const FREE: Cost = { usd: 0, source: 'free' };

/**
 * The price catalogue is loaded on the first lookup, not at startup: free and config-priced
 * deployments never need it, and a gateway that has not priced anything yet does not hold it (RSS
 * right after startup -3 MiB). Loading takes ~45 ms, once. Its CommonJS build, because V8 keeps a
 * module's source as long as the module and the ES module build is unminified: 1.9 MiB of heap
 * retained instead of 3.2.
 */
let genaiPrices: typeof GenaiPrices | undefined;
function prices(): typeof GenaiPrices {
  genaiPrices ??= createRequire(import.meta.url)('@pydantic/genai-prices') as typeof GenaiPrices;
  return genaiPrices;
}

/** A per-million-token rate, or genai-prices' tiers: every token at the rate of the highest tier the request's whole input passes. */
type Rate = number | { base: number; tiers: readonly { start: number; price: number }[] };

/** The rates of the kinds of tokens a request reports; undefined where the model has no such price. */
interface FlatRates {
  input: Rate | undefined;
  output: Rate | undefined;
  cacheRead: Rate | undefined;
  cacheWrite: Rate | undefined;
  cacheWrite1h: Rate | undefined;
  /** Per thousand searches. */
  webSearches: number | undefined;
}

interface PriceMatch {
  /** A provider narrowed to the matched model, which calcPrice then prices directly. */
  provider: Provider;
  /** Set when the model's price is one this module prices itself. */
  flat: FlatRates | undefined;
}

/**
 * Price kinds whose usage the gateway never reports (audio, file searches): calcPrice charges them
 * nothing here either. A per-request fee is charged regardless of usage, so a model with one is
 * left to calcPrice.
 */
const PER_REQUEST_PRICE_KEY = 'requests_kcount';

function rateOf(value: unknown): Rate | undefined | null {
  if (value === undefined || typeof value === 'number') return value;
  const tiered = value as { base?: unknown; tiers?: unknown };
  if (typeof tiered.base === 'number' && Array.isArray(tiered.tiers)) {
    const tiers = (tiered.tiers as { start: number; price: number }[]).slice().sort((a, b) => a.start - b.start);
    return { base: tiered.base, tiers };
  }
  return null;
}

/** The model's rates when its price is one unconditional set this module can compute, else undefined. */
export function flatRatesOf(model: ModelInfo): FlatRates | undefined {
  const price = model.prices;
  if (Array.isArray(price) || price[PER_REQUEST_PRICE_KEY] !== undefined) return undefined;
  const rates = {
    input: rateOf(price.input_mtok),
    output: rateOf(price.output_mtok),
    cacheRead: rateOf(price.cache_read_mtok),
    cacheWrite: rateOf(price.cache_write_mtok),
    cacheWrite1h: rateOf(price.cache_write_1h_mtok),
    webSearches: price.web_searches_kcount,
  };
  if (Object.values(rates).includes(null)) return undefined;
  return rates as FlatRates;
}

/**
 * provider+model → the match (`match: null` when unpriced). A wildcard deployment prices whatever
 * model name a client sends, so past this many the least recently used is dropped: a client
 * cycling names cannot grow memory, and configured models, a few dozen at most, stay cached.
 */
export const MAX_PRICE_MATCHES = 1024;
const matches = new LRUCache<string, { match: PriceMatch | null }>({ max: MAX_PRICE_MATCHES });

/** How many matches are cached, to check the bound. */
export const cachedPriceMatches = (): number => matches.size;

function priceMatch(providerId: string | undefined, model: string): PriceMatch | null {
  const key = `${providerId ?? ''}\u0000${model}`;
  let match = matches.get(key)?.match;
  if (match === undefined) {
    const probe = prices().calcPrice({ input_tokens: 1, output_tokens: 1 }, model, providerId === undefined ? {} : { providerId });
    match = probe === null ? null : { provider: { ...probe.provider, models: [probe.model] }, flat: flatRatesOf(probe.model) };
    matches.set(key, { match });
  }
  return match;
}

function perMillion(rate: Rate, tokens: number, totalInput: number): number {
  if (typeof rate === 'number') return (rate * tokens) / 1e6;
  if (tokens <= 0) return 0;
  let price = rate.base;
  for (const tier of rate.tiers) if (totalInput > tier.start) price = tier.price;
  return (price * tokens) / 1e6;
}

/**
 * calcPrice's arithmetic: input_tokens counts cache reads and writes, and cache writes count the
 * 1-hour writes; each priced kind is charged apart from the kind that counts it (a kind without a
 * price stays there), tiers go by the whole input, and the input side is summed before the output.
 */
function flatCost(rates: FlatRates, usage: TokenUsage, cacheRead: number, cacheCreation: number, cacheCreation1h: number, webSearches: number): number {
  const totalInput = usage.input_tokens + cacheRead + cacheCreation;
  const readApart = rates.cacheRead === undefined ? 0 : cacheRead;
  const writtenApart = rates.cacheWrite === undefined ? 0 : cacheCreation;
  // genai-prices refuses a 1-hour write price without a cache-write one, so the catalogue has none such.
  const written1hApart = rates.cacheWrite === undefined || rates.cacheWrite1h === undefined ? 0 : cacheCreation1h;
  let input = 0;
  if (rates.input !== undefined) input += perMillion(rates.input, totalInput - readApart - writtenApart, totalInput);
  if (rates.cacheRead !== undefined) input += perMillion(rates.cacheRead, readApart, totalInput);
  if (rates.cacheWrite !== undefined) input += perMillion(rates.cacheWrite, writtenApart - written1hApart, totalInput);
  if (rates.cacheWrite1h !== undefined) input += perMillion(rates.cacheWrite1h, written1hApart, totalInput);
  const output = rates.output === undefined ? 0 : perMillion(rates.output, usage.output_tokens, totalInput);
  return input + output + (rates.webSearches === undefined ? 0 : (rates.webSearches * webSearches) / 1000);
}

/** `model` names the upstream model actually sent; it matters for wildcard deployments. */
function modelToPrice(deployment: PricedDeployment, model: string | undefined): string {
  return deployment.pricingModel.includes('*') && model !== undefined ? model : deployment.pricingModel;
}

/** The catalogue's price of the usage, per-request fees included. */
function catalogueCost(match: PriceMatch, pricedModel: string, usage: TokenUsage, cacheRead: number, cacheCreation: number, cacheCreation1h: number, webSearches: number): number | undefined {
  if (match.flat) return flatCost(match.flat, usage, cacheRead, cacheCreation, cacheCreation1h, webSearches);
  const result = prices().calcPrice(
    {
      input_tokens: usage.input_tokens + cacheRead + cacheCreation,
      output_tokens: usage.output_tokens,
      cache_read_tokens: cacheRead,
      cache_write_tokens: cacheCreation,
      cache_write_1h_tokens: cacheCreation1h,
      web_searches: webSearches,
    },
    pricedModel,
    { provider: match.provider },
  );
  return result?.total_price;
}

const NO_TOKENS: TokenUsage = { input_tokens: 0, output_tokens: 0 };

/**
 * The catalogue's price of the web searches of a deployment whose config prices its tokens but
 * not its searches. LiteLLM charges such searches nothing (the price entry it keeps per deployment
 * holds the config's keys only), but the provider bills them whatever the config says, so, as a
 * missing cache rate costs the input rate (configured-price.ts), a missing search rate never
 * under-reports spend while the model is in the catalogue. calcPrice adds a per-request fee to any
 * usage, so the searches are what they add to no tokens.
 */
function catalogueWebSearchCost(deployment: PricedDeployment, model: string | undefined, webSearches: number): number {
  if (webSearches === 0) return 0;
  const pricedModel = modelToPrice(deployment, model);
  const match = priceMatch(deployment.pricingProviderId, pricedModel);
  if (match === null) return 0;
  const withSearches = catalogueCost(match, pricedModel, NO_TOKENS, 0, 0, 0, webSearches) ?? 0;
  return withSearches - (catalogueCost(match, pricedModel, NO_TOKENS, 0, 0, 0, 0) ?? 0);
}

export function computeCost(deployment: PricedDeployment, usage: TokenUsage, model?: string): Cost {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  // Part of the cache writes; an upstream reporting more would otherwise price negative 5-minute writes.
  const cacheCreation1h = Math.min(usage.cache_creation_1h_input_tokens ?? 0, cacheCreation);
  const webSearches = usage.web_search_requests ?? 0;
  const { price, webSearchPrice } = deployment.params;
  // A configured search price replaces the catalogue's, which then prices the tokens alone.
  const configuredSearchCost = webSearchPrice === undefined ? 0 : webSearchPrice * webSearches;
  const searchesForCatalogue = webSearchPrice === undefined ? webSearches : 0;
  if (price !== undefined) {
    const tokens = { input: usage.input_tokens, output: usage.output_tokens, cacheRead, cacheWrite: cacheCreation, cacheWrite1h: cacheCreation1h };
    // A deployment priced at 0 throughout is free (deployment-table.ts): its searches too.
    const searches = configuredSearchCost + (deployment.isFree ? 0 : catalogueWebSearchCost(deployment, model, searchesForCatalogue));
    return { usd: configuredCost(price, tokens) + searches, source: 'config' };
  }
  if (deployment.isFree) return FREE;
  const pricedModel = modelToPrice(deployment, model);
  const match = priceMatch(deployment.pricingProviderId, pricedModel);
  const usd = match === null ? undefined : catalogueCost(match, pricedModel, usage, cacheRead, cacheCreation, cacheCreation1h, searchesForCatalogue);
  // Tokens the catalogue cannot price leave the cost unknown; the searches the config prices are still charged.
  return usd === undefined ? { usd: configuredSearchCost, source: 'unknown' } : { usd: usd + configuredSearchCost, source: 'genai-prices' };
}

const REFERENCE_USAGE: TokenUsage = { input_tokens: 1000, output_tokens: 1000 };

/** USD for a thousand input plus a thousand output tokens (below any long-context price tier): what cost-based routing compares. */
export function referenceCost(deployment: PricedDeployment): number | undefined {
  const cost = computeCost(deployment, REFERENCE_USAGE);
  return cost.source === 'unknown' ? undefined : cost.usd;
}
