import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeDepth, describeToolCall } from '../../../../renderer/features/models/bench-checks.ts';

test('the depth run reads as "at 16k: N t/s prompt, TTFT X s"; a counter Ollama left out is "?", not 0; none is a dash', () => {
  assert.equal(describeDepth({ targetTokens: 16_384, promptTokens: 16_502, promptTokensPerSecond: 812.4, generationTokensPerSecond: 41.2, ttftMs: 20_310 }), 'at 16k: 812 t/s prompt, TTFT 20.3 s');
  assert.equal(describeDepth({ targetTokens: 2048, promptTokens: null, promptTokensPerSecond: null, generationTokensPerSecond: null, ttftMs: 950 }), 'at 2k: ? t/s prompt, TTFT 950 ms');
  assert.equal(describeDepth(null), '—');
});

test('the tool-call verdict: pass is good, a fail says why, a model that cannot call tools is bad; none is shown as none', () => {
  assert.deepEqual(describeToolCall({ verdict: 'pass', reason: null, tool: 'Read' }), { label: 'Tools: pass', tone: 'good', reason: null });
  assert.deepEqual(describeToolCall({ verdict: 'fail', reason: 'answered in text instead of calling Read: "Sure!"', tool: 'Read' }),
    { label: 'Tools: fail', tone: 'warn', reason: 'answered in text instead of calling Read: "Sure!"' });
  assert.equal(describeToolCall({ verdict: 'error', reason: 'the model cannot call tools', tool: 'Read' })?.tone, 'bad');
  assert.equal(describeToolCall(null), null);
});
