import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `npm run serve -- ARGS` from source and collects how it ends. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'gateway/cli.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, OLLAMA_HOST: '127.0.0.1:9' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

test('serve on a port in use, or over a file that is not a database, exits 1 with one clear message and no stack trace', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-cli-'));
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, 'model_list: []\n');
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  try {
    const busy = await runCli(['--config', config, '--data-dir', dir, '--port', String(port)]);
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.doesNotMatch(busy.stderr, /^\s+at /m, busy.stderr);
    assert.equal(busy.stdout, '', 'nothing claims to be listening');

    const corruptDir = path.join(dir, 'corrupt');
    mkdirSync(corruptDir);
    writeFileSync(path.join(corruptDir, 'gatehouse.db'), 'this is not an SQLite file, just some text that is long enough');
    const corrupt = await runCli(['--config', config, '--data-dir', corruptDir, '--port', '0']);
    assert.equal(corrupt.code, 1);
    assert.match(corrupt.stderr, /Cannot open the request log .*gatehouse\.db: file is not a database/);
    assert.doesNotMatch(corrupt.stderr, /^\s+at /m, corrupt.stderr);
  } finally {
    holder.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every command answers --help with its usage on stdout and exit 0', async () => {
  for (const command of ['check-config', 'configure-claude', 'doctor', 'hardware', 'bench']) {
    const help = await runCli([command, '--help']);
    assert.equal(help.code, 0, `${command}: ${help.stderr}`);
    assert.match(help.stdout, new RegExp(`^Usage: ${command}\\b`), command);
    assert.equal(help.stderr, '', command);
  }
});
