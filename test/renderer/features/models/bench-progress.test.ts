import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchProgressEvent } from '../../../../gateway/admin/contract.ts';
import { describeBenchProgress } from '../../../../renderer/features/models/bench-progress.ts';

const progress = (overrides: Partial<BenchProgressEvent>): BenchProgressEvent => ({
  type: 'bench.progress', id: 'b1', kind: 'ollama', model: 'qwen3:8b', phase: 'generate', run: 2, runs: 3, depthTokens: null, result: null, at: 1, ...overrides,
});

test('a group benchmark runs "via gateway"; an Ollama one is just its model', () => {
  assert.equal(describeBenchProgress(progress({ kind: 'gateway', model: 'claude-sonnet', phase: 'warmup', run: 0 })), 'claude-sonnet via gateway: warm-up');
  assert.equal(describeBenchProgress(progress({ kind: 'gateway', model: 'claude-sonnet' })), 'claude-sonnet via gateway: run 2/3');
  assert.equal(describeBenchProgress(progress({})), 'qwen3:8b: run 2/3');
});

test('the steps read as words: the depth run with the size it aims at, the smoke test as a tool-call test', () => {
  assert.equal(describeBenchProgress(progress({ phase: 'load', run: 0 })), 'qwen3:8b: loading the model');
  assert.equal(describeBenchProgress(progress({ phase: 'prompt' })), 'qwen3:8b: run 2/3 (reading the prompt)');
  assert.equal(describeBenchProgress(progress({ phase: 'depth', run: 3, depthTokens: 16_384 })), 'qwen3:8b: long-prompt run (16k)');
  assert.equal(describeBenchProgress(progress({ phase: 'depth', run: 3, depthTokens: 4096 })), 'qwen3:8b: long-prompt run (4k)');
  assert.equal(describeBenchProgress(progress({ phase: 'depth', run: 3 })), 'qwen3:8b: long-prompt run', 'size unknown: not guessed');
  assert.equal(describeBenchProgress(progress({ phase: 'tools', run: 3 })), 'qwen3:8b: tool-call test');
});
