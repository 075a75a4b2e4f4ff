import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { runClaudeCodeDoctor, type ApplyStep, type DoctorCheck, type DoctorOptions } from '../../../gateway/claude-code/doctor.ts';
import { parseConfig } from '../../../gateway/config/parse-config.ts';

const KEY = 'sk-gate-doctor';
/** A caller with its own wording for each step, as the dashboard has. */
const BUTTON_STEP: ApplyStep = {
  apply: 'press Apply above', applyWithBackgroundModel: null, useServedModel: 'use the Routes page',
  gatewayAddress: 'the Settings page', gatewayKey: 'the config editor', startGateway: null,
};
const MODELS = ['qwen3:8b', 'llama3.2:3b'];
let server: Server;
let gatewayUrl: string;
let home: string;

/** A fake gateway: /health, /v1/models behind the key, /v1/messages that knows MODELS and, unlisted, a `claude-*` wildcard group. */
before(async () => {
  server = createServer((request, response) => {
    const send = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.url === '/health') return send(200, { status: 'ok' });
    if (request.headers.authorization !== `Bearer ${KEY}`) return send(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid key' } });
    if (request.url === '/v1/models') return send(200, { data: MODELS.map((id) => ({ type: 'model', id })) });
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { model, max_tokens: maxTokens } = JSON.parse(body) as { model: string; max_tokens: number };
      if (!(MODELS.includes(model) || model.startsWith('claude-')) || maxTokens !== 1) return send(404, { type: 'error', error: { type: 'not_found_error', message: `model ${model} not found` } });
      return send(200, { type: 'message', content: [{ type: 'text', text: 'p' }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  home = mkdtempSync(path.join(tmpdir(), 'gatehouse-doctor-'));
});

after(() => {
  server.close();
  rmSync(home, { recursive: true, force: true });
});

function project(files: Record<string, unknown>): string {
  const directory = mkdtempSync(path.join(home, 'project-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    writeFileSync(path.join(directory, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return directory;
}

const goodEnv = () => ({ ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: KEY, ANTHROPIC_MODEL: 'qwen3:8b' });

function options(overrides: Partial<DoctorOptions> = {}): DoctorOptions {
  return {
    gatewayUrl, gatewayKey: KEY, models: [], home: path.join(home, 'user'), cwd: project({}), env: goodEnv(), platform: 'linux',
    which: () => '/usr/local/bin/claude', exec: async () => ({ stdout: '2.1.197 (Claude Code)\n' }),
    ...overrides,
  };
}

const byId = (checks: DoctorCheck[], id: string): DoctorCheck => {
  const check = checks.find((candidate) => candidate.id === id);
  assert.ok(check, `no check ${id} in ${checks.map((candidate) => candidate.id).join(', ')}`);
  return check;
};

const configured = (yaml: string) => parseConfig(yaml, {}).config!;
const localQwen = (numCtx: number) => configured(`model_list:\n  - model_name: qwen3:8b\n    litellm_params: { model: ollama_chat/qwen3:8b, num_ctx: ${numCtx} }\n`);

test('a correct setup passes every check and probes the mapped model', async () => {
  const checks = await runClaudeCodeDoctor(options({ config: localQwen(65536), env: { ...goodEnv(), CLAUDE_CODE_AUTO_COMPACT_WINDOW: '65536' } }));
  assert.deepEqual(checks.map((check) => [check.id, check.status]), [
    ['gateway-reachable', 'ok'], ['gateway-key', 'ok'], ['model:qwen3:8b', 'ok'], ['settings-files', 'ok'],
    ['base-url', 'ok'], ['provider', 'ok'], ['auth', 'ok'], ['model-names', 'ok'], ['context-window', 'ok'], ['background-model', 'ok'], ['proxy', 'ok'], ['claude-cli', 'ok'],
  ]);
  assert.match(byId(checks, 'claude-cli').verdict, /^claude 2\.1\.197 \(Claude Code\) at \/usr\/local\/bin\/claude$/);
  for (const check of checks) assert.doesNotMatch(check.verdict, /\n/);
});

test('nothing listening: reachability fails with a fix and the network checks are skipped', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  const checks = await runClaudeCodeDoctor(options({ gatewayUrl: url, env: { ...goodEnv(), ANTHROPIC_BASE_URL: url }, models: ['qwen3:8b'] }));
  assert.equal(byId(checks, 'gateway-reachable').status, 'fail');
  assert.match(byId(checks, 'gateway-reachable').verdict, /nothing answers .*ECONNREFUSED/);
  assert.match(byId(checks, 'gateway-reachable').fix!, /Start Gatehouse/);
  assert.equal(byId(checks, 'gateway-key').status, 'skip');
  assert.equal(byId(checks, 'model:qwen3:8b').status, 'skip');
  assert.equal(byId(checks, 'model-names').status, 'skip');
});

test('a wrong key fails the key check', async () => {
  const checks = await runClaudeCodeDoctor(options({ gatewayKey: 'wrong', models: ['qwen3:8b'] }));
  assert.equal(byId(checks, 'gateway-key').status, 'fail');
  assert.match(byId(checks, 'gateway-key').verdict, /rejected the key \(HTTP 401\)/);
  assert.equal(byId(checks, 'model:qwen3:8b').status, 'skip');
  assert.equal(byId(checks, 'auth').status, 'fail', 'the token Claude Code has is not the one given');
  assert.equal(byId(checks, 'gateway-key').fix, 'Check general_settings.master_key in config.yaml (--key), then run `configure-claude --apply`');
  const dashboard = await runClaudeCodeDoctor(options({ gatewayKey: 'wrong', models: ['qwen3:8b'], applyStep: BUTTON_STEP }));
  assert.equal(byId(dashboard, 'gateway-key').fix, 'Check the config editor, then press Apply above');
});

test('an unreachable gateway is started, or its address checked, where the reader is', async () => {
  const down = { gatewayUrl: 'http://127.0.0.1:9', models: ['qwen3:8b'] };
  assert.equal(byId(await runClaudeCodeDoctor(options(down)), 'gateway-reachable').fix,
    'Start Gatehouse (the tray app, or `npm run serve`), or check the URL (--url) and the port in config.yaml');
  assert.equal(byId(await runClaudeCodeDoctor(options({ ...down, applyStep: BUTTON_STEP })), 'gateway-reachable').fix, 'Check the Settings page', 'the dashboard is served by a running gateway');
});

test('a mapped model the gateway answers 404 for gets the same fix as the model-name check, in the reader\'s words', async () => {
  const cli = await runClaudeCodeDoctor(options({ models: ['gpt-9'] }));
  assert.equal(byId(cli, 'model:gpt-9').fix, 'Add gpt-9 to model_list in config.yaml, or pick one the gateway has with `configure-claude --model`');
  const dashboard = await runClaudeCodeDoctor(options({ models: ['gpt-9'], applyStep: BUTTON_STEP }));
  assert.equal(byId(dashboard, 'model:gpt-9').fix, 'Add gpt-9 to model_list in config.yaml, or use the Routes page');
});

test('a model the gateway lacks fails both its probe and the model-name check', async () => {
  const checks = await runClaudeCodeDoctor(options({ env: { ...goodEnv(), ANTHROPIC_MODEL: 'gpt-9', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'llama3.2:3b' } }));
  assert.equal(byId(checks, 'model:gpt-9').status, 'fail');
  assert.match(byId(checks, 'model:gpt-9').verdict, /HTTP 404 model gpt-9 not found/);
  assert.equal(byId(checks, 'model:llama3.2:3b').status, 'ok');
  assert.equal(byId(checks, 'model-names').status, 'fail');
  assert.match(byId(checks, 'model-names').verdict, /ANTHROPIC_MODEL=gpt-9 \(from the current environment\)/);
  assert.equal(byId(checks, 'model-names').fix, 'Add the model to model_list in config.yaml, or pick one the gateway has with `configure-claude --model`');
  const dashboard = await runClaudeCodeDoctor(options({ env: { ...goodEnv(), ANTHROPIC_MODEL: 'gpt-9' }, applyStep: BUTTON_STEP }));
  assert.equal(byId(dashboard, 'model-names').fix, 'Add the model to model_list in config.yaml, or use the Routes page');
});

test('names the gateway serves without listing them do not fail the model-name check', async () => {
  const probed = await runClaudeCodeDoctor(options({ env: { ...goodEnv(), ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-haiku-4-5' } }));
  assert.equal(byId(probed, 'model:claude-haiku-4-5').status, 'ok');
  assert.equal(byId(probed, 'model-names').status, 'ok', 'its probe answered');
  const aliased = await runClaudeCodeDoctor(options({ env: { ...goodEnv(), ANTHROPIC_MODEL: 'sonnet' }, models: ['qwen3:8b'] }));
  assert.equal(byId(aliased, 'model-names').status, 'ok', 'Claude Code turns sonnet into a model id itself');
  const unprobed = { env: { ...goodEnv(), ANTHROPIC_MODEL: 'claude-sonnet-4-5', ANTHROPIC_SMALL_FAST_MODEL: 'llama-haiku' }, models: ['qwen3:8b'] };
  assert.equal(byId(await runClaudeCodeDoctor(options(unprobed)), 'model-names').status, 'fail');
  const wildcard = configured('model_list:\n  - model_name: "claude-*"\n    litellm_params: { model: "anthropic/claude-*" }\ngatehouse:\n  claude_code: { background: local }\n');
  assert.equal(byId(await runClaudeCodeDoctor(options({ ...unprobed, config: wildcard })), 'model-names').status, 'ok', 'a wildcard group and the background rule');
  const fallback = configured('gatehouse:\n  claude_code: { default: local }\n');
  assert.equal(byId(await runClaudeCodeDoctor(options({ ...unprobed, config: fallback })), 'model-names').status, 'ok', 'the default rule takes any name');
});

test('a local model smaller than Claude Code assumes needs CLAUDE_CODE_AUTO_COMPACT_WINDOW, and one under 64k a bigger num_ctx', async () => {
  const unset = byId(await runClaudeCodeDoctor(options({ config: localQwen(65536) })), 'context-window');
  assert.equal(unset.status, 'warn');
  assert.match(unset.verdict, /^qwen3:8b:ollama_chat\/qwen3:8b \(num_ctx 65536\) holds less than Claude Code assumes/);
  assert.match(unset.fix!, /configure-claude --apply.*CLAUDE_CODE_AUTO_COMPACT_WINDOW=65536/);
  const tooLarge = byId(await runClaudeCodeDoctor(options({ config: localQwen(65536), env: { ...goodEnv(), CLAUDE_CODE_AUTO_COMPACT_WINDOW: '200000' } })), 'context-window');
  assert.equal(tooLarge.status, 'warn');
  assert.match(tooLarge.verdict, /CLAUDE_CODE_AUTO_COMPACT_WINDOW=200000 from the current environment/);
  const { ANTHROPIC_MODEL: _unset, ...withoutModel } = goodEnv();
  const byOpusTier = byId(await runClaudeCodeDoctor(options({ config: localQwen(65536), env: { ...withoutModel, ANTHROPIC_DEFAULT_OPUS_MODEL: 'qwen3:8b' } })), 'context-window');
  assert.equal(byOpusTier.status, 'warn', 'with no ANTHROPIC_MODEL the main loop uses the opus tier\'s model');
  const small = byId(await runClaudeCodeDoctor(options({ config: localQwen(32768) })), 'context-window');
  assert.equal(small.status, 'warn');
  assert.match(small.verdict, /num_ctx 32768\) is too small for Claude Code/);
  assert.match(small.fix!, /num_ctx to 65536 or more for qwen3:8b:ollama_chat\/qwen3:8b/);
  const cloud = configured('model_list:\n  - model_name: qwen3:8b\n    litellm_params: { model: openai/qwen3-8b, api_base: "http://127.0.0.1:9/v1" }\n');
  assert.equal(byId(await runClaudeCodeDoctor(options({ config: cloud })), 'context-window').status, 'ok', 'no size known, none to enforce');
  assert.equal(byId(await runClaudeCodeDoctor(options()), 'context-window').status, 'skip');
});

test('a Bedrock, Vertex or Foundry switch fails, since Claude Code then ignores ANTHROPIC_BASE_URL', async () => {
  for (const name of ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY']) {
    const check = byId(await runClaudeCodeDoctor(options({ env: { ...goodEnv(), [name]: '1' } })), 'provider');
    assert.equal(check.status, 'fail', name);
    assert.match(check.verdict, new RegExp(`^${name}=1 \\(from the current environment\\) .*ignore ANTHROPIC_BASE_URL`));
    assert.match(check.fix!, new RegExp(`Remove ${name} from the current environment`));
  }
  assert.equal(byId(await runClaudeCodeDoctor(options({ env: { ...goodEnv(), CLAUDE_CODE_USE_BEDROCK: '0' } })), 'provider').status, 'ok');
});

test('a stale ANTHROPIC_SMALL_FAST_MODEL, which wins over the haiku model, is a warning', async () => {
  const stale = byId(await runClaudeCodeDoctor(options({ env: { ...goodEnv(), ANTHROPIC_DEFAULT_HAIKU_MODEL: 'llama3.2:3b', ANTHROPIC_SMALL_FAST_MODEL: 'qwen3:8b' } })), 'background-model');
  assert.equal(stale.status, 'warn');
  assert.match(stale.verdict, /ANTHROPIC_SMALL_FAST_MODEL=qwen3:8b \(from the current environment\) overrides llama3\.2:3b/);
  const same = byId(await runClaudeCodeDoctor(options({ env: { ...goodEnv(), ANTHROPIC_DEFAULT_HAIKU_MODEL: 'llama3.2:3b', ANTHROPIC_SMALL_FAST_MODEL: 'llama3.2:3b' } })), 'background-model');
  assert.equal(same.status, 'ok');
});

test('settings files override the environment, in Claude Code\'s order', async () => {
  const userHome = path.join(home, 'layered');
  mkdirSync(path.join(userHome, '.claude'), { recursive: true });
  writeFileSync(path.join(userHome, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: KEY, ANTHROPIC_API_KEY: '' } }));
  const shellOnly = await runClaudeCodeDoctor(options({ home: userHome, env: { ANTHROPIC_BASE_URL: 'https://api.anthropic.com', ANTHROPIC_API_KEY: 'sk-ant-real' } }));
  assert.equal(byId(shellOnly, 'base-url').status, 'ok', 'user settings win over the shell');
  assert.equal(byId(shellOnly, 'auth').status, 'ok', 'settings.json empties the shell\'s API key');

  const cwd = project({ '.claude/settings.json': { env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' } }, '.claude/settings.local.json': { env: { ANTHROPIC_API_KEY: 'sk-ant-local' } } });
  const overridden = await runClaudeCodeDoctor(options({ home: userHome, cwd, env: {} }));
  assert.equal(byId(overridden, 'base-url').status, 'fail');
  assert.match(byId(overridden, 'base-url').verdict, /from .*project-.*settings\.json is http:\/\/127\.0\.0\.1:9, not the gateway/);
  assert.equal(byId(overridden, 'auth').status, 'fail');
  assert.match(byId(overridden, 'auth').verdict, /ANTHROPIC_API_KEY is set in .*settings\.local\.json/);
});

test('missing variables, a /v1 suffix, apiKeyHelper and invalid settings are reported', async () => {
  const none = await runClaudeCodeDoctor(options({ env: {} }));
  assert.equal(byId(none, 'base-url').status, 'fail');
  assert.match(byId(none, 'base-url').verdict, /not set/);
  assert.equal(byId(none, 'auth').status, 'fail');

  const suffixed = await runClaudeCodeDoctor(options({ env: { ...goodEnv(), ANTHROPIC_BASE_URL: `${gatewayUrl}/v1` } }));
  assert.equal(byId(suffixed, 'base-url').status, 'warn');

  const helper = await runClaudeCodeDoctor(options({ cwd: project({ '.claude/settings.json': { apiKeyHelper: '~/bin/key.sh' } }) }));
  assert.equal(byId(helper, 'auth').status, 'warn');

  const broken = await runClaudeCodeDoctor(options({ cwd: project({ '.claude/settings.local.json': '{"env": ' }) }));
  assert.equal(byId(broken, 'settings-files').status, 'fail');
  assert.match(byId(broken, 'settings-files').verdict, /settings\.local\.json is not valid JSON/);
});

test('a proxy without NO_PROXY for the gateway host fails; a covering NO_PROXY passes', async () => {
  const proxied = await runClaudeCodeDoctor(options({ env: { ...goodEnv(), HTTP_PROXY: 'http://user:secret@proxy.corp:3128' } }));
  assert.equal(byId(proxied, 'proxy').status, 'fail');
  assert.match(byId(proxied, 'proxy').verdict, /HTTP_PROXY=http:\/\/\*\*\*@proxy\.corp:3128/);
  assert.doesNotMatch(byId(proxied, 'proxy').verdict, /secret/);
  const exempt = await runClaudeCodeDoctor(options({ env: { ...goodEnv(), https_proxy: 'http://p:1', all_proxy: 'socks5://p:2', no_proxy: 'localhost,127.0.0.0/8' } }));
  assert.equal(byId(exempt, 'proxy').status, 'ok');
});

test('claude missing from PATH, or failing to run, is a warning with an install hint', async () => {
  const missing = await runClaudeCodeDoctor(options({ which: () => undefined }));
  assert.equal(byId(missing, 'claude-cli').status, 'warn');
  assert.match(byId(missing, 'claude-cli').fix!, /npm install -g @anthropic-ai\/claude-code/);
  const broken = await runClaudeCodeDoctor(options({ exec: async () => { throw new Error('exit 127'); } }));
  assert.equal(byId(broken, 'claude-cli').status, 'warn');
  assert.match(byId(broken, 'claude-cli').verdict, /failed at \/usr\/local\/bin\/claude: exit 127/);
});

test('the default PATH lookup finds an executable and runs it', async () => {
  const bin = path.join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'claude'), '#!/bin/sh\necho "9.9.9 (Claude Code)"\n', { mode: 0o755 });
  const checks = await runClaudeCodeDoctor(options({ which: undefined, exec: undefined, env: { ...goodEnv(), PATH: `/nonexistent:${bin}` } }));
  assert.equal(byId(checks, 'claude-cli').verdict, `claude 9.9.9 (Claude Code) at ${path.join(bin, 'claude')}`);
});

test('fixes name the apply step as the caller words it: the CLI\'s command by default', async () => {
  const env = { ANTHROPIC_MODEL: 'qwen3:8b', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'llama3.2:3b', ANTHROPIC_SMALL_FAST_MODEL: 'qwen3:8b' };
  const cli = await runClaudeCodeDoctor(options({ env }));
  assert.equal(byId(cli, 'base-url').fix, 'Run `configure-claude --apply` (writes ~/.claude/settings.json)');
  assert.equal(byId(cli, 'background-model').fix, 'Remove it from the current environment, or run `configure-claude --apply --haiku-model M`, which sets both');
  const button = await runClaudeCodeDoctor(options({ env, applyStep: BUTTON_STEP }));
  assert.equal(byId(button, 'base-url').fix, 'Press Apply above (writes ~/.claude/settings.json)');
  assert.equal(byId(button, 'auth').fix, 'Press Apply above');
  assert.equal(byId(button, 'background-model').fix, 'Remove it from the current environment');
});
