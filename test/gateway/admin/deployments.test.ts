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
  assert.deepEqual(price, { inputPerMillion: 2, outputPerMillion: 8, cacheReadPerMillion: 0.5, cacheWritePerMillion: 2 });
  // The shown rates are the charged ones: a million cache writes cost what the price says.
  assert.equal(computeCost(deployment!, { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 1_000_000 }).usd, price!.cacheWritePerMillion);
});
