import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claudeModelRules, effortWithThinkingOff, nearestEffort } from '../../../../gateway/protocol/anthropic/claude-model-rules.ts';

const rules = (model: string) => {
  const found = claudeModelRules(model);
  assert.ok(found, model);
  return found;
};
const thinkingTypes = (model: string) => [...rules(model).thinkingTypes].sort();

test('the thinking types each model takes: budgets until 4.6, adaptive from 4.6, no way to switch off on the always-thinking models', () => {
  assert.deepEqual(thinkingTypes('claude-sonnet-4-5-20250929'), ['disabled', 'enabled']);
  assert.deepEqual(thinkingTypes('claude-haiku-4-5'), ['disabled', 'enabled']);
  assert.deepEqual(thinkingTypes('claude-sonnet-4-6'), ['adaptive', 'disabled', 'enabled']);
  for (const model of ['claude-opus-4-7', 'claude-opus-4-8', 'claude-opus-5', 'claude-sonnet-5', 'claude-haiku-5-5']) assert.deepEqual(thinkingTypes(model), ['adaptive', 'disabled'], model);
  for (const model of ['claude-opus-5-5', 'claude-fable-5', 'claude-fable-5-1', 'claude-mythos-5', 'claude-mythos-5-1']) assert.deepEqual(thinkingTypes(model), ['adaptive'], model);
  assert.deepEqual(thinkingTypes('claude-sonnet-5-5'), ['adaptive', 'between_tools']);
});

test('thinking is on by default from Opus 5, Sonnet 5 and Haiku 5.5; off on 4.x', () => {
  for (const model of ['claude-opus-5', 'claude-sonnet-5', 'claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-1']) assert.equal(rules(model).thinksByDefault, true, model);
  for (const model of ['claude-opus-4-8', 'claude-sonnet-4-6', 'claude-haiku-4-5']) assert.equal(rules(model).thinksByDefault, false, model);
});

test('forced tool use is refused by Opus 5.5, Sonnet 5.5, Fable 5.1 and Mythos 5.1 only', () => {
  for (const model of ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-fable-5-1', 'claude-mythos-5-1']) assert.equal(rules(model).forcedToolUse, false, model);
  for (const model of ['claude-haiku-5-5', 'claude-opus-5', 'claude-fable-5', 'claude-opus-4-8', 'claude-sonnet-4-5']) assert.equal(rules(model).forcedToolUse, true, model);
});

test('sampling parameters are refused from Opus 4.7 on, prefill from Claude 4.6 on', () => {
  assert.deepEqual(['claude-sonnet-4-6', 'claude-opus-4-7', 'claude-sonnet-5', 'claude-haiku-5-5'].map((model) => rules(model).samplingParams), [true, false, false, false]);
  assert.deepEqual(['claude-sonnet-4-5', 'claude-opus-4-6', 'claude-sonnet-4-6', 'claude-opus-5-5'].map((model) => rules(model).prefill), [true, false, false, false]);
});

test('names: dated, platform-prefixed and newer-than-known names resolve; the 3.x names, previews and other models do not', () => {
  assert.equal(rules('claude-sonnet-4-6-20260217'), rules('claude-sonnet-4-6'));
  assert.equal(rules('us.anthropic.claude-opus-4-7'), rules('claude-opus-4-7'));
  assert.equal(rules('claude-sonnet-4-20250514'), rules('claude-opus-4-1'));
  assert.equal(rules('claude-opus-6'), rules('claude-opus-5-5'));
  assert.equal(rules('claude-sonnet-5-7'), rules('claude-sonnet-5-5'));
  assert.equal(rules('claude-lyric-5-5'), rules('claude-opus-5-5'));
  for (const model of ['claude-3-7-sonnet-20250219', 'claude-mythos-preview', 'claude-x', 'gpt-5', 'qwen3:8b']) assert.equal(claudeModelRules(model), undefined, model);
});

test('efforts: the nearest one taken at or below the ask; thinking off on Opus 5 and Sonnet 5.5 only up to high', () => {
  assert.equal(nearestEffort(rules('claude-opus-4-6'), 'xhigh'), 'high');
  assert.equal(nearestEffort(rules('claude-opus-4-6'), 'max'), 'max');
  assert.equal(nearestEffort(rules('claude-opus-4-5'), 'max'), 'high');
  assert.equal(nearestEffort(rules('claude-opus-4-7'), 'xhigh'), 'xhigh');
  assert.equal(nearestEffort(rules('claude-sonnet-4-5'), 'max'), 'max');
  assert.equal(effortWithThinkingOff(rules('claude-opus-5'), 'max'), 'high');
  assert.equal(effortWithThinkingOff(rules('claude-sonnet-5-5'), 'medium'), 'medium');
  assert.equal(effortWithThinkingOff(rules('claude-sonnet-5'), 'max'), 'max');
});
