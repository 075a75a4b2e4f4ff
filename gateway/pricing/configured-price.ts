/**
 * A deployment's own prices, LiteLLM's per-token keys (schema.ts), and what they charge.
 *
 * LiteLLM's formula (llm_cost_calc/utils.py): once a request's input passes 200k tokens, every
 * token of it is charged at the `*_above_200k_tokens` rate of its kind, and a kind without one
 * keeps its standard rate. LiteLLM counts that input as its prompt_tokens: for Anthropic, input,
 * cache reads and cache writes together, which is how Anthropic decides its long-context price.
 * Unlike LiteLLM, which reads the tier only off `input_cost_per_token_above_200k_tokens`, any
 * above-200k key switches it on here, so that no accepted key is silently ignored.
 *
 * Gatehouse's defaults where LiteLLM charges 0, so that a missing rate never under-reports
 * spend: a cache read or write without its own rate costs the input rate, and a 1-hour write
 * without its own rate costs the (5-minute) cache-write rate.
 */
import type { DeploymentPriceField, SearchContextCost } from '../config/schema.ts';

/** USD per token of each kind of token a request reports. */
export interface TokenRates {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  cacheWrite1h: number;
}

export interface ConfiguredPrice {
  standard: TokenRates;
  /** Rates past LONG_CONTEXT_THRESHOLD input tokens; undefined when the config sets no `*_above_200k_tokens` key. */
  longContext: TokenRates | undefined;
}

/** Input tokens (cache reads and writes included) a request may have before the long-context rates apply. */
export const LONG_CONTEXT_THRESHOLD = 200_000;

/** Token counts in Anthropic's shape: input excludes the cache reads and writes; cacheWrite1h is part of cacheWrite. */
export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  cacheWrite1h: number;
}

export type PriceFields = Partial<Record<DeploymentPriceField, number>>;

/** The kinds whose long-context rate is set, keyed as in TokenRates. */
const LONG_CONTEXT_FIELDS = {
  input: 'input_cost_per_token_above_200k_tokens',
  output: 'output_cost_per_token_above_200k_tokens',
  cacheRead: 'cache_read_input_token_cost_above_200k_tokens',
  cacheWrite: 'cache_creation_input_token_cost_above_200k_tokens',
  cacheWrite1h: 'cache_creation_input_token_cost_above_1hr_above_200k_tokens',
} as const satisfies Record<keyof TokenRates, DeploymentPriceField>;

/**
 * The deployment's price from litellm_params, else model_info, key by key; undefined unless an
 * input or output rate is set (LiteLLM's condition for custom pricing), so the catalogue prices it.
 */
export function configuredPriceOf(params: PriceFields, info: PriceFields | undefined): ConfiguredPrice | undefined {
  const field = (key: DeploymentPriceField): number | undefined => params[key] ?? info?.[key];
  const input = field('input_cost_per_token');
  const output = field('output_cost_per_token');
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = field('cache_read_input_token_cost');
  const cacheWrite = field('cache_creation_input_token_cost');
  const cacheWrite1h = field('cache_creation_input_token_cost_above_1hr');
  const standard = ratesWithDefaults({ input, output, cacheRead, cacheWrite, cacheWrite1h });
  const above = (kind: keyof TokenRates): number | undefined => field(LONG_CONTEXT_FIELDS[kind]);
  const hasLongContext = (Object.keys(LONG_CONTEXT_FIELDS) as (keyof TokenRates)[]).some((kind) => above(kind) !== undefined);
  const longContext = hasLongContext
    ? ratesWithDefaults({
      input: above('input') ?? standard.input,
      output: above('output') ?? standard.output,
      cacheRead: above('cacheRead') ?? cacheRead,
      cacheWrite: above('cacheWrite') ?? cacheWrite,
      cacheWrite1h: above('cacheWrite1h') ?? cacheWrite1h,
    })
    : undefined;
  return { standard, longContext };
}

/**
 * USD per web search from `search_context_cost_per_query` in litellm_params, else model_info:
 * its medium size, which LiteLLM charges Anthropic's web_search_requests at whatever size the
 * request asked for. Set on its own, without token prices, it still prices the searches.
 */
export function webSearchPriceOf(params: { search_context_cost_per_query?: SearchContextCost }, info: { search_context_cost_per_query?: SearchContextCost } | undefined): number | undefined {
  return (params.search_context_cost_per_query ?? info?.search_context_cost_per_query)?.search_context_size_medium;
}

function ratesWithDefaults(rates: Partial<TokenRates>): TokenRates {
  const input = rates.input ?? 0;
  const cacheWrite = rates.cacheWrite ?? input;
  return { input, output: rates.output ?? 0, cacheRead: rates.cacheRead ?? input, cacheWrite, cacheWrite1h: rates.cacheWrite1h ?? cacheWrite };
}

export function configuredCost(price: ConfiguredPrice, tokens: TokenCounts): number {
  const totalInput = tokens.input + tokens.cacheRead + tokens.cacheWrite;
  const rates = price.longContext !== undefined && totalInput > LONG_CONTEXT_THRESHOLD ? price.longContext : price.standard;
  return tokens.input * rates.input
    + tokens.cacheRead * rates.cacheRead
    + (tokens.cacheWrite - tokens.cacheWrite1h) * rates.cacheWrite
    + tokens.cacheWrite1h * rates.cacheWrite1h
    + tokens.output * rates.output;
}

/** Whether the price charges nothing for any usage: a local model priced at 0 is free (no budget blocks it). */
export const chargesNothing = (price: ConfiguredPrice): boolean =>
  [price.standard, price.longContext].every((rates) => rates === undefined || Object.values(rates).every((rate) => rate === 0));
