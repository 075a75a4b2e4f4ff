import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const binary = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-ollama-bin', 'ollama');
const started: ChildProcess[] = [];
after(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts `ollama serve` on an ephemeral loopback port and resolves with the port from its log line. */
async function serve(extraEnvironment: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(binary, ['serve'], { env: { ...process.env, OLLAMA_HOST: '127.0.0.1:0', ...extraEnvironment }, stdio: ['ignore', 'ignore', 'pipe'] });
  started.push(child);
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no Listening line within 15 s: ${log}`)), 15_000);
    child.stderr!.on('data', (data: Buffer) => {
      log += data.toString();
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', () => reject(new Error(`exited before listening: ${log}`)));
  });
  return { child, port };
}

test('ollama --version prints the version line the real CLI prints', async () => {
  const { stdout } = await promisify(execFile)(binary, ['--version'], { env: { ...process.env, FAKE_OLLAMA_VERSION: '0.12.9' } });
  assert.equal(stdout, 'ollama version is 0.12.9\n');
});

test('ollama serve answers the API on OLLAMA_HOST and exits 0 on SIGTERM', async () => {
  const { child, port } = await serve({ FAKE_OLLAMA_MODELS: 'qwen3:8b,llama3.2:3b' });
  const response = await request(`http://127.0.0.1:${port}/api/tags`);
  const tags = (await response.body.json()) as { models: { name: string }[] };
  assert.deepEqual(tags.models.map((model) => model.name), ['qwen3:8b', 'llama3.2:3b']);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('FAKE_OLLAMA_CRASH_AFTER_MS makes serve exit 1 after that delay', async () => {
  const { child } = await serve({ FAKE_OLLAMA_CRASH_AFTER_MS: '200' });
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
});
