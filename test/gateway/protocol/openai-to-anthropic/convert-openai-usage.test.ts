import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpenAIUsage } from '../../../../gateway/protocol/openai/types.ts';
import { convertOpenAIUsage } from '../../../../gateway/protocol/openai-to-anthropic/convert-openai-usage.ts';

const usage = (fields: Partial<OpenAIUsage> & Record<string, unknown>): OpenAIUsage => ({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, ...fields }) as OpenAIUsage;

test('100 prompt (30 cached) and 50 completion → input 70, cache_read 30, output 50 (LiteLLM #19)', () => {
  assert.deepStrictEqual(convertOpenAIUsage(usage({ prompt_tokens: 100, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 30 } })), {
    input_tokens: 70,
    output_tokens: 50,
    cache_read_input_tokens: 30,
    cache_creation_input_tokens: 0,
  });
});

test('120 prompt, 30 cached, 20 written → input 70; Anthropic-style top-level fields win (LiteLLM #19)', () => {
  assert.equal(convertOpenAIUsage(usage({ prompt_tokens: 120, prompt_tokens_details: { cached_tokens: 30, cache_creation_tokens: 20 } })).input_tokens, 70);
  assert.equal(convertOpenAIUsage(usage({ prompt_tokens: 120, prompt_tokens_details: { cached_tokens: 30, cache_write_tokens: 20 } })).input_tokens, 70);
  assert.deepStrictEqual(convertOpenAIUsage(usage({ prompt_tokens: 120, cache_read_input_tokens: 30, cache_creation_input_tokens: 20, prompt_tokens_details: { cached_tokens: 99 } })), {
    input_tokens: 70,
    output_tokens: 0,
    cache_read_input_tokens: 30,
    cache_creation_input_tokens: 20,
  });
});

test('fractional, boolean and negative counts are ignored; input never goes below 0 (LiteLLM #19)', () => {
  const converted = convertOpenAIUsage(usage({ prompt_tokens: 10, completion_tokens: 2.5 as number, cache_read_input_tokens: true as unknown as number, prompt_tokens_details: { cached_tokens: 0.5, cache_creation_tokens: -3 } }));
  assert.deepStrictEqual(converted, { input_tokens: 10, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  assert.equal(convertOpenAIUsage(usage({ prompt_tokens: 10, prompt_tokens_details: { cached_tokens: 30 } })).input_tokens, 0);
});
