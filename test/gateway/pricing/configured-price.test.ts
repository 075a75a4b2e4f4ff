import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../gateway/config/parse-config.ts';
import { buildDeploymentTable, type Deployment } from '../../../gateway/router/deployment-table.ts';
import { computeCost } from '../../../gateway/pricing/compute-cost.ts';

/** LiteLLM's own entry for claude-sonnet-4-5 (model_prices_and_context_window.json), set on a deployment the catalogue cannot price. */
const SONNET_4_5_PRICES = [
  'input_cost_per_token: 3e-6',
  'output_cost_per_token: 1.5e-5',
  'cache_read_input_token_cost: 3e-7',
  'cache_creation_input_token_cost: 3.75e-6',
  'cache_creation_input_token_cost_above_1hr: 6e-6',
  'input_cost_per_token_above_200k_tokens: 6e-6',
  'output_cost_per_token_above_200k_tokens: 2.25e-5',
  'cache_read_input_token_cost_above_200k_tokens: 6e-7',
  'cache_creation_input_token_cost_above_200k_tokens: 7.5e-6',
  'cache_creation_input_token_cost_above_1hr_above_200k_tokens: 1.2e-5',
].map((line) => `      ${line}`).join('\n');

function deploymentsOf(yaml: string): Deployment[] {
  const parsed = parseConfig(yaml, { ANTHROPIC_API_KEY: 'sk-ant-test' });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.warnings, []);
  return buildDeploymentTable(parsed.config!).deployments;
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

const [inParams, inInfo] = deploymentsOf(`
model_list:
  - model_name: params
    litellm_params:
      model: anthropic/sonnet-on-my-proxy
      api_base: http://127.0.0.1:9
${SONNET_4_5_PRICES}
  - model_name: info
    litellm_params: { model: anthropic/sonnet-on-my-proxy, api_base: http://127.0.0.1:9 }
    model_info:
${SONNET_4_5_PRICES}
`);

test('LiteLLM\'s 1-hour cache-write and above-200k price keys are accepted in litellm_params and model_info alike', () => {
  // deploymentsOf asserts there is no "unknown key, ignored" warning.
  assert.deepEqual(inParams!.params.price, inInfo!.params.price);
});

test('1-hour cache writes cost cache_creation_input_token_cost_above_1hr, 5-minute ones cache_creation_input_token_cost', () => {
  const cost = computeCost(inParams!, { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 2000, cache_creation_input_tokens: 400, cache_creation_1h_input_tokens: 300 });
  assert.equal(cost.source, 'config');
  close(cost.usd, 1000 * 3e-6 + 100 * 1.5e-5 + 2000 * 3e-7 + 100 * 3.75e-6 + 300 * 6e-6);
});

test('past 200k input tokens, cache reads and writes counted as Anthropic counts them, every token costs its above-200k rate', () => {
  // 1,000 uncached input tokens, but 250,000 read from the cache: a long-context request.
  const usage = { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 250_000, cache_creation_input_tokens: 400, cache_creation_1h_input_tokens: 300 };
  close(computeCost(inInfo!, usage).usd, 1000 * 6e-6 + 100 * 2.25e-5 + 250_000 * 6e-7 + 100 * 7.5e-6 + 300 * 1.2e-5);
  // Exactly 200k is not past it.
  close(computeCost(inInfo!, { input_tokens: 100_000, output_tokens: 10, cache_read_input_tokens: 100_000 }).usd, 100_000 * 3e-6 + 10 * 1.5e-5 + 100_000 * 3e-7);
});

test('a long-context kind without its own rate keeps its standard one, and a missing cache rate costs the input rate of the tier', () => {
  const [partial] = deploymentsOf(`
model_list:
  - model_name: partial
    litellm_params:
      model: openai/my-long-context-model
      api_base: http://127.0.0.1:9
      input_cost_per_token: 1e-6
      output_cost_per_token: 4e-6
      cache_read_input_token_cost: 1e-7
      input_cost_per_token_above_200k_tokens: 2e-6
`);
  const usage = { input_tokens: 150_000, output_tokens: 1000, cache_read_input_tokens: 50_000, cache_creation_input_tokens: 1000, cache_creation_1h_input_tokens: 500 };
  close(computeCost(partial!, usage).usd, 150_000 * 2e-6 + 1000 * 4e-6 + 50_000 * 1e-7 + 1000 * 2e-6);
});

test('a deployment priced at 0 up to 200k but not beyond is not free', () => {
  const [tiered] = deploymentsOf(`
model_list:
  - model_name: tiered
    litellm_params: { model: openai/promo, api_base: http://127.0.0.1:9, input_cost_per_token: 0, output_cost_per_token: 0, input_cost_per_token_above_200k_tokens: 1e-6 }
`);
  assert.equal(tiered!.isFree, false);
  close(computeCost(tiered!, { input_tokens: 300_000, output_tokens: 0 }).usd, 0.3);
});

/** LiteLLM's search_context_cost_per_query for claude-sonnet-4-5: $10 per thousand searches, whatever the size. */
const SONNET_SEARCH_PRICE = '{ search_context_size_low: 0.01, search_context_size_medium: "0.01", search_context_size_high: 0.01 }';
// The shape of Anthropic's web-search example (docs: web-search-tool): two searches.
const TWO_SEARCHES = { input_tokens: 10_682, output_tokens: 510, web_search_requests: 2 };

