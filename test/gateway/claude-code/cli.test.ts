import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { run as configureClaude } from '../../../gateway/cli/configure-claude.ts';
import { run as doctor } from '../../../gateway/cli/doctor.ts';
import { resolveLocations } from '../../../gateway/claude-code/cli-context.ts';
import type { CliIo } from '../../../gateway/cli/cli-io.ts';
import { stubPowerShell } from '../../helpers/stub-powershell.ts';
import { startTestGateway, TEST_MASTER_KEY } from '../../helpers/start-test-gateway.ts';

async function call(command: typeof configureClaude, args: string[], env: NodeJS.ProcessEnv, machine: Pick<CliIo, 'platform' | 'runCommand'> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk: Buffer) => (chunks.out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (chunks.err += chunk.toString()));
  const code = await command(args, { stdout, stderr, env, ...machine });
  return { code, ...chunks };
}

function withHome(run: (home: string, env: NodeJS.ProcessEnv) => Promise<void>) {
  return async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gatehouse-cli-'));
    try {
      await run(home, { HOME: home, SHELL: '/bin/zsh', GATEHOUSE_TEST: '1' });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };
}

test('unknown flags and conflicting actions are usage errors (exit 2)', withHome(async (_home, env) => {
  const unknown = await call(configureClaude, ['--shel', 'bash'], env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown option '--shel'[\s\S]*Usage: configure-claude/);
  assert.equal((await call(configureClaude, ['--apply', '--undo', '--key', 'k'], env)).code, 2);
  assert.match((await call(configureClaude, ['--shell', 'tcsh', '--key', 'k'], env)).err, /--shell must be one of/);
  assert.equal((await call(doctor, ['--verbose'], env)).code, 2);
}));

test('url and key come from the data directory\'s config.yaml when not given', withHome(async (home, env) => {
  const dataDirectory = path.join(home, 'data');
  mkdirSync(dataDirectory);
  writeFileSync(path.join(dataDirectory, 'config.yaml'), 'model_list: []\ngeneral_settings: { master_key: os.environ/GATE_KEY }\ngatehouse: { server: { host: 0.0.0.0, port: 5151 } }\n');
  const printed = await call(configureClaude, ['--print', '--shell', 'bash', '--data-dir', dataDirectory], { ...env, GATE_KEY: 'sk-from-config' });
  assert.equal(printed.code, 0, printed.err);
  assert.match(printed.out, /^export ANTHROPIC_BASE_URL='http:\/\/127\.0\.0\.1:5151'$/m);
  assert.match(printed.out, /^export ANTHROPIC_AUTH_TOKEN='sk-from-config'$/m);
  const noKey = await call(configureClaude, ['--data-dir', path.join(home, 'empty')], env);
  assert.equal(noKey.code, 1);
  assert.match(noKey.err, /no gateway key: pass --key/);
}));

test('--print tells Claude Code the context window of the local model it is pointed at', withHome(async (home, env) => {
  const dataDirectory = path.join(home, 'data');
  mkdirSync(dataDirectory);
  writeFileSync(path.join(dataDirectory, 'config.yaml'), 'model_list:\n  - model_name: qwen3-coder\n    litellm_params: { model: ollama_chat/qwen3-coder:30b, num_ctx: 98304 }\ngeneral_settings: { master_key: sk-k }\n');
  const printed = await call(configureClaude, ['--print', '--shell', 'bash', '--data-dir', dataDirectory, '--model', 'qwen3-coder'], env);
  assert.equal(printed.code, 0, printed.err);
  assert.match(printed.out, /^export CLAUDE_CODE_AUTO_COMPACT_WINDOW='98304'$/m);
}));

test('plan, apply with --rc, apply again, undo twice', withHome(async (home, env) => {
  const flags = ['--url', 'http://127.0.0.1:4747', '--key', 'sk-cli-key-123', '--model', 'qwen3:8b', '--data-dir', path.join(home, 'data')];
  const plan = await call(configureClaude, flags, env);
  assert.equal(plan.code, 0, plan.err);
  assert.match(plan.out, /env\.ANTHROPIC_MODEL: null -> "qwen3:8b"/);
  assert.match(plan.out, /For this zsh session only/);
  assert.doesNotMatch(plan.out, /sk-cli-key-123/);

  const applied = await call(configureClaude, [...flags, '--apply', '--rc'], env);
  assert.equal(applied.code, 0, applied.err);
  assert.match(applied.out, /wrote .*settings\.json\nwrote .*\.zshrc\nbackup in /);
  assert.match(readFileSync(path.join(home, '.zshrc'), 'utf8'), /export ANTHROPIC_MODEL='qwen3:8b'/);
  assert.match((await call(configureClaude, [...flags, '--apply', '--rc'], env)).out, /Already configured/);

  const undone = await call(configureClaude, ['--undo', '--data-dir', path.join(home, 'data')], env);
  assert.match(undone.out, /restored .*\.zshrc\nrestored .*settings\.json/);
  assert.equal(existsSync(path.join(home, '.zshrc')), false);
  assert.match((await call(configureClaude, ['--undo', '--data-dir', path.join(home, 'data')], env)).out, /Nothing to undo/);
}));

