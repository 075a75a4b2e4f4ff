/**
 * The headless contract of issue 3, through the real CLI process: no --data-dir means the OS
 * app-data dir for "Gatehouse", --port 0 prints the free port it took, and SIGINT/SIGTERM let an
 * in-flight stream finish, flush its record and exit 0.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { defaultDataDir } from '../../../gateway/config/data-dir.ts';
import { anthropicTextStream, startMockUpstream } from '../../helpers/mock-upstream.ts';
import { twoProtocolConfig } from '../../helpers/start-test-gateway.ts';
import { postChat, waitFor } from '../../helpers/gateway-requests.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('the default data dir is the OS app-data folder for "Gatehouse" on each platform', () => {
  assert.equal(defaultDataDir('darwin', {}, '/Users/u'), '/Users/u/Library/Application Support/Gatehouse');
  assert.equal(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Roaming\\Gatehouse');
  assert.equal(defaultDataDir('win32', {}, 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Roaming\\Gatehouse');
  assert.equal(defaultDataDir('linux', {}, '/home/u'), '/home/u/.config/Gatehouse');
  assert.equal(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/u'), '/xdg/Gatehouse');
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`serve without --data-dir on --port 0: ${signal} lets the open stream finish, flushes its record and exits 0`, { skip: process.platform === 'win32' && 'POSIX signals' }, async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-serve-home-'));
    after(() => rmSync(home, { recursive: true, force: true }));
    const env = { PATH: process.env.PATH, HOME: home, APPDATA: path.join(home, 'AppData', 'Roaming'), OLLAMA_HOST: '127.0.0.1:9' };
    const dataDir = defaultDataDir(process.platform, env, home);
    const upstream = await startMockUpstream();
    after(() => upstream.close());
    // Slow enough that the signal lands mid-stream, short enough to finish well inside the grace period.
    upstream.script(() => ({ kind: 'sse', frames: anthropicTextStream('an answer that takes a moment to arrive'), delayMs: 100 }));
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'config.yaml'), twoProtocolConfig(upstream.url));

    const cli = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'gateway/cli.ts'), '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    after(() => cli.exitCode === null && cli.kill('SIGKILL'));
    const output = { stdout: '', stderr: '' };
    cli.stdout.on('data', (chunk: Buffer) => { output.stdout += chunk.toString(); });
    cli.stderr.on('data', (chunk: Buffer) => { output.stderr += chunk.toString(); });
    const exited = once(cli, 'exit');
    await waitFor('the listening line', () => output.stdout.includes('\n'), 30_000);
    const listening = /^Gatehouse listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(output.stdout);
    assert.ok(listening, output.stdout + output.stderr);
    const port = Number(listening[1]);
    assert.ok(port > 0 && port !== 4747, `a free port, not the config's 4747: ${port}`);
    const url = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${url}/health`)).status, 200);

    const reply = postChat(url, 'anthropic', { model: 'claude-mock', stream: true });
    await waitFor('the stream to be under way', () => upstream.requests.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    cli.kill(signal);
    const answered = await reply;
    const [code] = await exited;

    assert.equal(answered.status, 200);
    assert.match(answered.text, /event: message_stop/, 'the in-flight stream ran to its end');
    assert.equal(code, 0, output.stderr);
    assert.ok(existsSync(path.join(dataDir, 'gatehouse.db')), 'the store lives in the default data dir');
    const database = new Database(path.join(dataDir, 'gatehouse.db'), { readonly: true });
    try {
      const rows = database.prepare('SELECT model_requested, status, output_tokens FROM requests').all();
      assert.deepEqual(rows, [{ model_requested: 'claude-mock', status: 200, output_tokens: 5 }], 'the record was flushed before exit');
    } finally {
      database.close();
    }
  });
}
