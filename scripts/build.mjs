#!/usr/bin/env node
// Builds what `npm run serve` / `npm start` / `npm run dist` need:
//   --gateway      bundle gateway/cli.ts to dist/gateway/cli.mjs (esbuild, ~0.2 s; packages stay external)
//   --ui           vite build of renderer/ to dist/ui
//   --ui-if-stale  the same, only when dist/ui is missing or older than renderer/
//   --electron     bundle electron/main.ts and the preload to dist/electron (CommonJS, as Electron loads them)
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flags = new Set(process.argv.slice(2));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

if (flags.has('--gateway')) {
  await build({
    entryPoints: [path.join(root, 'gateway/cli.ts')],
    outfile: path.join(root, 'dist/gateway/cli.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

const uiIndex = path.join(root, 'dist/ui/index.html');
const uiStale = () => !existsSync(uiIndex) || statSync(uiIndex).mtimeMs < newestMtime(path.join(root, 'renderer'));
if (existsSync(path.join(root, 'renderer/index.html')) && (flags.has('--ui') || (flags.has('--ui-if-stale') && uiStale()))) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

if (flags.has('--electron') && existsSync(path.join(root, 'electron/main.ts'))) {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron', 'better-sqlite3'], sourcemap: true, logLevel: 'warning' };
  await build({ ...common, entryPoints: [path.join(root, 'electron/main.ts')], outfile: path.join(root, 'dist/electron/main.cjs'), packages: 'external' });
  await build({ ...common, entryPoints: [path.join(root, 'electron/preload/index.ts')], outfile: path.join(root, 'dist/electron/preload.cjs') });
}
