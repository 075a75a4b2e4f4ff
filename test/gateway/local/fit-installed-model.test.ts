import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { OllamaClient } from '../../../gateway/local/ollama/ollama-client.ts';
import { deploymentForInstalledModel, fitInstalledModel } from '../../../gateway/local/fit/fit-installed-model.ts';
import { GIB } from '../../../gateway/local/fit/estimate-fit.ts';
import type { HardwareSnapshot } from '../../../gateway/local/hardware/hardware-types.ts';
import { createTestModel, startOllamaTestServer, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';

let ollama: OllamaTestServer;
before(async () => {
  ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b'), createTestModel('qwen3:32b', { blockCount: 64 })] });
});
after(() => ollama.close());

function machine(gpuGib: number, availableRamGib: number): HardwareSnapshot {
  return {
    usableGpuBytes: { value: gpuGib * GIB, source: 'nvidia-smi' },
    ram: { totalBytes: { value: 64 * GIB, source: 'systeminformation' }, availableBytes: { value: availableRamGib * GIB, source: 'systeminformation' } },
    unifiedMemory: false,
  } as HardwareSnapshot;
}

test('an installed model is judged from /api/show and its /api/tags size', async () => {
  const client = new OllamaClient({ baseUrl: ollama.url });
  const roomy = await fitInstalledModel(client, machine(24, 32), 'qwen3:8b');
  assert.deepEqual({ layers: roomy.shape.layers, kvHeads: roomy.shape.kvHeads, headDim: roomy.shape.headDim, maxContext: roomy.shape.maxContext }, { layers: 36, kvHeads: 8, headDim: 128, maxContext: 40_960 });
  assert.equal(roomy.recommendedContext, 40_960);
  assert.equal(roomy.estimate.verdict, 'gpu');
  const tight = await fitInstalledModel(client, machine(8, 32), 'qwen3:32b', 8_192);
  assert.equal(tight.estimate.context, 8_192);
  assert.equal(tight.estimate.verdict, 'partial');
});

test('exposing a pulled model gives an ollama_chat deployment with num_ctx for this machine', async () => {
  const client = new OllamaClient({ baseUrl: ollama.url });
  const deployment = await deploymentForInstalledModel(client, machine(24, 32), 'qwen3:8b', { modelName: 'claude-3-5-haiku-20241022' });
  assert.deepEqual(deployment, {
    model_name: 'claude-3-5-haiku-20241022',
    litellm_params: { model: 'ollama_chat/qwen3:8b', api_base: ollama.url, num_ctx: 40_960 },
    model_info: { id: 'ollama-qwen3-8b', route: 'local' },
  });
  assert.equal((await deploymentForInstalledModel(client, machine(24, 32), 'qwen3:8b', { numCtx: 16_384 })).litellm_params.num_ctx, 16_384);
});
