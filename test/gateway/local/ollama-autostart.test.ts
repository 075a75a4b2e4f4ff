/**
 * The gateway starting Ollama at startup with the fake `ollama` binary on PATH: in the
 * background (listening first), restarted after a crash, stopped on close only when it is
 * ours, and one log line instead of a failed startup when Ollama is missing.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../../../gateway/config/schema.ts';
import { configUsesOllama, describeSupervisorEvent } from '../../../gateway/local/ollama/autostart-ollama.ts';
import { OllamaManager } from '../../../gateway/local/ollama/ollama-manager.ts';
import type { SupervisorEvent } from '../../../gateway/local/ollama/ollama-supervisor.ts';
import { OllamaClient } from '../../../gateway/local/ollama/ollama-client.ts';
import { standardInstallPaths } from '../../../gateway/local/ollama/locate-ollama.ts';
import { startOllamaTestServer } from '../../helpers/ollama-test-server.ts';
import { startTestGateway, type TestGateway } from '../../helpers/start-test-gateway.ts';
import { freePort } from '../../helpers/free-port.ts';

const fakeBinDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../helpers/fake-ollama-bin');
const withFakeOllama = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, ...extra, PATH: `${fakeBinDirectory}${path.delimiter}${process.env.PATH ?? ''}` });
const gateways: TestGateway[] = [];
after(async () => {
  // stop() is idempotent, so the gateways a test already stopped are fine here.
  await Promise.all(gateways.map((gateway) => gateway.stop()));
});

const ollamaConfig = (host: string, autostart = true) => `
model_list:
  - model_name: qwen-local
    litellm_params: { model: ollama_chat/qwen3:8b, api_base: ${host} }
gatehouse:
  ollama: { host: ${host}, autostart: ${autostart} }
`;

async function start(config: string, env: NodeJS.ProcessEnv): Promise<TestGateway> {
  const gateway = await startTestGateway(config, env);
  gateways.push(gateway);
  return gateway;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('configUsesOllama: an Ollama deployment or a local route, and nothing else', () => {
  const config = (input: unknown) => configSchema.parse(input);
  assert.equal(configUsesOllama(config({ model_list: [{ model_name: 'a', litellm_params: { model: 'ollama_chat/qwen3:8b' } }] })), true);
  assert.equal(configUsesOllama(config({ model_list: [{ model_name: 'a', litellm_params: { model: 'ollama/qwen3:8b' } }] })), true);
  assert.equal(configUsesOllama(config({ gatehouse: { routes: { local: { free: true } } } })), true);
  assert.equal(configUsesOllama(config({ model_list: [{ model_name: 'a', litellm_params: { model: 'openai/gpt-4.1' } }] })), false);
  assert.equal(configUsesOllama(config({})), false);
});

test('autostart: listening comes first, Ollama is started in the background, and close() stops our child', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const host = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const gateway = await start(ollamaConfig(host), withFakeOllama({ FAKE_OLLAMA_STARTUP_DELAY_MS: '1500' }));
  assert.ok(performance.now() - startedAt < 1500, 'startGateway did not wait for Ollama');
  const client = new OllamaClient({ baseUrl: host });
  assert.equal(await client.isRunning(), false, 'Ollama was still starting when the gateway listened');

  await waitFor('Ollama to answer', () => client.isRunning());
  await waitFor('the started line', () => gateway.logs.some((line) => line.startsWith('Ollama: started `ollama serve`')));
  const status = await gateway.gateway.runtime.ollama.status();
  assert.equal(status.startedByUs, true);
  assert.equal(status.state, 'running');

  await gateway.stop();
  assert.equal(await client.isRunning(), false, 'our child is gone after close');
});

test('autostart: a crashed child is restarted with backoff and logged', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const host = `http://127.0.0.1:${port}`;
  const gateway = await start(ollamaConfig(host), withFakeOllama({ FAKE_OLLAMA_CRASH_AFTER_MS: '800' }));
  await waitFor('a restart', () => gateway.logs.some((line) => /^Ollama: restarting `ollama serve` in 1 s \(attempt 1\)/.test(line)));
  assert.ok(gateway.logs.some((line) => /exited unexpectedly \(code 1\)/.test(line)));
  await waitFor('the restarted server', () => new OllamaClient({ baseUrl: host }).isRunning());
  assert.equal((await gateway.gateway.runtime.ollama.status()).restarts >= 1, true);
  await gateway.stop();
});

test('a running Ollama we did not start is used, and close() leaves it running', { timeout: 30_000 }, async () => {
  const foreign = await startOllamaTestServer();
  try {
    const gateway = await start(ollamaConfig(foreign.url), withFakeOllama());
    const local = gateway.gateway.runtime.ollama;
    await waitFor('the startup check', async () => (await local.status()).state === 'running');
    assert.equal((await local.status()).startedByUs, false);
    await gateway.stop();
    assert.equal(await new OllamaClient({ baseUrl: foreign.url }).isRunning(), true);
    assert.ok(!gateway.logs.some((line) => line.startsWith('Ollama:')), 'nothing to report');
  } finally {
    await foreign.close();
  }
});

test('Ollama missing: the gateway still starts and says how to install it, in one line', {
  timeout: 30_000,
  skip: standardInstallPaths(process.platform, process.env, '/nonexistent').some((file) => existsSync(file)) && 'Ollama is installed on this machine',
}, async () => {
  const port = await freePort();
  const gateway = await start(ollamaConfig(`http://127.0.0.1:${port}`), { PATH: '/nonexistent' });
  await waitFor('the log line', () => gateway.logs.some((line) => line.startsWith('Ollama:')));
  const lines = gateway.logs.filter((line) => line.startsWith('Ollama:'));
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /not installed.*[Ii]nstall Ollama/);
  assert.equal((await fetch(`${gateway.gateway.url}/health/liveliness`)).status, 200);
});

test('autostart: false leaves a silent Ollama alone', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const gateway = await start(ollamaConfig(`http://127.0.0.1:${port}`, false), withFakeOllama());
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(await new OllamaClient({ baseUrl: `http://127.0.0.1:${port}` }).isRunning(), false);
  assert.equal((await gateway.gateway.runtime.ollama.status()).state, 'stopped');
});

/** The pids of `parent`'s children, from `ps` (POSIX). */
function childPids(parent: number): number[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' }).split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .flatMap(([pid, ppid]) => (ppid === parent && pid !== undefined ? [pid] : []));
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone, as it should be.
  }
}

