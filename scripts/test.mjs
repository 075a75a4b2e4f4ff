#!/usr/bin/env node
// `npm test`: type-check, lint, then every test/**/*.test.ts(x) under node's test runner.
// The last line is always `tests: N passed, N failed` (the two static checks count as one test each)
// so that CI and people read the same verdict.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;

function check(label, command, args) {
  process.stdout.write(`\n== ${label}: ${[path.basename(command), ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    process.stdout.write(`✖ ${label} failed\n`);
  }
}

if (only.length === 0) {
  check('typecheck (gateway, electron, tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  if (readdirSync(path.join(root, 'renderer')).length > 0) check('typecheck (renderer)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.renderer.json']);
  check('typecheck (e2e: Node driving a page)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.e2e.json']);
  check('lint', bin('eslint'), ['--max-warnings=0', '.']);
}

const testFiles = only.length > 0
  ? only
  : readdirSync(path.join(root, 'test'), { recursive: true })
      .filter((file) => /\.test\.tsx?$/.test(file))
      .map((file) => path.join('test', file))
      .sort();

process.stdout.write(`\n== node --test: ${testFiles.length} files\n`);
const run = spawnSync(process.execPath, [
  '--import', 'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-timeout=120000',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/count-reporter.mjs', '--test-reporter-destination=.test-counts.json',
  ...testFiles,
], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });

const { readFileSync, rmSync } = await import('node:fs');
let counts = { pass: 0, fail: 0 };
try {
  counts = JSON.parse(readFileSync(path.join(root, '.test-counts.json'), 'utf8'));
  rmSync(path.join(root, '.test-counts.json'));
} catch {
  counts.fail += 1; // the runner died before reporting: that is a failure, never a silent pass
}
if (run.status !== 0 && counts.fail === 0) counts.fail = 1;
passed += counts.pass;
failed += counts.fail;
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
