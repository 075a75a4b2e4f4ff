import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatGpuMemory, formatPricePerMillion, formatTokenCount, formatUsd, formatWebSearchPrice } from '../../../renderer/shared/format/format.ts';

test('sizes are computed in powers of 1024 and labelled as such (GiB), not as decimal GB', () => {
  // gpt-oss:120b as /api/tags reports it; `ollama list` calls this 65 GB (decimal).
  assert.equal(formatBytes(65_290_180_781), '61 GiB');
  assert.equal(formatBytes(8 * 1024 ** 3), '8.0 GiB');
  assert.equal(formatBytes(522 * 1024 ** 2), '522 MiB');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(null), '—');
});

test('per-million prices show the configured figure, not the float product of per-token cost × 10⁶', () => {
  // Claude 3.5 Haiku as LiteLLM configs write it: input_cost_per_token 8e-7, output 4e-6.
  assert.equal(formatPricePerMillion({ inputPerMillion: 8e-7 * 1_000_000, outputPerMillion: 4e-6 * 1_000_000, cacheReadPerMillion: null, cacheWritePerMillion: null, perWebSearch: null }), '$0.8 / $4');
  assert.equal(formatPricePerMillion({ inputPerMillion: 5e-8 * 1_000_000, outputPerMillion: 0.075, cacheReadPerMillion: null, cacheWritePerMillion: null, perWebSearch: null }), '$0.05 / $0.075');
  assert.equal(formatPricePerMillion({ inputPerMillion: 0, outputPerMillion: 0, cacheReadPerMillion: 0, cacheWritePerMillion: 0, perWebSearch: 0 }), 'free');
  assert.equal(formatPricePerMillion(null), '—');
});

test('a configured per-search price is shown beside the token prices; an unknown or free one is not', () => {
  const tokens = { inputPerMillion: 3, outputPerMillion: 15, cacheReadPerMillion: 0.3, cacheWritePerMillion: 3.75 };
  assert.equal(formatWebSearchPrice({ ...tokens, perWebSearch: 0.01 }), '+ $0.01 / web search');
  assert.equal(formatWebSearchPrice({ ...tokens, perWebSearch: null }), null);
  assert.equal(formatWebSearchPrice({ ...tokens, perWebSearch: 0 }), null);
  assert.equal(formatWebSearchPrice(null), null);
});

test('a per-search price with token rates the config leaves to the catalogue: a dash for the tokens, the search price beside it', () => {
  const searchOnly = { inputPerMillion: null, outputPerMillion: null, cacheReadPerMillion: null, cacheWritePerMillion: null, perWebSearch: 0.01 };
  assert.equal(formatPricePerMillion(searchOnly), '—');
  assert.equal(formatWebSearchPrice(searchOnly), '+ $0.01 / web search');
});

test('context windows read as their vendors quote them, whether sized in 1000s or 1024s', () => {
  assert.equal(formatTokenCount(200_000), '200k');
  assert.equal(formatTokenCount(128_000), '128k');
  assert.equal(formatTokenCount(131_072), '128k');
  assert.equal(formatTokenCount(40_960), '40k');
  assert.equal(formatTokenCount(1_000_000), '1M');
  assert.equal(formatTokenCount(1_047_576), '1M');
  assert.equal(formatTokenCount(1_048_576), '1M');
});

test('a cost too small for four decimals reads as under a hundredth of a cent, never as $0.0000', () => {
  // 16 input and 7 output tokens of gpt-4.1-mini ($0.4 / $1.6 per million): a real, nonzero cost.
  assert.equal(formatUsd(16 * 0.4e-6 + 7 * 1.6e-6), '<$0.0001');
  assert.equal(formatUsd(0.00004), '<$0.0001');
  assert.equal(formatUsd(0.0001), '$0.0001');
  assert.equal(formatUsd(0.0042), '$0.0042');
  assert.equal(formatUsd(0.09), '$0.09');
  assert.equal(formatUsd(0), '$0');
});

test('a machine without GPU memory says models run on the CPU instead of "0 B on GPU"', () => {
  assert.equal(formatGpuMemory(0), 'no GPU memory: models run on the CPU');
  assert.equal(formatGpuMemory(24 * 1024 ** 3), '24 GiB on GPU');
});
