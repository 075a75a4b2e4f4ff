import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeDepth, describeToolCall } from '../../../../renderer/features/models/bench-checks.ts';

const pass = { verdict: 'pass', reason: null, tool: 'Read' } as const;

test('the depth run reads as "at 16k: N t/s prompt, TTFT X s"; a counter Ollama left out is "?", not 0; none is a dash', () => {
  assert.equal(describeDepth({ depth: { targetTokens: 16_384, promptTokens: 16_502, promptTokensPerSecond: 812.4, generationTokensPerSecond: 41.2, ttftMs: 20_310 }, toolCall: pass }), 'at 16k: 812 t/s prompt, TTFT 20.3 s');
  assert.equal(describeDepth({ depth: { targetTokens: 2048, promptTokens: null, promptTokensPerSecond: null, generationTokensPerSecond: null, ttftMs: 950 }, toolCall: null }), 'at 2k: ? t/s prompt, TTFT 950 ms');
  assert.equal(describeDepth({ depth: null, toolCall: null }), '—', 'a group benchmark, a result stored before, or a run stopped first');
});

test('a depth run left out on request reads as skipped: the tool-call test ran, the depth run before it did not', () => {
  assert.equal(describeDepth({ depth: null, toolCall: pass }), 'skipped');
  assert.equal(describeDepth({ depth: null, toolCall: { verdict: 'error', reason: 'the model cannot call tools', tool: 'Read' } }), 'skipped');
});

test('the tool-call verdict: pass is good, a fail says why, a model that cannot call tools is bad; none is shown as none', () => {
  assert.deepEqual(describeToolCall({ verdict: 'pass', reason: null, tool: 'Read' }), { label: 'Tools: pass', tone: 'good', reason: null });
  assert.deepEqual(describeToolCall({ verdict: 'fail', reason: 'answered in text instead of calling Read: "Sure!"', tool: 'Read' }),
    { label: 'Tools: fail', tone: 'warn', reason: 'answered in text instead of calling Read: "Sure!"' });
  assert.equal(describeToolCall({ verdict: 'error', reason: 'the model cannot call tools', tool: 'Read' })?.tone, 'bad');
  assert.equal(describeToolCall(null), null);
});
