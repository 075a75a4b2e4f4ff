import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chooseClaudeCodeGroup } from '../../../gateway/router/claude-code-rules.ts';
import { claudeCodeRulesSchema } from '../../../gateway/config/schema.ts';
import type { AnthropicMessagesRequest } from '../../../gateway/protocol/anthropic/types.ts';
import { messagesRequest } from './router-fixtures.ts';

const CAPTURES = '/work/shared/reference/claude-code-captures/variants-slim.jsonl';

const rules = claudeCodeRulesSchema.parse({ background: 'local-small', think: 'thinker', longContext: 'big', longContextThreshold: 60_000, webSearch: 'searcher', default: 'main' });
const configured = new Set(['claude-sonnet-4-5', 'local-small', 'thinker', 'big', 'searcher', 'main']);

function choose(canonical: AnthropicMessagesRequest, tokens = 1000) {
  let estimated = 0;
  const choice = chooseClaudeCodeGroup(rules, {
    model: canonical.model,
    canonical: () => canonical,
    estimatedInputTokens: () => {
      estimated += 1;
      return tokens;
    },
    isConfiguredName: (name) => configured.has(name),
  });
  return { choice, estimated };
}

test('rule order: longContext, background, webSearch, think, default', () => {
  const huge = messagesRequest({ model: 'claude-haiku-4-5', thinking: { type: 'enabled', budget_tokens: 1024 } });
  assert.deepEqual(choose(huge, 70_000).choice, { group: 'big', rule: 'longContext' });
  assert.deepEqual(choose(huge).choice, { group: 'local-small', rule: 'background' });
  const search = messagesRequest({ tools: [{ type: 'web_search_20250305', name: 'web_search' }], thinking: { type: 'adaptive' } });
  assert.deepEqual(choose(search).choice, { group: 'searcher', rule: 'webSearch' });
  assert.deepEqual(choose(messagesRequest({ thinking: { type: 'adaptive' } })).choice, { group: 'thinker', rule: 'think' });
  assert.equal(choose(messagesRequest({ thinking: { type: 'disabled' } })).choice, undefined);
  assert.deepEqual(choose(messagesRequest({ model: 'claude-opus-4-8' })).choice, { group: 'main', rule: 'default' });
});

test('the token estimate is computed only when a longContext rule exists', () => {
  assert.equal(choose(messagesRequest()).estimated, 1);
  const withoutLongContext = claudeCodeRulesSchema.parse({ think: 'thinker' });
  let called = false;
  chooseClaudeCodeGroup(withoutLongContext, { model: 'x', canonical: () => messagesRequest(), estimatedInputTokens: () => { called = true; return 0; }, isConfiguredName: () => true });
  assert.equal(called, false);
});

test('captured Claude Code requests: haiku title calls go to background, adaptive-thinking main calls to think', () => {
  const requests = readFileSync(CAPTURES, 'utf8').split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as { body: unknown })
    .map((record) => record.body)
    .filter((body): body is AnthropicMessagesRequest => typeof body === 'object' && body !== null && 'messages' in body);
  assert.ok(requests.length >= 20);
  const byRule = new Map<string, number>();
  for (const request of requests) {
    const { choice } = choose(request);
    const rule = choice?.rule ?? 'none';
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    if (/haiku/.test(request.model)) assert.equal(rule, 'background', 'haiku-class requests are background work');
    else if (request.thinking?.type === 'adaptive') assert.equal(rule, 'think');
    else assert.ok(rule === 'default' || rule === 'none', `${request.model} ${JSON.stringify(request.thinking)} → ${rule}`);
  }
  assert.ok((byRule.get('background') ?? 0) >= 3);
  assert.ok((byRule.get('think') ?? 0) >= 10);
});
