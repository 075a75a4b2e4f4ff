/**
 * The built gateway (dist/gateway/cli.mjs, what `npm run serve` runs), checked for what costs
 * resident memory without showing up in any test of behaviour.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

test('the bundle is ASCII, so V8 holds its source as one byte per character', () => {
  // V8 keeps a module's source for as long as the module lives (functions compile from it on
  // first call), one byte per character only when every character is Latin-1. One "…" in a
  // comment made the whole bundle two-byte: 0.9 MB resident instead of 0.45. esbuild escapes
  // strings and identifiers but copies comments, regular expressions and String.raw as written.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bundle-'));
  try {
    const outfile = path.join(dir, 'cli.mjs');
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--gateway-outfile', outfile], { cwd: root, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const offending = readFileSync(outfile, 'utf8').split('\n')
      .map((line, index) => ({ line: index + 1, text: line.trim() }))
      .filter(({ text }) => /[^\x00-\x7f]/.test(text)); // eslint-disable-line no-control-regex
    assert.deepEqual(offending, [], 'write these characters as \\u escapes (or ASCII, in a comment)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run serve caps the young generation at 2 x 8 MiB, and this Node honours the flag', () => {
  // V8 grows each semi-space to 16 MiB under sustained load (it grows whenever the bytes that
  // survived scavenges since the last growth exceed its size, and never decays that count), and
  // both semi-spaces stay resident: 32 MiB of the gateway's RSS. At 8 MiB: RSS after 10k requests
  // at c=64 122 -> 107 MiB, CPU per request the same within noise; at 4 MiB promotions grow the
  // old space instead.
  const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const flags = /node ((?:--\S+ )*)dist\/gateway\/cli\.mjs/.exec(scripts.serve!)?.[1]?.trim().split(' ') ?? [];
  assert.ok(flags.includes('--max-semi-space-size=8'), scripts.serve);
  // Survivors in every scavenge, as a loaded gateway has: unbounded, new space would reach 32 MiB.
  const probe = `const v8 = require('node:v8'); const keep = [];
    for (let i = 0; i < 4e6; i++) { const o = { i, a: [i] }; if (i % 8 === 0) keep.push(o); if (keep.length > 40000) keep.splice(0, 20000); }
    console.log(v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size);`;
  const run = spawnSync(process.execPath, [...flags, '-e', probe], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(Number(run.stdout) <= 16 * 1024 * 1024, `new space ${run.stdout}`);
});
