import { test } from 'node:test';
import assert from 'node:assert/strict';
import { priceOf } from '../../../gateway/admin/deployments.ts';
import { buildDeploymentTable } from '../../../gateway/router/deployment-table.ts';
import { configSchema } from '../../../gateway/config/schema.ts';
import { computeCost } from '../../../gateway/pricing/compute-cost.ts';

test('a configured price shows the cache rates its cost charges, a cache rate left out at the input rate', () => {
  const { deployments: [deployment] } = buildDeploymentTable(configSchema.parse({
    model_list: [{ model_name: 'custom', litellm_params: { model: 'openai/my-finetune', input_cost_per_token: 0.000002, output_cost_per_token: 0.000008, cache_read_input_token_cost: 0.0000005 } }],
  }));
  const price = priceOf(deployment!);
  assert.deepEqual(price, { inputPerMillion: 2, outputPerMillion: 8, cacheReadPerMillion: 0.5, cacheWritePerMillion: 2, perWebSearch: null });
  // The shown rates are the charged ones: a million cache writes cost what the price says.
  assert.equal(computeCost(deployment!, { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 1_000_000 }).usd, price!.cacheWritePerMillion);
});

test('a configured search price is shown per search, at the size it is charged at (medium)', () => {
  const { deployments: [deployment] } = buildDeploymentTable(configSchema.parse({
    model_list: [{
      model_name: 'priced',
      litellm_params: { model: 'anthropic/claude-sonnet-4-5', input_cost_per_token: 0.000003, output_cost_per_token: 0.000015 },
      model_info: { search_context_cost_per_query: { search_context_size_low: 0.005, search_context_size_medium: 0.01, search_context_size_high: 0.02 } },
    }],
  }));
  const price = priceOf(deployment!);
  assert.equal(price?.perWebSearch, 0.01);
  assert.equal(computeCost(deployment!, { input_tokens: 0, output_tokens: 0, web_search_requests: 1 }).usd, price!.perWebSearch);
});

test('a search price configured without token prices is still shown: its token rates unknown (the catalogue\'s), its searches as charged', () => {
  const { deployments: [deployment] } = buildDeploymentTable(configSchema.parse({
    model_list: [{
      model_name: 'catalogue-tokens',
      litellm_params: { model: 'anthropic/claude-sonnet-4-5' },
      model_info: { search_context_cost_per_query: { search_context_size_low: 0.005, search_context_size_medium: 0.01, search_context_size_high: 0.02 } },
    }],
  }));
  const price = priceOf(deployment!);
  assert.deepEqual(price, { inputPerMillion: null, outputPerMillion: null, cacheReadPerMillion: null, cacheWritePerMillion: null, perWebSearch: 0.01 });
  const searchOnly = computeCost(deployment!, { input_tokens: 0, output_tokens: 0, web_search_requests: 1 });
  assert.equal(searchOnly.usd, price!.perWebSearch);
});

test('a deployment with no configured prices at all has no price to show', () => {
  const { deployments: [deployment] } = buildDeploymentTable(configSchema.parse({ model_list: [{ model_name: 'catalogue', litellm_params: { model: 'anthropic/claude-sonnet-4-5' } }] }));
  assert.equal(priceOf(deployment!), null);
});
