import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { computeCost } from '../../../gateway/pricing/compute-cost.ts';
import { buildDeploymentTable } from '../../../gateway/router/deployment-table.ts';
import { configSchema } from '../../../gateway/config/schema.ts';

const { deployments } = buildDeploymentTable(configSchema.parse({
  model_list: [
    { model_name: 'sonnet', litellm_params: { model: 'anthropic/claude-sonnet-4-5' } },
    { model_name: 'custom', litellm_params: { model: 'openai/my-finetune', input_cost_per_token: 0.000002, output_cost_per_token: 0.000008 } },
    { model_name: 'local', litellm_params: { model: 'ollama_chat/qwen3:8b' } },
  ],
}));
const byGroup = (group: string) => deployments.find((deployment) => deployment.group === group)!;
const catalogueLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes(`${path.sep}@pydantic${path.sep}genai-prices${path.sep}`));

test('the price catalogue (its CommonJS build) loads on the first lookup, not with the module, and not for free or config-priced deployments', () => {
  assert.equal(catalogueLoaded(), false, 'not loaded by importing compute-cost');
  assert.equal(computeCost(byGroup('local'), { input_tokens: 10, output_tokens: 10 }).source, 'free');
  assert.equal(computeCost(byGroup('custom'), { input_tokens: 10, output_tokens: 10 }).source, 'config');
  assert.equal(catalogueLoaded(), false, 'not needed for free or config-priced deployments');

  const cost = computeCost(byGroup('sonnet'), { input_tokens: 1000, output_tokens: 100 });
  assert.equal(cost.source, 'genai-prices');
  assert.ok(Math.abs(cost.usd - (1000 * 3 + 100 * 15) / 1e6) < 1e-12, `${cost.usd}`);
  assert.equal(catalogueLoaded(), true);
});
