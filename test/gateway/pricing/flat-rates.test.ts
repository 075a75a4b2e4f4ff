import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calcPrice, waitForUpdate, type Provider } from '@pydantic/genai-prices';
import { computeCost, flatRatesOf } from '../../../gateway/pricing/compute-cost.ts';

/** Deterministic usage mixes: no cache, reads only, writes only, both, large, zero output. */
const USAGES = [
  { input_tokens: 1000, output_tokens: 100 },
  { input_tokens: 12, output_tokens: 3000, cache_read_input_tokens: 48_000 },
  { input_tokens: 900, output_tokens: 40, cache_creation_input_tokens: 7000 },
  { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 150_000, cache_creation_input_tokens: 2500 },
  { input_tokens: 3_000_000, output_tokens: 0, cache_read_input_tokens: 1_000_000 },
  // Either side of the common 128k and 200k input tiers, cache included in the count.
  { input_tokens: 100_000, output_tokens: 2000, cache_read_input_tokens: 100_000 },
  { input_tokens: 100_000, output_tokens: 2000, cache_read_input_tokens: 100_001 },
  { input_tokens: 128_000, output_tokens: 10, cache_creation_input_tokens: 1 },
  // 1-hour cache writes, some and all of the writes.
  { input_tokens: 500, output_tokens: 20, cache_read_input_tokens: 3000, cache_creation_input_tokens: 7000, cache_creation_1h_input_tokens: 2000 },
  { input_tokens: 150_000, output_tokens: 20, cache_creation_input_tokens: 60_000, cache_creation_1h_input_tokens: 60_000 },
  // Server-side web searches, priced per thousand.
  { input_tokens: 20_000, output_tokens: 800, cache_read_input_tokens: 5000, web_search_requests: 3 },
];

test('every catalogue model with one unconditional price, tiered or not, is priced exactly as calcPrice prices it', async () => {
  const catalogue = (await waitForUpdate()) as Provider[];
  let checked = 0;
  for (const provider of catalogue) {
    for (const model of provider.models) {
      if (flatRatesOf(model) === undefined) continue;
      // The model's own id as the deployment's model, priced under its provider.
      const deployment = { isFree: false, pricingProviderId: provider.id, pricingModel: model.id, params: {} } as unknown as Parameters<typeof computeCost>[0];
      for (const usage of USAGES) {
        const ours = computeCost(deployment, usage);
        const cacheRead = usage.cache_read_input_tokens ?? 0;
        const cacheWrite = usage.cache_creation_input_tokens ?? 0;
        const theirs = calcPrice(
          {
            input_tokens: usage.input_tokens + cacheRead + cacheWrite,
            output_tokens: usage.output_tokens,
            cache_read_tokens: cacheRead,
            cache_write_tokens: cacheWrite,
            cache_write_1h_tokens: usage.cache_creation_1h_input_tokens ?? 0,
            web_searches: usage.web_search_requests ?? 0,
          },
          model.id,
          { provider: { ...provider, models: [model] } },
        );
        if (theirs === null) continue;
        assert.equal(ours.source, 'genai-prices', `${provider.id}/${model.id}`);
        const tolerance = 1e-12 * Math.max(1, Math.abs(theirs.total_price));
        assert.ok(Math.abs(ours.usd - theirs.total_price) <= tolerance, `${provider.id}/${model.id} ${JSON.stringify(usage)}: ${ours.usd} vs ${theirs.total_price}`);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 1000, `only ${checked} prices compared`);
});

test('dated and time-of-day prices and per-request fees are left to calcPrice', () => {
  assert.equal(flatRatesOf({ id: 'a', match: { equals: 'a' }, prices: [{ prices: { input_mtok: 1 } }] } as never), undefined);
  assert.equal(flatRatesOf({ id: 'c', match: { equals: 'c' }, prices: { input_mtok: 1, requests_kcount: 5 } } as never), undefined);
  assert.deepEqual(flatRatesOf({ id: 'd', match: { equals: 'd' }, prices: { input_mtok: 1, output_mtok: 2, cache_read_mtok: 0.1, web_searches_kcount: 10 } } as never), { input: 1, output: 2, cacheRead: 0.1, cacheWrite: undefined, cacheWrite1h: undefined, webSearches: 10 });
  assert.deepEqual(flatRatesOf({ id: 'b', match: { equals: 'b' }, prices: { input_mtok: { base: 1, tiers: [{ start: 400, price: 3 }, { start: 200, price: 2 }] } } } as never)?.input, { base: 1, tiers: [{ start: 200, price: 2 }, { start: 400, price: 3 }] });
});
