import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { estimateFit, GIB, kvBytesPerToken, largestContextWithin, recommendContext, type MemoryBudget, type ModelShape } from '../../../gateway/local/fit/estimate-fit.ts';
import { budgetFromHardware, shapeFromShow, RAM_HEADROOM_BYTES } from '../../../gateway/local/fit/model-shape.ts';
import { recommendModels } from '../../../gateway/local/fit/recommend-models.ts';
import type { HardwareSnapshot } from '../../../gateway/local/hardware/hardware-types.ts';
import type { OllamaShowResponse } from '../../../gateway/local/ollama/ollama-api-types.ts';

const KIB = 1024;
const MIB = 1024 ** 2;

/** Within 10% of the figure in reference/desktop.md §3. */
function near(actual: number, expected: number, label: string) {
  assert.ok(Math.abs(actual - expected) <= expected * 0.1, `${label}: ${(actual / GIB).toFixed(3)} GiB is not within 10% of ${(expected / GIB).toFixed(3)} GiB`);
}

const qwen25 = { weightsBytes: 4.36 * GIB, layers: 28, kvHeads: 4, headDim: 128, maxContext: 32_768, vocabSize: 152_064 } satisfies ModelShape;
const llama31 = { weightsBytes: 4.6 * GIB, layers: 32, kvHeads: 8, headDim: 128, maxContext: 131_072, vocabSize: 128_256 } satisfies ModelShape;
const deepseekCoder = { weightsBytes: 3.8 * GIB, layers: 32, kvHeads: 32, headDim: 128, maxContext: 16_384, vocabSize: 32_256 } satisfies ModelShape;
const plenty: MemoryBudget = { gpuBytes: 48 * GIB, ramBytes: 64 * GIB, unifiedMemory: false };

test('worked examples of desktop.md §3: KV cache per token and at 4k/8k/32k, total at 8k', () => {
  const cases: Array<[string, ModelShape, number, number[], number]> = [
    ['qwen2.5:7b', qwen25, 56 * KIB, [224 * MIB, 448 * MIB, 1.75 * GIB], 5.3 * GIB],
    ['llama3.1:8b', llama31, 128 * KIB, [512 * MIB, 1 * GIB, 4 * GIB], 6.0 * GIB],
    ['deepseek-coder 6.7B', deepseekCoder, 512 * KIB, [2 * GIB, 4 * GIB, 8 * GIB], 8.2 * GIB],
  ];
  for (const [name, shape, perToken, [at4k, at8k, atLarge], totalAt8k] of cases) {
    near(kvBytesPerToken(shape), perToken, `${name} KV per token`);
    near(estimateFit(shape, 4_096, plenty).kvCacheBytes, at4k!, `${name} KV @4k`);
    near(estimateFit(shape, 8_192, plenty).kvCacheBytes, at8k!, `${name} KV @8k`);
    // deepseek-coder's largest context is 16k, where its KV is 8 GiB.
    near(estimateFit(shape, Math.min(32_768, shape.maxContext), plenty).kvCacheBytes, atLarge!, `${name} KV @max(32k)`);
    near(estimateFit(shape, 8_192, plenty).requiredBytes, totalAt8k, `${name} total @8k`);
  }
});

test('q8_0 KV cache halves the KV column', () => {
  near(estimateFit(llama31, 8_192, plenty, { kvCacheType: 'q8_0' }).kvCacheBytes, 0.5 * GIB, 'llama3.1 q8_0 KV @8k');
});

test('deepseek-coder without GQA fits an 8 GB card at 4k but not at 8k', () => {
  const eightGigabyteCard: MemoryBudget = { gpuBytes: 7.5 * GIB, ramBytes: 20 * GIB, unifiedMemory: false };
  assert.equal(estimateFit(deepseekCoder, 4_096, eightGigabyteCard).verdict, 'gpu');
  const at8k = estimateFit(deepseekCoder, 8_192, eightGigabyteCard);
  assert.equal(at8k.verdict, 'partial');
  assert.ok(at8k.gpuLayers > 0 && at8k.gpuLayers < 32);
  // Its largest GPU context sits between the two.
  const largest = at8k.maxGpuContext ?? 0;
  assert.ok(largest > 4_096 && largest < 8_192, String(largest));
});

test('partial offload counts layers; CPU only without a GPU; does not fit when RAM is short too', () => {
  const qwen32 = { weightsBytes: 20e9, layers: 64, kvHeads: 8, headDim: 128, maxContext: 40_960, vocabSize: 151_936 };
  const midRange = estimateFit(qwen32, 8_192, { gpuBytes: 12 * GIB, ramBytes: 28 * GIB, unifiedMemory: false });
  assert.equal(midRange.verdict, 'partial');
  // (12 GiB - overhead) / (weights / 65 + KV / 64) ≈ 35 layers.
  assert.ok(midRange.gpuLayers >= 33 && midRange.gpuLayers <= 37, String(midRange.gpuLayers));
  assert.equal(estimateFit(llama31, 8_192, { gpuBytes: 0, ramBytes: 20 * GIB, unifiedMemory: false }).verdict, 'cpu');
  assert.equal(estimateFit(qwen32, 8_192, { gpuBytes: 4 * GIB, ramBytes: 8 * GIB, unifiedMemory: false }).verdict, 'no');
  assert.equal(estimateFit(qwen32, 8_192, { gpuBytes: 0, ramBytes: 0, unifiedMemory: false }).maxGpuContext, null);
});

