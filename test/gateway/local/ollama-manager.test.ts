import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayError } from '../../../gateway/errors/index.ts';
import { OllamaManager, type OllamaManagerOptions } from '../../../gateway/local/ollama/ollama-manager.ts';
import type { SupervisorEvent } from '../../../gateway/local/ollama/ollama-supervisor.ts';
import { startOllamaTestServer } from '../../helpers/ollama-test-server.ts';
import { freePort } from '../../helpers/free-port.ts';

const fakeBinDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../helpers/fake-ollama-bin');
const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-ollama-'));
const managers: OllamaManager[] = [];
after(async () => {
  await Promise.all(managers.map((manager) => manager.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

/** A manager whose only `ollama` is the fake one (or none), so a real install on the machine cannot interfere. */
function manager(port: number, options: Partial<OllamaManagerOptions> & { installed?: boolean; fakeEnv?: Record<string, string> } = {}): OllamaManager {
  const env = { ...process.env, ...options.fakeEnv, PATH: `${fakeBinDirectory}${path.delimiter}${process.env.PATH ?? ''}` };
  const fakeBinary = path.join(fakeBinDirectory, 'ollama');
  const created = new OllamaManager({
    dataDir,
    env,
    host: `127.0.0.1:${port}`,
    probes: { platform: 'linux', env, homeDir: '/nonexistent', isExecutable: (file) => options.installed !== false && file === fakeBinary },
    healthTimeoutMs: 15_000,
    ...options,
  });
  managers.push(created);
  return created;
}

test('not installed and not running: says so with install advice, and refuses to start', async () => {
  const port = await freePort();
  const status = await manager(port, { installed: false }).status();
  assert.equal(status.state, 'not_installed');
  assert.match(status.message ?? '', /not installed/);
  assert.equal(status.installed, false);
  assert.equal(status.running, false);
  assert.equal(status.binaryPath, null);
  assert.match(status.installHint ?? '', /install\.sh/);
  await assert.rejects(manager(port, { installed: false }).ensureRunning(), (error: unknown) =>
    GatewayError.isInstance(error) && error.type === 'provider_unreachable' && /not installed.*install\.sh/.test(error.message));
});

test('installed but stopped: starts `ollama serve`, waits for health, logs to the data dir, stops only on request', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const ollama = manager(port, { fakeEnv: { FAKE_OLLAMA_VERSION: '0.12.7', FAKE_OLLAMA_STARTUP_DELAY_MS: '300' } });
  const before = await ollama.status();
  assert.equal(before.state, 'stopped');
  assert.equal(before.installed, true);
  assert.equal(before.running, false);
  assert.equal(before.version, '0.12.7');

  const status = await ollama.ensureRunning();
  assert.equal(status.state, 'running');
  assert.equal(status.startedByUs, true);
  assert.equal(status.version, '0.12.7');
  assert.equal(status.host, `http://127.0.0.1:${port}`);
  assert.match(readFileSync(status.logFile ?? '', 'utf8'), new RegExp(`Listening on 127\\.0\\.0\\.1:${port}`));
  assert.deepEqual((await ollama.client.listModels()).map((model) => model.name), ['qwen3:8b']);

  await ollama.stop();
  assert.equal(await ollama.client.isRunning(), false);
  assert.equal((await ollama.status()).startedByUs, false);
});

test('a health wait is bounded: a server that never answers fails with a timeout and is stopped', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const ollama = manager(port, { healthTimeoutMs: 600, fakeEnv: { FAKE_OLLAMA_STARTUP_DELAY_MS: '10000' } });
  await assert.rejects(ollama.ensureRunning(), (error: unknown) => GatewayError.isInstance(error) && error.type === 'provider_timeout');
  const status = await ollama.status();
  assert.equal(status.state, 'error');
  assert.match(status.message ?? '', /did not answer within 1 s; see .*ollama-serve\.log/);
});

test('a crashing server is restarted with growing delays, then given up on', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const events: SupervisorEvent[] = [];
  let gaveUp: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    gaveUp = resolve;
  });
  const ollama = manager(port, {
    fakeEnv: { FAKE_OLLAMA_CRASH_AFTER_MS: '400' },
    backoff: { initialMs: 100, maxMs: 250, maxAttempts: 3 },
    onEvent: (event) => {
      events.push(event);
      if (event.type === 'gave-up') gaveUp();
    },
  });
  await ollama.ensureRunning();
  await done;
  const delays = events.filter((event) => event.type === 'restart-scheduled').map((event) => event.delayMs);
  assert.deepEqual(delays, [100, 200, 250]);
  assert.equal(events.filter((event) => event.type === 'started').length, 4);
  const status = await ollama.status();
  assert.equal(status.restarts, 3);
  assert.equal(status.state, 'error');
  assert.match(status.message ?? '', /crashed 3 times in a row/);
});

test('a server we did not start is used but never stopped', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const foreign = await startOllamaTestServer({ port, version: '0.11.0' });
  try {
    const ollama = manager(port);
    const status = await ollama.ensureRunning();
    assert.equal(status.running, true);
    assert.equal(status.startedByUs, false);
    assert.equal(status.version, '0.11.0');
    await ollama.stop();
    assert.equal(await ollama.client.isRunning(), true);
  } finally {
    await foreign.close();
  }
});

test('stop() while a start is still checking the address: no server is spawned after it', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const events: SupervisorEvent[] = [];
  const ollama = manager(port, { onEvent: (event) => events.push(event) });
  const starting = ollama.ensureRunning();
  await ollama.stop();
  await assert.rejects(starting, /shutting down/);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(events, []);
  assert.equal(await ollama.client.isRunning(), false);
});

test('a remote OLLAMA_HOST that is down: reported as the remote server not answering, and no local server is started', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const events: SupervisorEvent[] = [];
  // 192.0.2.0/24 is reserved for documentation (RFC 5737): never a real machine.
  const ollama = manager(port, { host: `http://192.0.2.1:${port}`, healthTimeoutMs: 1_000, onEvent: (event) => events.push(event) });
  await assert.rejects(ollama.ensureRunning(), (error: unknown) =>
    GatewayError.isInstance(error) && error.type === 'provider_unreachable' && error.message.startsWith(`The remote Ollama at http://192.0.2.1:${port} is not answering.`));
  assert.deepEqual(events, [], 'no `ollama serve` was spawned');
  const status = await ollama.status();
  assert.equal(status.state, 'error');
  assert.equal(status.installHint, null);
  assert.match(status.message ?? '', /remote Ollama at .* is not answering.*start it on that host/);
});

test('once shutdown has begun, our server exiting on its own (a console Ctrl+C on Windows) is expected: not a crash, not restarted', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const events: SupervisorEvent[] = [];
  const ollama = manager(port, { backoff: { initialMs: 50 }, onEvent: (event) => events.push(event) });
  await ollama.ensureRunning();
  const started = events.find((event) => event.type === 'started');
  assert.ok(started?.type === 'started');
  ollama.beginShutdown();
  assert.equal(await ollama.client.isRunning(), true, 'it keeps serving until stop()');
  process.kill(started.pid, 'SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(events.filter((event) => event.type !== 'started'), [{ type: 'exited', code: 0, signal: null, expected: true }]);
  await ollama.stop();
});
