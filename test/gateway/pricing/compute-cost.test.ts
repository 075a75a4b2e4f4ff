import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachedPriceMatches, computeCost, MAX_PRICE_MATCHES, referenceCost } from '../../../gateway/pricing/compute-cost.ts';
import { buildDeploymentTable } from '../../../gateway/router/deployment-table.ts';
import { configSchema } from '../../../gateway/config/schema.ts';

const { deployments } = buildDeploymentTable(configSchema.parse({
  model_list: [
    { model_name: 'sonnet', litellm_params: { model: 'anthropic/claude-sonnet-4-5' } },
    { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4.1' } },
    { model_name: 'custom', litellm_params: { model: 'openai/my-finetune', input_cost_per_token: 0.000002, output_cost_per_token: 0.000008, cache_read_input_token_cost: 0.0000005 } },
    { model_name: 'local', litellm_params: { model: 'ollama_chat/qwen3:8b' } },
    { model_name: 'mystery', litellm_params: { model: 'hosted_vllm/some-internal-model', api_base: 'http://gpu:8000/v1' } },
    { model_name: 'anthropic/*', litellm_params: { model: 'anthropic/*' } },
    { model_name: 'alias', litellm_params: { model: 'openai/prod-gpt' }, model_info: { base_model: 'gpt-4.1' } },
  ],
}));
const byGroup = (group: string) => deployments.find((deployment) => deployment.group === group)!;
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

test('a known model is priced from genai-prices, cache reads and writes at their own rates', () => {
  // Claude Sonnet 4.5: $3/M input, $15/M output, $0.30/M cache read, $3.75/M cache write.
  const cost = computeCost(byGroup('sonnet'), { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 2000, cache_creation_input_tokens: 400 });
  assert.equal(cost.source, 'genai-prices');
  close(cost.usd, (1000 * 3 + 100 * 15 + 2000 * 0.3 + 400 * 3.75) / 1e6);
  // GPT-4.1: $2/M input, $8/M output.
  close(computeCost(byGroup('gpt'), { input_tokens: 1000, output_tokens: 100 }).usd, 0.0028);
  close(computeCost(byGroup('alias'), { input_tokens: 1000, output_tokens: 100 }).usd, 0.0028);
});

test('1-hour cache writes, which Anthropic reports within the cache writes, are priced at their own rate (2x input, not 1.25x)', () => {
  // Claude Sonnet 4.5: $3.75/M for 5-minute writes, $6/M for 1-hour writes.
  const cost = computeCost(byGroup('sonnet'), { input_tokens: 1000, output_tokens: 100, cache_creation_input_tokens: 400, cache_creation_1h_input_tokens: 300 });
  close(cost.usd, (1000 * 3 + 100 * 15 + 100 * 3.75 + 300 * 6) / 1e6);
  // Claude Opus 4.6 has dated prices, so calcPrice prices it: $10/M for 1-hour writes, $6.25/M for 5-minute ones.
  close(computeCost(byGroup('anthropic/*'), { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 1000, cache_creation_1h_input_tokens: 1000 }, 'claude-opus-4-6').usd, 0.01);
});

test('Claude Sonnet 4.5 past 200k input tokens, cache reads and writes counted as Anthropic counts them, costs its long-context rates', () => {
  // Long context: $6/M input, $22.50/M output, $0.60/M cache read, $7.50/M 5-minute and $12/M 1-hour cache write.
  const usage = { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 250_000, cache_creation_input_tokens: 400, cache_creation_1h_input_tokens: 300 };
  close(computeCost(byGroup('sonnet'), usage).usd, (1000 * 6 + 100 * 22.5 + 250_000 * 0.6 + 100 * 7.5 + 300 * 12) / 1e6);
  // Exactly 200k is not past it.
  close(computeCost(byGroup('sonnet'), { input_tokens: 100_000, output_tokens: 0, cache_read_input_tokens: 100_000 }).usd, (100_000 * 3 + 100_000 * 0.3) / 1e6);
});

test('web searches are charged per search, for dated prices (calcPrice) as for flat ones', () => {
  // $10 per thousand searches for Claude Opus 4.6 (dated prices) and Sonnet 4.5 (one price).
  close(computeCost(byGroup('anthropic/*'), { input_tokens: 0, output_tokens: 0, web_search_requests: 5 }, 'claude-opus-4-6').usd, 0.05);
  close(computeCost(byGroup('sonnet'), { input_tokens: 0, output_tokens: 0, web_search_requests: 5 }).usd, 0.05);
});

test('config prices override, cache writes default to the input rate', () => {
  const cost = computeCost(byGroup('custom'), { input_tokens: 1000, output_tokens: 500, cache_read_input_tokens: 100, cache_creation_input_tokens: 10 });
  assert.equal(cost.source, 'config');
  close(cost.usd, 1000 * 0.000002 + 500 * 0.000008 + 100 * 0.0000005 + 10 * 0.000002);
});

test('local models cost nothing; unknown models are reported as unknown at 0', () => {
  assert.deepEqual(computeCost(byGroup('local'), { input_tokens: 50_000, output_tokens: 5_000 }), { usd: 0, source: 'free' });
  assert.deepEqual(computeCost(byGroup('mystery'), { input_tokens: 10, output_tokens: 10 }), { usd: 0, source: 'unknown' });
  assert.equal(referenceCost(byGroup('mystery')), undefined);
  assert.equal(referenceCost(byGroup('local')), 0);
});

test('a wildcard deployment is priced as the model actually sent', () => {
  const cost = computeCost(byGroup('anthropic/*'), { input_tokens: 100_000, output_tokens: 0 }, 'claude-sonnet-4-5');
  assert.equal(cost.source, 'genai-prices');
  close(cost.usd, 0.3);
});

test('a client cycling model names through a wildcard deployment does not grow the price-match cache past its bound', () => {
  const wildcard = byGroup('anthropic/*');
  for (let index = 0; index < MAX_PRICE_MATCHES + 50; index += 1) computeCost(wildcard, { input_tokens: 1, output_tokens: 1 }, `made-up-model-${index}`);
  assert.ok(cachedPriceMatches() <= MAX_PRICE_MATCHES, `${cachedPriceMatches()} matches cached`);
  close(computeCost(wildcard, { input_tokens: 100_000, output_tokens: 0 }, 'claude-sonnet-4-5').usd, 0.3);
});