const ADMIN_TOKEN = 'gh-admin-cli-test-token';

/**
 * `npm run serve` from source with the fake Ollama, leading its own process group as a terminal's
 * foreground job does; resolves once it has started `ollama serve`, with that server's pid.
 */
async function startCliGateway(dataDir: string, ollamaHost: string) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  writeFileSync(path.join(dataDir, 'config.yaml'), `${ollamaConfig(ollamaHost)}  server: { admin_token: ${ADMIN_TOKEN} }\n`);
  const cli = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'gateway/cli.ts'), '--config', path.join(dataDir, 'config.yaml'), '--data-dir', dataDir, '--port', '0'], {
    cwd: root, env: withFakeOllama(), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  cli.stdout.on('data', (chunk: Buffer) => { output.stdout += chunk.toString(); });
  cli.stderr.on('data', (chunk: Buffer) => { output.stderr += chunk.toString(); });
  const exited = once(cli, 'exit');
  const pid = cli.pid!;
  after(() => killQuietly(pid));
  await waitFor('Ollama started by the gateway', () => output.stderr.includes('Ollama: started `ollama serve`'), 30_000);
  const [ollamaPid] = childPids(pid);
  assert.ok(ollamaPid !== undefined);
  after(() => killQuietly(ollamaPid));
  return { pid, ollamaPid, output, exited, url: /Gatehouse listening on (\S+)/.exec(output.stdout)?.[1] };
}

const posixOnly = process.platform === 'win32' && 'POSIX process groups';

test('Ctrl+C in a terminal reaches the gateway only: it drains, then stops `ollama serve` itself, with no crash or restart logged', { timeout: 60_000, skip: posixOnly }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-ctrl-c-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const ollamaHost = `http://127.0.0.1:${await freePort()}`;
  const gateway = await startCliGateway(dir, ollamaHost);
  // An open event stream keeps the gateway draining for a while after Ctrl+C.
  const events = new AbortController();
  const stream = await fetch(`${gateway.url}/admin/events`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: events.signal });
  assert.equal(stream.status, 200);

  process.kill(-gateway.pid, 'SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal(await new OllamaClient({ baseUrl: ollamaHost }).isRunning(), true, 'Ollama still serves while the gateway drains');
  events.abort();

  const [code] = await gateway.exited;
  assert.equal(code, 0, gateway.output.stderr);
  assert.doesNotMatch(gateway.output.stderr, /exited unexpectedly|restarting/);
  assert.equal(await new OllamaClient({ baseUrl: ollamaHost }).isRunning(), false, 'the gateway stopped its Ollama on the way out');
});

test('a gateway killed with SIGKILL leaves `ollama serve` running; the next one stops it and starts its own', { timeout: 60_000, skip: posixOnly }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-orphan-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const ollamaHost = `http://127.0.0.1:${await freePort()}`;
  const killed = await startCliGateway(dir, ollamaHost);
  process.kill(killed.pid, 'SIGKILL');
  await killed.exited;
  assert.equal(await new OllamaClient({ baseUrl: ollamaHost }).isRunning(), true, 'the orphan still answers');

  const events: SupervisorEvent[] = [];
  const next = new OllamaManager({ dataDir: dir, env: withFakeOllama(), host: ollamaHost, onEvent: (event) => events.push(event) });
  try {
    const status = await next.ensureRunning();
    assert.deepEqual(events.find((event) => event.type === 'orphan-stopped'), { type: 'orphan-stopped', pid: killed.ollamaPid });
    assert.throws(() => process.kill(killed.ollamaPid, 0), { code: 'ESRCH' });
    assert.equal(status.startedByUs, true, 'a server of its own, which its stop() will stop');
    assert.match(describeSupervisorEvent({ type: 'orphan-stopped', pid: killed.ollamaPid }) ?? '', /stopped the `ollama serve` \(pid \d+\) that an earlier Gatehouse started/);
  } finally {
    await next.stop();
  }
  assert.equal(await new OllamaClient({ baseUrl: ollamaHost }).isRunning(), false);
});
