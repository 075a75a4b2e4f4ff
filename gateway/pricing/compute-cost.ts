/**
 * Usage → USD. In order: a deployment's own prices from config (input_cost_per_token, ...);
 * free deployments (local models) at 0; else the offline price data of @pydantic/genai-prices.
 *
 * Config prices use LiteLLM's formula (litellm.md §3); Anthropic-style usage already counts
 * cache reads and writes apart from input_tokens, so:
 *   usd = input × input rate + cache_read × cache-read rate + cache_creation × cache-write rate
 *       + output × output rate
 * A missing cache rate defaults to the input rate (never under-reports spend); a missing
 * input or output rate is 0.
 *
 * genai-prices matches a model by scanning its catalogue (~30 µs); the match is cached per
 * provider+model as a one-model provider, which the library then prices directly.
 */
import { createRequire } from 'node:module';
import type * as GenaiPrices from '@pydantic/genai-prices';
import type { Provider } from '@pydantic/genai-prices';
import type { Deployment } from '../router/deployment-table.ts';

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

export type CostSource = 'config' | 'genai-prices' | 'free' | 'unknown';

export interface Cost {
  usd: number;
  source: CostSource;
}

export type PricedDeployment = Pick<Deployment, 'isFree' | 'pricingProviderId' | 'pricingModel' | 'params'>;

const FREE: Cost = { usd: 0, source: 'free' };
const UNKNOWN: Cost = { usd: 0, source: 'unknown' };

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

/** provider+model → a provider narrowed to the matched model, or null when unpriced. */
const matches = new Map<string, Provider | null>();

function narrowedProvider(providerId: string | undefined, model: string): Provider | null {
  const key = `${providerId ?? ''}\u0000${model}`;
  let provider = matches.get(key);
  if (provider === undefined) {
    const probe = prices().calcPrice({ input_tokens: 1, output_tokens: 1 }, model, providerId === undefined ? {} : { providerId });
    provider = probe === null ? null : { ...probe.provider, models: [probe.model] };
    matches.set(key, provider);
  }
  return provider;
}

/** `model` names the upstream model actually sent; it matters for wildcard deployments. */
function modelToPrice(deployment: PricedDeployment, model: string | undefined): string {
  return deployment.pricingModel.includes('*') && model !== undefined ? model : deployment.pricingModel;
}

export function computeCost(deployment: PricedDeployment, usage: TokenUsage, model?: string): Cost {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const { inputCostPerToken, outputCostPerToken, cacheReadInputTokenCost, cacheCreationInputTokenCost } = deployment.params;
  if (inputCostPerToken !== undefined || outputCostPerToken !== undefined) {
    const inputRate = inputCostPerToken ?? 0;
    const usd = usage.input_tokens * inputRate
      + cacheRead * (cacheReadInputTokenCost ?? inputRate)
      + cacheCreation * (cacheCreationInputTokenCost ?? inputRate)
      + usage.output_tokens * (outputCostPerToken ?? 0);
    return { usd, source: 'config' };
  }
  if (deployment.isFree) return FREE;
  const pricedModel = modelToPrice(deployment, model);
  const provider = narrowedProvider(deployment.pricingProviderId, pricedModel);
  if (provider === null) return UNKNOWN;
  const result = prices().calcPrice(
    { input_tokens: usage.input_tokens + cacheRead + cacheCreation, output_tokens: usage.output_tokens, cache_read_tokens: cacheRead, cache_write_tokens: cacheCreation },
    pricedModel,
    { provider },
  );
  return result === null ? UNKNOWN : { usd: result.total_price, source: 'genai-prices' };
}

const REFERENCE_USAGE: TokenUsage = { input_tokens: 1000, output_tokens: 1000 };

/** USD for a thousand input plus a thousand output tokens (below any long-context price tier): what cost-based routing compares. */
export function referenceCost(deployment: PricedDeployment): number | undefined {
  const cost = computeCost(deployment, REFERENCE_USAGE);
  return cost.source === 'unknown' ? undefined : cost.usd;
}
