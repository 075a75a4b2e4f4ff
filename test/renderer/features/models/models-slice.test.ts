import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AdminEvent, BenchResult, PullProgressEvent } from '../../../../gateway/admin/contract.ts';
import { finishesPull, modelsOnEvents, pullFraction } from '../../../../renderer/features/models/models-slice.ts';
import { createAppStore } from '../../../../renderer/store/app-store.ts';
import { fakeApi } from '../../fake-api.ts';

const pull = (completed: number, overrides: Partial<PullProgressEvent> = {}): PullProgressEvent => ({
  type: 'pull.progress', jobId: 'j1', model: 'qwen3:8b', status: 'downloading', completed, total: 1000, speed: 100, eta: 5, done: false, error: null, at: 1, ...overrides,
});
const result: BenchResult = { id: 'b1', kind: 'ollama', model: 'qwen3:8b', at: 1, status: 'done', runs: 3, promptTokensPerSecond: 900, generationTokensPerSecond: 60, ttftMs: 80, loadMs: 900, numCtx: 32768, error: null,
  depth: { targetTokens: 16384, promptTokens: 16502, promptTokensPerSecond: 812, generationTokensPerSecond: 41, ttftMs: 20_310 }, toolCall: { verdict: 'pass', reason: null, tool: 'Read' }, deployments: [] };

test('pull progress keeps the latest event per model', () => {
  const state = createAppStore(fakeApi({})).getState();
  const next = modelsOnEvents(state, [pull(100), pull(400)]);
  assert.equal(next?.pulls?.['qwen3:8b']?.completed, 400);
  assert.equal(pullFraction(pull(250)), 0.25);
  assert.equal(pullFraction(pull(0, { total: 0 })), null);
});

test('a finished bench leaves the running list and joins the results, once', () => {
  const state = { ...createAppStore(fakeApi({})).getState(), benchResults: [{ ...result, status: 'running' as const }] };
  const events: AdminEvent[] = [
    { type: 'bench.progress', id: 'b1', kind: 'ollama', model: 'qwen3:8b', phase: 'generate', run: 2, runs: 3, depthTokens: null, result: null, at: 1 },
    { type: 'bench.progress', id: 'b1', kind: 'ollama', model: 'qwen3:8b', phase: 'done', run: 3, runs: 3, depthTokens: null, result, at: 2 },
  ];
  const next = modelsOnEvents(state, events);
  assert.deepEqual(next?.benchProgress, {});
  assert.deepEqual(next?.benchResults, [result]);
});

test('a group benchmark asks for the group, not a model, and shows as running from its warm-up', async () => {
  const asked: unknown[] = [];
  const store = createAppStore(fakeApi({
    startBench: async (request) => {
      asked.push(request);
      return { id: 'g1' };
    },
  }));
  await store.getState().startGroupBench('claude-sonnet', 3);
  assert.deepEqual(asked, [{ group: 'claude-sonnet', runs: 3 }]);
  const running = store.getState().benchProgress.g1;
  assert.deepEqual({ kind: running?.kind, model: running?.model, phase: running?.phase, run: running?.run, runs: running?.runs }, { kind: 'gateway', model: 'claude-sonnet', phase: 'warmup', run: 0, runs: 3 });
  assert.deepEqual(store.getState().notices, []);
});

test('a local benchmark includes the depth run unless the user turns it off', async () => {
  const asked: unknown[] = [];
  const store = createAppStore(fakeApi({
    startBench: async (request) => {
      asked.push(request);
      return { id: `b${asked.length}` };
    },
  }));
  await store.getState().startBench('qwen3:8b', 3);
  store.getState().setBenchDepth(false);
  await store.getState().startBench('qwen3:8b', 3);
  assert.deepEqual(asked, [{ model: 'qwen3:8b', runs: 3, depth: true }, { model: 'qwen3:8b', runs: 3, depth: false }]);
  assert.equal(store.getState().benchProgress.b2?.kind, 'ollama');
});

test('a successful pull refreshes the lists; the finished row stays visible', async () => {
  let refreshes = 0;
  const store = createAppStore(fakeApi({
    models: async () => ({ models: [] }),
    localStatus: async () => {
      refreshes += 1;
      return { state: 'running', version: '0.12', host: 'http://127.0.0.1:11434', binaryPath: null, managed: false, message: null, pulls: [] };
    },
    localModels: async () => ({ models: [] }),
    hardware: async () => Promise.reject(new Error('probe failed')),
    catalog: async () => ({ models: [] }),
    benchResults: async () => ({ results: [] }),
  }));
  assert.equal(finishesPull([pull(1000, { done: true, status: 'success' })]), true);
  assert.equal(finishesPull([pull(10, { done: true, error: 'cancelled' })]), false);
  store.getState().ingest([pull(1000, { done: true, status: 'success' })], 2);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(refreshes, 1);
  assert.equal(store.getState().pulls['qwen3:8b']?.status, 'success');
  assert.deepEqual(store.getState().notices, [], 'a failing hardware probe does not raise a notice or hide the lists');
});

test('progress that arrived before the pull answer is kept, not reset to "starting"', async () => {
  let answer: (started: { jobId: string; model: string }) => void = () => undefined;
  const store = createAppStore(fakeApi({ pull: async () => new Promise((resolve) => { answer = resolve; }) }));
  store.getState().ingest([pull(0, { jobId: 'old', status: 'success', done: true })], 1);

  const pulling = store.getState().pullModel('qwen3:8b');
  store.getState().ingest([pull(1000, { status: 'success', done: true })], 2);
  answer({ jobId: 'j1', model: 'qwen3:8b' });
  await pulling;
  assert.equal(store.getState().pulls['qwen3:8b']?.status, 'success', 'a finished pull does not go back to starting');

  const again = store.getState().pullModel('qwen3:8b');
  answer({ jobId: 'j2', model: 'qwen3:8b' });
  await again;
  assert.equal(store.getState().pulls['qwen3:8b']?.status, 'starting', 'a new job replaces the last one\'s outcome');
});
