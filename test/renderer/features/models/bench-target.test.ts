import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelEntry } from '../../../../gateway/admin/contract.ts';
import { benchableGroups, describeBenchTarget, groupBenchNote } from '../../../../renderer/features/models/bench-target.ts';

const entry = (id: string, group: string | null): ModelEntry => ({
  id, source: 'cloud', name: id, group, route: 'anthropic', health: 'healthy', cooldownUntil: null, contextWindow: null, price: null, sizeBytes: null, loaded: false, fit: null,
});

test('the groups a benchmark can measure: each configured group once, sorted; no wildcard patterns, no unrouted local models', () => {
  const models = [entry('sonnet-a', 'claude-sonnet'), entry('sonnet-b', 'claude-sonnet'), entry('local-qwen', 'qwen3:8b'), entry('any-claude', 'claude-*'), entry('gemma3:4b', null)];
  assert.deepEqual(benchableGroups(models), ['claude-sonnet', 'qwen3:8b']);
});

test('a result through the gateway says so and names the deployments that answered; an Ollama result needs no label', () => {
  assert.equal(describeBenchTarget({ kind: 'gateway', deployments: ['anthropic-main'] }), 'via gateway · anthropic-main');
  assert.equal(describeBenchTarget({ kind: 'gateway', deployments: ['sonnet-a', 'sonnet-b'] }), 'via gateway · sonnet-a, sonnet-b');
  assert.equal(describeBenchTarget({ kind: 'gateway', deployments: [] }), 'via gateway');
  assert.equal(describeBenchTarget({ kind: 'ollama', deployments: [] }), null);
});

test('the note before a group benchmark counts its real requests and says they are logged and charged', () => {
  const note = groupBenchNote(3);
  assert.match(note, /^Sends 4 real requests \(a warm-up and 3 runs\)/);
  assert.match(note, /request log/);
  assert.match(note, /charged/);
});
