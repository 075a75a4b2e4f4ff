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