test('apply --rc --shell powershell on Windows says which edition it skipped for its execution policy, and how to include it', withHome(async (home) => {
  const profile7 = path.join(home, 'Documents', 'PowerShell', 'Microsoft.PowerShell_profile.ps1');
  const profile51 = path.join(home, 'Documents', 'WindowsPowerShell', 'Microsoft.PowerShell_profile.ps1');
  // 5.1's default on Windows clients is Restricted; a user who installed pwsh usually allowed scripts there.
  const stub = stubPowerShell({ pwsh: { profile: profile7, policy: 'RemoteSigned' }, powershell: { profile: profile51, policy: 'Restricted' } });
  const flags = ['--url', 'http://127.0.0.1:4747', '--key', 'sk-cli-key-123', '--data-dir', path.join(home, 'data'), '--apply', '--rc', '--shell', 'powershell'];
  const applied = await call(configureClaude, flags, { USERPROFILE: home }, { platform: 'win32', runCommand: stub.run });
  assert.equal(applied.code, 0, applied.err);
  assert.match(applied.out, new RegExp(`^wrote ${profile7.replace(/[\\.]/g, '\\$&')}$`, 'm'));
  const skipped = applied.out.split('\n').filter((line) => line.startsWith('skipped '));
  assert.deepEqual(skipped, [`skipped ${profile51}: Windows PowerShell 5.1's execution policy Restricted runs no profile. Run \`Set-ExecutionPolicy -Scope CurrentUser RemoteSigned\` in Windows PowerShell 5.1, then apply again`]);
  assert.equal(existsSync(profile51), false);
}));

test('doctor prints one line per check and exits 1 when the gateway is down', withHome(async (home, env) => {
  const result = await call(doctor, ['--url', 'http://127.0.0.1:9', '--key', 'k', '--data-dir', path.join(home, 'data')], { ...env, PATH: '' });
  assert.equal(result.code, 1);
  assert.match(result.out, /^✖ gateway-reachable: nothing answers at http:\/\/127\.0\.0\.1:9/m);
  assert.match(result.out, /^ {4}fix: Start Gatehouse \(the tray app, or `npm run serve`\), or check the URL \(--url\) and the port in config\.yaml$/m);
  assert.match(result.out, /^! claude-cli: claude is not on PATH$/m);
  const json = await call(doctor, ['--url', 'http://127.0.0.1:9', '--key', 'k', '--json'], { ...env, PATH: '' });
  assert.equal((JSON.parse(json.out) as { id: string }[])[0]!.id, 'gateway-reachable');
}));

test('doctor answers a rejected key with the CLI\'s --key and its configure-claude command', withHome(async (home, env) => {
  const gateway = await startTestGateway(`general_settings: { master_key: ${TEST_MASTER_KEY} }\n`);
  try {
    const result = await call(doctor, ['--url', gateway.gateway.url, '--key', 'not-the-key', '--data-dir', path.join(home, 'data')], { ...env, PATH: '' });
    assert.equal(result.code, 1);
    assert.match(result.out, /^✖ gateway-key: the gateway rejected the key \(HTTP 401\)\n {4}fix: Check general_settings\.master_key in config\.yaml \(--key\), then run `configure-claude --apply`$/m);
  } finally {
    await gateway.stop();
  }
}));

test('the home directory is USERPROFILE on Windows, whatever HOME an MSYS2 or Git Bash shell sets, and HOME elsewhere', () => {
  const env = { HOME: '/home/u', USERPROFILE: 'C:\\Users\\u', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' };
  assert.equal(resolveLocations({ 'data-dir': '/d' }, env, 'win32').home, 'C:\\Users\\u');
  assert.equal(resolveLocations({ 'data-dir': '/d' }, env, 'linux').home, '/home/u');
  assert.equal(resolveLocations({ 'data-dir': '/d' }, { HOME: '', USERPROFILE: 'C:\\Users\\u' }, 'win32').home, 'C:\\Users\\u');
  assert.equal(resolveLocations({ 'data-dir': '/d' }, { USERPROFILE: '/profile' }, 'darwin').home, '/profile');
});
