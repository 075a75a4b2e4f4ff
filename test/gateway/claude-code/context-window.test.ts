import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoCompactWindowFor, claudeCodeContextWindow } from '../../../gateway/claude-code/context-window.ts';
import { parseConfig } from '../../../gateway/config/parse-config.ts';

const configured = (yaml: string) => {
  const { config, errors } = parseConfig(yaml, {});
  assert.ok(config, JSON.stringify(errors));
  return config;
};

const QWEN_64K = '  - model_name: qwen3-coder\n    litellm_params: { model: ollama_chat/qwen3-coder:30b, num_ctx: 65536 }\n    model_info: { id: qwen-64k }\n';
const CLOUD_CLAUDE = '  - model_name: "claude-*"\n    litellm_params: { model: "anthropic/claude-*", api_key: sk-ant-test }\n';

test('an Ollama model\'s window is the num_ctx its deployment sends', () => {
  const config = configured(`model_list:\n${QWEN_64K}`);
  assert.deepEqual(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'qwen3-coder' }), { tokens: 65536, deployment: 'qwen-64k', setting: 'num_ctx' });
  assert.equal(autoCompactWindowFor(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'qwen3-coder' })), 65536);
});

test('without num_ctx an Ollama model gets the gateway default, or gatehouse.ollama.context_length', () => {
  const bare = 'model_list:\n  - model_name: local\n    litellm_params: { model: ollama_chat/qwen3:8b }\n';
  assert.equal(claudeCodeContextWindow(configured(bare), { ANTHROPIC_MODEL: 'local' })?.tokens, 65536);
  assert.equal(claudeCodeContextWindow(configured(`${bare}gatehouse: { ollama: { context_length: 131072 } }\n`), { ANTHROPIC_MODEL: 'local' })?.tokens, 131072);
});

test('a cloud model says nothing unless model_info.max_input_tokens does', () => {
  assert.equal(claudeCodeContextWindow(configured(`model_list:\n${CLOUD_CLAUDE}`), { ANTHROPIC_MODEL: 'claude-sonnet-4-5' }), undefined);
  const limited = 'model_list:\n  - model_name: deepseek\n    litellm_params: { model: openai/deepseek-chat, api_base: "http://127.0.0.1:9/v1" }\n    model_info: { max_input_tokens: 128000 }\n';
  assert.deepEqual(claudeCodeContextWindow(configured(limited), { ANTHROPIC_MODEL: 'deepseek' }), { tokens: 128000, deployment: 'deepseek:openai/deepseek-chat', setting: 'max_input_tokens' });
});

test('a group balanced over several deployments is as small as its smallest', () => {
  const config = configured(`model_list:\n${QWEN_64K}  - model_name: qwen3-coder\n    litellm_params: { model: ollama_chat/qwen3-coder:30b, api_base: "http://127.0.0.1:11435", num_ctx: 131072 }\n`);
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'qwen3-coder' })?.deployment, 'qwen-64k');
});

test('with no model set, Claude Code\'s own claude-* name is followed through wildcards and the claude_code rules', () => {
  const wildcard = configured('model_list:\n  - model_name: "claude-*"\n    litellm_params: { model: ollama_chat/qwen3-coder:30b, num_ctx: 98304 }\n');
  assert.equal(claudeCodeContextWindow(wildcard, {})?.tokens, 98304);
  const byDefaultRule = configured(`model_list:\n${QWEN_64K}gatehouse: { claude_code: { default: qwen3-coder } }\n`);
  assert.equal(claudeCodeContextWindow(byDefaultRule, {})?.tokens, 65536);
  const cloudOnly = configured(`model_list:\n${CLOUD_CLAUDE}${QWEN_64K}`);
  assert.equal(claudeCodeContextWindow(cloudOnly, {}), undefined, 'the default rule is not set, and claude-* goes to the cloud');
});

test('the think rule takes Claude Code\'s main requests too, so a smaller think group bounds the window', () => {
  const config = configured(`model_list:\n${QWEN_64K}  - model_name: thinker\n    litellm_params: { model: ollama_chat/qwq, num_ctx: 40960 }\ngatehouse: { claude_code: { think: thinker } }\n`);
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'qwen3-coder' })?.deployment, 'thinker:ollama_chat/qwq');
});

