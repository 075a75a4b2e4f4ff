import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClaudeCodeEnv, normaliseGatewayUrl, persistedEntries } from '../../../gateway/claude-code/env.ts';

test('the base URL is the bare origin whatever form the gateway URL takes', () => {
  const cases: [string, string][] = [
    ['http://127.0.0.1:4747', 'http://127.0.0.1:4747'],
    ['http://127.0.0.1:4747/', 'http://127.0.0.1:4747'],
    ['http://127.0.0.1:4747/v1', 'http://127.0.0.1:4747'],
    ['http://127.0.0.1:4747/v1/?x=1#y', 'http://127.0.0.1:4747'],
    ['127.0.0.1:4747', 'http://127.0.0.1:4747'],
    ['localhost:4747/v1/', 'http://localhost:4747'],
    ['http://0.0.0.0:4747', 'http://127.0.0.1:4747'],
    ['http://[::]:4747/v1', 'http://[::1]:4747'],
    ['HTTPS://Gate.Example:443/prefix/v1', 'https://gate.example/prefix'],
  ];
  for (const [input, expected] of cases) assert.equal(normaliseGatewayUrl(input), expected, input);
  assert.throws(() => normaliseGatewayUrl('ftp://127.0.0.1'), /http/);
  assert.throws(() => normaliseGatewayUrl('http://user:pw@127.0.0.1:4747'), /user name/);
  assert.throws(() => normaliseGatewayUrl('http://'), /not a URL/);
});

test('the env comes in a fixed order with the API key emptied and unset options left out', () => {
  const env = buildClaudeCodeEnv({ gatewayUrl: 'http://127.0.0.1:4747/v1', gatewayKey: 'sk-gate', models: { main: 'qwen3:8b', haiku: 'llama3.2:3b' }, autoCompactWindow: 65536, apiTimeoutMs: 600000, disableNonessentialTraffic: true });
  assert.deepEqual(env, [
    { name: 'ANTHROPIC_BASE_URL', value: 'http://127.0.0.1:4747' },
    { name: 'ANTHROPIC_AUTH_TOKEN', value: 'sk-gate' },
    { name: 'ANTHROPIC_API_KEY', value: '' },
    { name: 'ANTHROPIC_MODEL', value: 'qwen3:8b' },
    { name: 'ANTHROPIC_DEFAULT_HAIKU_MODEL', value: 'llama3.2:3b' },
    { name: 'ANTHROPIC_SMALL_FAST_MODEL', value: 'llama3.2:3b' },
    { name: 'CLAUDE_CODE_AUTO_COMPACT_WINDOW', value: '65536' },
    { name: 'API_TIMEOUT_MS', value: '600000' },
    { name: 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', value: '1' },
  ]);
  assert.deepEqual(persistedEntries(env).map((entry) => entry.name).includes('ANTHROPIC_API_KEY'), false);
  assert.deepEqual(buildClaudeCodeEnv({ gatewayUrl: 'x:1', gatewayKey: 'k', models: { opus: '', sonnet: 's' } }).map((entry) => entry.name), ['ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'ANTHROPIC_DEFAULT_SONNET_MODEL']);
});

test('an empty key or a bad timeout is refused with a message that says what to do', () => {
  assert.throws(() => buildClaudeCodeEnv({ gatewayUrl: 'http://127.0.0.1:1', gatewayKey: ' ' }), /master_key or pass --key/);
  assert.throws(() => buildClaudeCodeEnv({ gatewayUrl: 'http://127.0.0.1:1', gatewayKey: 'k', apiTimeoutMs: 1.5 }), /whole number/);
  assert.throws(() => buildClaudeCodeEnv({ gatewayUrl: 'http://127.0.0.1:1', gatewayKey: 'k', autoCompactWindow: 0 }), /CLAUDE_CODE_AUTO_COMPACT_WINDOW must be a positive whole number of tokens/);
  assert.throws(() => buildClaudeCodeEnv({ gatewayUrl: 'http://127.0.0.1:1', gatewayKey: 'k', models: { main: 'a\tb' } }), /ANTHROPIC_MODEL contains a control character/);
});
