import { test } from 'node:test';
import assert from 'node:assert/strict';
import { depthFigures, describeDepth, describeToolCall, formatRatePair } from '../../../../renderer/features/models/bench-checks.ts';

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

test('prompt and generation rates share one cell as "prompt / gen"; one not measured is a dash there and "?" in the depth run', () => {
  assert.equal(formatRatePair(4120, 128.4), '4,120 / 128');
  assert.equal(formatRatePair(null, 71.6), '— / 71.6', 'a group benchmark has no prompt rate of its own');
  assert.deepEqual(depthFigures({ depth: { targetTokens: 16_384, promptTokens: 16_502, promptTokensPerSecond: 2710, generationTokensPerSecond: null, ttftMs: 6240 }, toolCall: pass }),
    { rates: 'at 16k: 2,710 / ?', ttft: '6.24 s' });
});

test('the depth line under the figures: "long prompt skipped" when left out on request, nothing when never run', () => {
  assert.deepEqual(depthFigures({ depth: null, toolCall: pass }), { rates: 'long prompt skipped', ttft: '' });
  assert.equal(depthFigures({ depth: null, toolCall: null }), null);
});