test('search_context_cost_per_query is accepted in litellm_params and model_info, numeric strings included', () => {
  // deploymentsOf asserts there is no "unknown key, ignored" warning.
  const [params, info] = deploymentsOf(`
model_list:
  - model_name: params
    litellm_params: { model: anthropic/sonnet-on-my-proxy, api_base: http://127.0.0.1:9, input_cost_per_token: 3e-6, search_context_cost_per_query: ${SONNET_SEARCH_PRICE} }
  - model_name: info
    litellm_params: { model: anthropic/sonnet-on-my-proxy, api_base: http://127.0.0.1:9, input_cost_per_token: 3e-6 }
    model_info: { search_context_cost_per_query: ${SONNET_SEARCH_PRICE} }
`);
  assert.equal(params!.params.webSearchPrice, 0.01);
  assert.equal(info!.params.webSearchPrice, 0.01);
});

test('a search_context_cost_per_query of the wrong shape fails with its YAML path', () => {
  const parsed = parseConfig(`
model_list:
  - model_name: flat
    litellm_params: { model: anthropic/claude-sonnet-4-5, search_context_cost_per_query: 0.01 }
  - model_name: no-medium
    litellm_params: { model: anthropic/claude-sonnet-4-5 }
    model_info: { search_context_cost_per_query: { search_context_size_low: 0.01 } }
  - model_name: negative
    litellm_params: { model: anthropic/claude-sonnet-4-5, search_context_cost_per_query: { search_context_size_medium: -0.01 } }
`, {});
  assert.deepEqual(parsed.errors.map((error) => error.path), [
    'model_list[0].litellm_params.search_context_cost_per_query',
    'model_list[1].model_info.search_context_cost_per_query.search_context_size_medium',
    'model_list[2].litellm_params.search_context_cost_per_query.search_context_size_medium',
  ]);
  assert.match(parsed.errors[0]!.message, /search_context_size_low, _medium and _high/);
  assert.match(parsed.errors[1]!.message, /must be set/);
});

test('web searches on a config-priced deployment cost search_context_size_medium each, as LiteLLM charges Anthropic\'s', () => {
  const [priced] = deploymentsOf(`
model_list:
  - model_name: priced
    litellm_params: { model: anthropic/sonnet-on-my-proxy, api_base: http://127.0.0.1:9, input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 }
    model_info: { search_context_cost_per_query: { search_context_size_low: 0.005, search_context_size_medium: 0.02, search_context_size_high: 0.05 } }
`);
  const cost = computeCost(priced!, TWO_SEARCHES);
  assert.equal(cost.source, 'config');
  close(cost.usd, 10_682 * 3e-6 + 510 * 1.5e-5 + 2 * 0.02);
});

test('a search price set alone prices the searches of a catalogue-priced model in place of the catalogue\'s', () => {
  const [discounted, unpricedTokens] = deploymentsOf(`
model_list:
  - model_name: discounted-searches
    litellm_params: { model: anthropic/claude-sonnet-4-5, search_context_cost_per_query: { search_context_size_medium: 0.005 } }
  - model_name: unpriced-tokens
    litellm_params: { model: anthropic/sonnet-on-my-proxy, api_base: http://127.0.0.1:9, search_context_cost_per_query: { search_context_size_medium: 0.005 } }
`);
  const cost = computeCost(discounted!, TWO_SEARCHES);
  assert.equal(cost.source, 'genai-prices');
  // Claude Sonnet 4.5: $3/M input, $15/M output.
  close(cost.usd, (10_682 * 3 + 510 * 15) / 1e6 + 2 * 0.005);
  // Tokens nobody prices leave the cost unknown, but the searches are still charged.
  assert.deepEqual(computeCost(unpricedTokens!, TWO_SEARCHES), { usd: 2 * 0.005, source: 'unknown' });
});

test('config-priced tokens without a search price: a catalogued model\'s searches cost the catalogue\'s price, an unknown one\'s and a free one\'s nothing', () => {
  const [catalogued, unknown, free] = deploymentsOf(`
model_list:
  - model_name: catalogued
    litellm_params: { model: anthropic/claude-sonnet-4-5, input_cost_per_token: 2e-6, output_cost_per_token: 1e-5 }
  - model_name: unknown
    litellm_params: { model: anthropic/sonnet-on-my-proxy, api_base: http://127.0.0.1:9, input_cost_per_token: 2e-6, output_cost_per_token: 1e-5 }
  - model_name: free
    litellm_params: { model: anthropic/claude-sonnet-4-5, input_cost_per_token: 0, output_cost_per_token: 0 }
`);
  const tokens = 10_682 * 2e-6 + 510 * 1e-5;
  // Claude Sonnet 4.5 in genai-prices: $10 per thousand web searches.
  close(computeCost(catalogued!, TWO_SEARCHES).usd, tokens + 2 * 0.01);
  close(computeCost(unknown!, TWO_SEARCHES).usd, tokens);
  assert.equal(free!.isFree, true);
  assert.equal(computeCost(free!, TWO_SEARCHES).usd, 0);
});

test('a deployment whose tokens are priced at 0 but whose searches are not is not free', () => {
  const [searchesOnly] = deploymentsOf(`
model_list:
  - model_name: searches-only
    litellm_params: { model: anthropic/claude-sonnet-4-5, input_cost_per_token: 0, output_cost_per_token: 0, search_context_cost_per_query: { search_context_size_medium: 0.01 } }
`);
  assert.equal(searchesOnly!.isFree, false);
  close(computeCost(searchesOnly!, TWO_SEARCHES).usd, 0.02);
});