test('with a longContext rule the long-context group bounds the conversation', () => {
  const toLocal = configured(`model_list:\n${QWEN_64K}  - model_name: long\n    litellm_params: { model: ollama_chat/qwen3-coder:30b, num_ctx: 163840 }\ngatehouse: { claude_code: { longContext: long } }\n`);
  assert.equal(claudeCodeContextWindow(toLocal, { ANTHROPIC_MODEL: 'qwen3-coder' })?.tokens, 163840);
  const toCloud = configured(`model_list:\n${QWEN_64K}${CLOUD_CLAUDE}gatehouse: { claude_code: { longContext: claude-sonnet-4-5 } }\n`);
  assert.equal(claudeCodeContextWindow(toCloud, { ANTHROPIC_MODEL: 'qwen3-coder' }), undefined);
});

test('the variable is set only between the 64k Claude Code needs and the 200k it assumes', () => {
  const window = (tokens: number) => ({ tokens, deployment: 'd', setting: 'num_ctx' as const });
  assert.equal(autoCompactWindowFor(undefined), undefined);
  assert.equal(autoCompactWindowFor(window(32768)), undefined, 'too small: Claude Code would compact before its first request');
  assert.equal(autoCompactWindowFor(window(63999)), undefined);
  assert.equal(autoCompactWindowFor(window(64000)), 64000);
  assert.equal(autoCompactWindowFor(window(199999)), 199999);
  assert.equal(autoCompactWindowFor(window(200000)), undefined, 'Claude Code\'s own window already');
});

test('an alias, or no model at all, is followed through its tier\'s ANTHROPIC_DEFAULT_*_MODEL as Claude Code does', () => {
  const config = configured(`model_list:\n${CLOUD_CLAUDE}${QWEN_64K}`);
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_DEFAULT_OPUS_MODEL: 'qwen3-coder' })?.tokens, 65536, 'unset, the main loop is the opus tier on some accounts');
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_DEFAULT_SONNET_MODEL: 'qwen3-coder' })?.tokens, 65536, 'and the sonnet tier on others');
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: '', ANTHROPIC_DEFAULT_OPUS_MODEL: 'qwen3-coder' })?.tokens, 65536);
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'sonnet', ANTHROPIC_DEFAULT_SONNET_MODEL: 'qwen3-coder' })?.tokens, 65536);
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'opusplan', ANTHROPIC_DEFAULT_SONNET_MODEL: 'qwen3-coder' })?.tokens, 65536, 'opusplan executes on sonnet');
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'sonnet', ANTHROPIC_DEFAULT_OPUS_MODEL: 'qwen3-coder' }), undefined, 'sonnet without its variable is Claude\'s own');
});

test('a haiku-class model name goes where the background rule sends it, as the router does', () => {
  const config = configured(`model_list:\n${QWEN_64K}  - model_name: big\n    litellm_params: { model: ollama_chat/qwen3:32b, num_ctx: 131072 }\ngatehouse: { claude_code: { background: big, default: qwen3-coder } }\n`);
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'claude-haiku-4-5' })?.tokens, 131072);
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'claude-sonnet-4-5' })?.tokens, 65536);
});

test('subagents compact by the same variable, so their model counts too', () => {
  const config = configured(`model_list:\n${CLOUD_CLAUDE}${QWEN_64K}`);
  assert.equal(claudeCodeContextWindow(config, { ANTHROPIC_MODEL: 'claude-sonnet-4-5', CLAUDE_CODE_SUBAGENT_MODEL: 'qwen3-coder' })?.tokens, 65536);
});

test('with a longContext rule past the main model\'s window, the main model overflows first', () => {
  const longToCloud = (threshold: number) => configured(`model_list:\n${QWEN_64K}${CLOUD_CLAUDE}gatehouse: { claude_code: { longContext: claude-sonnet-4-5, longContextThreshold: ${threshold} } }\n`);
  assert.equal(claudeCodeContextWindow(longToCloud(100000), { ANTHROPIC_MODEL: 'qwen3-coder' })?.tokens, 65536, 'requests of 64k to 100k tokens still go to the 64k model');
  assert.equal(claudeCodeContextWindow(longToCloud(65536), { ANTHROPIC_MODEL: 'qwen3-coder' })?.tokens, 65536);
  assert.equal(claudeCodeContextWindow(longToCloud(60000), { ANTHROPIC_MODEL: 'qwen3-coder' }), undefined, 'past 60k the cloud model takes over');
});