test('unified memory never adds RAM on top of the GPU share', () => {
  const mac: MemoryBudget = { gpuBytes: 22 * GIB, ramBytes: 30 * GIB, unifiedMemory: true };
  const qwen32 = { weightsBytes: 20e9, layers: 64, kvHeads: 8, headDim: 128, maxContext: 40_960, vocabSize: 151_936 };
  assert.equal(estimateFit(qwen32, 4_096, mac).verdict, 'gpu');
  assert.equal(estimateFit(qwen32, 40_960, mac).verdict, 'no');
});

test('largest context: stepped to 256, capped at the model limit', () => {
  const onEightGiB = largestContextWithin(llama31, 8 * GIB) ?? 0;
  // (8 - 4.6 - overhead ≈ 0.49 GiB) / 128 KiB ≈ 23.3k tokens.
  assert.ok(onEightGiB > 22_000 && onEightGiB < 24_500, String(onEightGiB));
  assert.equal(onEightGiB % 256, 0);
  assert.equal(largestContextWithin(qwen25, 100 * GIB), 32_768);
  assert.equal(largestContextWithin(llama31, 4 * GIB), null);
});

test('recommended num_ctx: up to 64k on a roomy GPU, at least the 64000 Claude Code needs when GPU + RAM hold it', () => {
  assert.equal(recommendContext(llama31, plenty), 65_536);
  assert.equal(recommendContext(qwen25, plenty), 32_768, 'no more than the model has');
  assert.equal(recommendContext(llama31, { gpuBytes: 8 * GIB, ramBytes: 16 * GIB, unifiedMemory: false }), 64_000, 'partly offloaded rather than too small for Claude Code');
  const tiny = recommendContext(llama31, { gpuBytes: 0, ramBytes: 6 * GIB, unifiedMemory: false });
  assert.ok(tiny >= 2_048 && tiny < 64_000, String(tiny));
});

test('a shape read from /api/show model_info, with the tags size as the weights', () => {
  const show = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/local/show-llama3.1-8b.json'), 'utf8')) as OllamaShowResponse;
  assert.deepEqual(shapeFromShow(show, 4_920_753_328), { weightsBytes: 4_920_753_328, layers: 32, kvHeads: 8, headDim: 128, maxContext: 131_072, vocabSize: 128_256 });
  // Without the file size, parameters × Q4_K_M bits.
  near(shapeFromShow(show)?.weightsBytes ?? 0, 4.6 * GIB, 'llama3.1 weights from parameter count');
  assert.equal(shapeFromShow({ model_info: {} }), null);
});

test('the budget comes from the probe: GPU share, available RAM minus headroom', () => {
  const hardware = {
    usableGpuBytes: { value: 10 * GIB, source: 'nvidia-smi' },
    ram: { totalBytes: { value: 32 * GIB, source: 'systeminformation' }, availableBytes: { value: 20 * GIB, source: 'systeminformation' } },
    unifiedMemory: false,
  } as HardwareSnapshot;
  assert.deepEqual(budgetFromHardware(hardware), { gpuBytes: 10 * GIB, ramBytes: 20 * GIB - RAM_HEADROOM_BYTES, unifiedMemory: false });
  assert.equal(budgetFromHardware(hardware, 6 * GIB).gpuBytes, 6 * GIB);
});

test('recommendations: best quantization that fits on the GPU, runnable models first', () => {
  const rtx4090 = recommendModels({ gpuBytes: 23 * GIB, ramBytes: 28 * GIB, unifiedMemory: false });
  const coder = rtx4090.find((model) => model.family === 'qwen3-coder');
  assert.equal(coder?.name, 'qwen3-coder:30b');
  assert.equal(coder?.fit, 'partial', 'at Claude Code\'s 64k its KV cache does not fit beside the weights in 23 GiB');
  const small = rtx4090.find((model) => model.name.startsWith('qwen3:8b'));
  assert.equal(small?.name, 'qwen3:8b-q8_0');
  assert.equal(rtx4090[0]?.fit, 'gpu');
  assert.equal(rtx4090.at(-1)?.name, 'gpt-oss:120b');
  assert.equal(rtx4090.at(-1)?.fit, 'no');
  const verdictOrder = rtx4090.map((model) => ['gpu', 'partial', 'cpu', 'no'].indexOf(model.fit));
  assert.deepEqual(verdictOrder, [...verdictOrder].sort((left, right) => left - right));

  const laptop = recommendModels({ gpuBytes: 0, ramBytes: 12 * GIB, unifiedMemory: false });
  assert.ok(laptop.every((model) => model.fit === 'cpu' || model.fit === 'no'));
  assert.ok(laptop.some((model) => model.name === 'llama3.2:3b' && model.fit === 'cpu'));
});
