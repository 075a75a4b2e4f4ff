/**
 * The built gateway (dist/gateway/cli.mjs, what `npm run serve` runs), checked for what costs
 * resident memory without showing up in any test of behaviour.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
let dir = '';
let bundle = '';

before(() => {
  // Inside the project, so that the bundle's external packages resolve from node_modules as dist/gateway's do.
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  dir = mkdtempSync(path.join(root, 'dist', 'bundle-test-'));
  bundle = path.join(dir, 'cli.mjs');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--gateway-outfile', bundle], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the bundle is ASCII, so V8 holds its source as one byte per character', () => {
  // V8 keeps a module's source for as long as the module lives (functions compile from it on
  // first call), one byte per character only when every character is Latin-1. One "…" in a
  // comment made the whole bundle two-byte: 0.9 MB resident instead of 0.45. esbuild escapes
  // strings and identifiers but copies comments and regular expressions as written, so the build
  // escapes what is left (zod brings an em dash in a comment).
  const offending = readFileSync(bundle, 'utf8').split('\n')
    .map((line, index) => ({ line: index + 1, text: line.trim() }))
    .filter(({ text }) => /[^\x00-\x7f]/.test(text)); // eslint-disable-line no-control-regex
  assert.deepEqual(offending, []);
});

test('zod is bundled: validating a config loads none of its modules from node_modules (every locale came with them)', () => {
  const loads = path.join(dir, 'loads.txt');
  writeFileSync(loads, '');
  const preload = path.join(dir, 'record-loads.mjs');
  const hook = pathToFileURL(path.join(root, 'test/helpers/record-module-loads.mjs')).href;
  writeFileSync(preload, `import { register } from 'node:module';\nregister(${JSON.stringify(hook)}, { data: { file: ${JSON.stringify(loads)} } });\n`);
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, 'model_list:\n  - model_name: claude\n    litellm_params: { model: anthropic/claude-sonnet-4-5, api_key: sk-test }\n');
  const check = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, bundle, 'check-config', '--config', config], { cwd: root, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  const loaded = readFileSync(loads, 'utf8').split('\n').filter(Boolean);
  assert.ok(loaded.some((url) => url.endsWith('/cli.mjs')), 'the hook saw the bundle load');
  assert.deepEqual(loaded.filter((url) => url.includes('/node_modules/zod/')), []);
});

test('npm run serve caps V8\'s young generation at 16 MiB, and the benchmarks start the gateway the same way', async () => {
  // Under c=64 load both semi-spaces grow to 16 MiB each and stay: 32 MiB of a ~125 MiB
  // footprint. Capped at 8 MiB each, RSS after gwbench's ~26k requests measured 110-121 MiB
  // instead of 121-124, for ~8 us more scavenging per request (bench/README.md, run 9).
  const { servedGateway } = await import(pathToFileURL(path.join(root, 'bench/served-gateway.mjs')).href) as {
    servedGateway: (root: string) => { nodeArgs: string[]; script: string };
  };
  const served = servedGateway(root);
  assert.equal(served.script, path.join(root, 'dist/gateway/cli.mjs'));
  assert.ok(served.nodeArgs.includes('--max-semi-space-size=8'), `serve runs node with ${JSON.stringify(served.nodeArgs)}`);
  // The flag does what it says on this Node: survivors that grow new space to 32 MiB stop it at 16.
  const churn = `let live = []; for (let i = 0; i < 3e6; i++) { live.push({ i, text: 'x' + i }); if (live.length > 20000) live = []; }
    console.log(require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size / 1048576);`;
  const newSpaceMiB = (nodeArgs: string[]) => Number(spawnSync(process.execPath, [...nodeArgs, '-e', churn], { encoding: 'utf8' }).stdout.trim());
  assert.ok(newSpaceMiB(served.nodeArgs) <= 16, 'new space within 16 MiB with the served flags');
  assert.ok(newSpaceMiB([]) > 16, 'without them the same churn grows it further (else this check proves nothing)');
});
