import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { run as bench } from '../../../gateway/cli/bench.ts';
import { run as hardware } from '../../../gateway/cli/hardware.ts';
import { openDatabase } from '../../../gateway/store/sqlite-database.ts';
import { SqliteBenchmarkStore } from '../../../gateway/store/sqlite-benchmark-store.ts';
import { startOllamaTestServer, type OllamaTestServer } from '../../helpers/ollama-test-server.ts';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr, env: {} }, out: () => out, err: () => err };
}

let ollama: OllamaTestServer;
const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-cli-bench-'));
before(async () => {
  ollama = await startOllamaTestServer();
});
after(async () => {
  await ollama.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('bench prints a table with a median row and stores the result under --data-dir', { timeout: 30_000 }, async () => {
  const output = capture();
  const code = await bench(['--model', 'qwen3:8b', '--runs', '2', '--ollama', ollama.url, '--data-dir', dataDir], output.io);
  assert.equal(code, 0, output.err());
  assert.match(output.out(), /^run\s+prompt tok\s+prompt t\/s\s+gen tok\s+gen t\/s\s+TTFT ms\s+total ms$/m);
  assert.match(output.out(), /^median\s/m);
  assert.match(output.out(), /qwen3:8b \(Q4_K_M\) · num_ctx 65536 · load \d+ ms · .* 100% on GPU, context 65536 · Ollama 0\.13\.5/);
  // The depth run is a row like the others; the default reply is prose, so the smoke test fails and says why.
  assert.match(output.out(), /^depth 16k\s+\d+\s+[\d.]+\s+\d+\s+[\d.]+\s+\d+\s+\d+$/m);
  assert.match(output.out(), /^tools \(Read\): fail — answered in text instead of calling Read: "Hello from the test Ollama\."$/m);
  assert.match(output.err(), /depth run \(long prompt\)…\ntool-call smoke test…/);
  const database = openDatabase(dataDir);
  try {
    const stored = new SqliteBenchmarkStore(database).list();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.runs.length, 2);
    assert.ok(stored[0]?.hardware !== null);
    assert.equal(stored[0]?.depth?.targetTokens, 16_384);
    assert.equal(stored[0]?.toolCall?.verdict, 'fail');
  } finally {
    database.close();
  }
});

test('bench --no-depth skips the long-prompt run, says so, and stores no depth run', { timeout: 30_000 }, async () => {
  const skippedDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-cli-bench-no-depth-'));
  const output = capture();
  const chatsBefore = ollama.requests.filter((request) => request.path === '/api/chat').length;
  try {
    assert.equal(await bench(['--model', 'qwen3:8b', '--runs', '1', '--no-depth', '--ollama', ollama.url, '--data-dir', skippedDir], output.io), 0, output.err());
    assert.doesNotMatch(output.out(), /^depth \d+k\s/m, "no depth row in the table");
    assert.match(output.out(), /^depth run: skipped \(--no-depth\)$/m);
    assert.doesNotMatch(output.err(), /depth run \(long prompt\)/);
    assert.match(output.out(), /^tools \(Read\): /m, 'the smoke test still runs');
    // Warm-up, one run and the smoke test: no long prompt was sent.
    assert.equal(ollama.requests.filter((request) => request.path === '/api/chat').length - chatsBefore, 3);
    const database = openDatabase(skippedDir);
    try {
      assert.equal(new SqliteBenchmarkStore(database).list()[0]?.depth, null);
    } finally {
      database.close();
    }
  } finally {
    rmSync(skippedDir, { recursive: true, force: true });
  }
});

test('bench --json prints the result; a failure exits 1', { timeout: 30_000 }, async () => {
  const output = capture();
  assert.equal(await bench(['--model', 'qwen3:8b', '--runs', '1', '--ollama', ollama.url, '--json'], output.io), 0);
  assert.equal((JSON.parse(output.out()) as { status: string }).status, 'done');
  const missing = capture();
  assert.equal(await bench(['--model', 'missing:1b', '--ollama', ollama.url], missing.io), 1);
  assert.match(missing.out(), /Failed: .*ollama pull missing:1b/);
});

test('bench with no Ollama answering prints the reason alone, not a table of "?", and exits 1', { timeout: 30_000 }, async () => {
  const output = capture();
  assert.equal(await bench(['--model', 'qwen3:8b', '--ollama', 'http://127.0.0.1:1'], output.io), 1);
  assert.match(output.out(), /^Failed: Ollama is not answering at http:\/\/127\.0\.0\.1:1\b/);
  assert.doesNotMatch(output.out(), /prompt t\/s|median/);
});

test('bad flags are a clear error with usage and exit 2', async () => {
  for (const args of [['--model'], ['--runs', '3'], ['--model', 'x', '--runs', '0'], ['--model', 'x', '--runs', 'many'], ['--model', 'x', '--frobnicate']]) {
    const output = capture();
    assert.equal(await bench(args, output.io), 2, args.join(' '));
    assert.match(output.err(), /Usage: bench --model NAME/);
  }
  const output = capture();
  assert.equal(await hardware(['--verbose'], output.io), 2);
});

test('hardware prints the probe, and --json its snapshot', { timeout: 30_000 }, async () => {
  const text = capture();
  assert.equal(await hardware([], text.io), 0);
  assert.match(text.out(), /^RAM\s+.* total, .* available$/m);
  assert.match(text.out(), /What fits/);
  const json = capture();
  assert.equal(await hardware(['--json'], json.io), 0);
  assert.ok((JSON.parse(json.out()) as { ram: { totalBytes: { value: number } } }).ram.totalBytes.value > 0);
});
