import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  adminEndpoints, adminEventSchema, benchRequestSchema, claudeCodePlanQuerySchema, logsQuerySchema, ollamaModelNameSchema, pullRequestSchema, spendQuerySchema,
} from '../../../gateway/admin/contract.ts';

test('query strings coerce: numbers, status filters, booleans, defaults', () => {
  assert.deepEqual(logsQuerySchema.parse({ since: '1700000000000', status: '429', limit: '50' }), { since: 1_700_000_000_000, status: 429, limit: 50 });
  assert.deepEqual(logsQuerySchema.parse({ status: 'error' }), { status: 'error', limit: 200 });
  assert.equal(logsQuerySchema.safeParse({ limit: '5000' }).success, false);
  assert.equal(logsQuerySchema.safeParse({ status: 'teapot' }).success, false);
  assert.deepEqual(spendQuerySchema.parse({}), { groupBy: 'day' });
  assert.equal(spendQuerySchema.safeParse({ from: '2026-13-01' }).success, false);
  assert.deepEqual(claudeCodePlanQuerySchema.parse({ reveal: 'true' }), { reveal: true });
  assert.deepEqual(claudeCodePlanQuerySchema.parse({ reveal: '0' }), { reveal: false });
});

test('model names that reach Ollama URLs and CLIs are strict', () => {
  for (const name of ['qwen3:8b', 'library/llama3.3:70b-instruct-q4_K_M', 'hf.co/org/model:Q4_0']) assert.equal(ollamaModelNameSchema.safeParse(name).success, true, name);
  for (const name of ['', '../etc/passwd', 'a b', 'qwen3:8b;rm', '-flag']) assert.equal(ollamaModelNameSchema.safeParse(name).success, false, name);
  assert.equal(pullRequestSchema.safeParse({ model: 'qwen3:8b' }).success, true);
  assert.deepEqual(benchRequestSchema.parse({ model: 'qwen3:8b' }), { model: 'qwen3:8b', runs: 3, depth: true });
});

test('an Ollama benchmark can skip its depth run with depth: false; a group benchmark, which has none, ignores it', () => {
  assert.deepEqual(benchRequestSchema.parse({ model: 'qwen3:8b', depth: false }), { model: 'qwen3:8b', runs: 3, depth: false });
  assert.deepEqual(benchRequestSchema.parse({ group: 'claude-sonnet', depth: false }), { group: 'claude-sonnet', runs: 3 });
  assert.equal(benchRequestSchema.safeParse({ model: 'qwen3:8b', depth: 'no' }).success, false);
});

test('a benchmark is of an Ollama model or of a model group, exactly one', () => {
  assert.deepEqual(benchRequestSchema.parse({ group: 'claude-sonnet', runs: 2 }), { group: 'claude-sonnet', runs: 2 });
  for (const body of [{}, { model: 'qwen3:8b', group: 'claude-sonnet' }, { group: '' }, { group: 'claude-sonnet', runs: 21 }]) {
    assert.equal(benchRequestSchema.safeParse(body).success, false, JSON.stringify(body));
  }
  assert.match(benchRequestSchema.safeParse({ model: 'qwen3:8b', group: 'claude-sonnet' }).error?.issues[0]?.message ?? '', /exactly one of "model".*or "group"/);
});

test('events are discriminated by type; a request.end is a full log row', () => {
  const end = adminEventSchema.parse({
    type: 'request.end', id: 'r1', model: 'claude-sonnet-4-5', group: 'sonnet', route: 'anthropic', deployment: 'a1', protocol: 'anthropic', stream: true,
    status: 200, errorType: null, inputTokens: 10, outputTokens: 20, cacheRead: 0, cacheWrite: 0, costUsd: 0.001, latencyMs: 900, ttftMs: 120, startedAt: 1, at: 2,
  });
  assert.equal(end.type, 'request.end');
  assert.equal(adminEventSchema.safeParse({ type: 'request.end', id: 'r1' }).success, false);
  assert.equal(adminEventSchema.safeParse({ type: 'request.begin', id: 'r1', at: 1 }).success, false);
  assert.equal(adminEventSchema.safeParse({ type: 'request.first_token', id: 'r1', at: 1 }).success, true);
});

test('the endpoint table has one row per method and path', () => {
  const keys = Object.values(adminEndpoints).map((endpoint) => `${endpoint.method} ${endpoint.path}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(keys.every((key) => / \/admin\//.test(key)));
});

test('bench.progress has the depth and tools phases, and a result carries the depth run and the tool-call verdict', () => {
  const result = {
    id: 'b1', kind: 'ollama', model: 'qwen3:8b', at: 1, status: 'done', runs: 3, promptTokensPerSecond: 900, generationTokensPerSecond: 60, ttftMs: 80, loadMs: 900, numCtx: 32768, error: null,
    depth: { targetTokens: 16384, promptTokens: 16502, promptTokensPerSecond: 812.4, generationTokensPerSecond: 41.2, ttftMs: 20_310 },
    toolCall: { verdict: 'fail', reason: 'answered in text instead of calling Read: "I cannot read files."', tool: 'Read' },
    deployments: [],
  };
  for (const phase of ['depth', 'tools']) {
    assert.equal(adminEventSchema.safeParse({ type: 'bench.progress', id: 'b1', kind: 'ollama', model: 'qwen3:8b', phase, run: 3, runs: 3, depthTokens: phase === 'depth' ? 16_384 : null, result: null, at: 1 }).success, true, phase);
  }
  const done = adminEventSchema.parse({ type: 'bench.progress', id: 'b1', kind: 'ollama', model: 'qwen3:8b', phase: 'done', run: 3, runs: 3, depthTokens: null, result, at: 2 });
  assert.deepEqual(done.type === 'bench.progress' ? done.result : null, result);
  // Counters Ollama left out stay unknown; results stored before these checks have neither.
  const unknown = { ...result, depth: { ...result.depth, promptTokens: null, promptTokensPerSecond: null, generationTokensPerSecond: null, ttftMs: null }, toolCall: null };
  assert.equal(adminEventSchema.safeParse({ type: 'bench.progress', id: 'b1', kind: 'ollama', model: 'qwen3:8b', phase: 'done', run: 3, runs: 3, depthTokens: null, result: { ...unknown, depth: null }, at: 2 }).success, true);
  assert.equal(adminEventSchema.safeParse({ type: 'bench.progress', id: 'b1', kind: 'ollama', model: 'qwen3:8b', phase: 'done', run: 3, runs: 3, depthTokens: null, result: unknown, at: 2 }).success, true);
  assert.equal(adminEventSchema.safeParse({ type: 'bench.progress', id: 'b1', kind: 'ollama', model: 'qwen3:8b', phase: 'done', run: 3, runs: 3, depthTokens: null, result: { ...result, toolCall: { ...result.toolCall, verdict: 'maybe' } }, at: 2 }).success, false);
});

test('bench.progress says what kind of benchmark it is, so a group measured through the gateway is told apart while it runs', () => {
  const progress = { type: 'bench.progress', id: 'g1', kind: 'gateway', model: 'claude-sonnet', phase: 'generate', run: 1, runs: 3, depthTokens: null, result: null, at: 1 };
  const parsed = adminEventSchema.parse(progress);
  assert.equal(parsed.type === 'bench.progress' ? parsed.kind : null, 'gateway');
  const { kind: _kind, ...withoutKind } = progress;
  assert.equal(adminEventSchema.safeParse(withoutKind).success, false);
});
