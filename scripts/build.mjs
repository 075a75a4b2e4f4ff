#!/usr/bin/env node
// Builds what `npm run serve` / `npm start` / `npm run dist` need:
//   --gateway      bundle gateway/cli.ts to dist/gateway/cli.mjs (esbuild, ~0.2 s; packages other than zod stay external)
//   --gateway-outfile FILE   the same, written to FILE instead (tests, side-by-side measurements)
//   --ui           bundle renderer/ to dist/ui (esbuild)
//   --ui-if-stale  the same, only when dist/ui is missing or older than renderer/
//   --electron     bundle electron/main.ts and the preload to dist/electron (CommonJS, as Electron loads them)
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    gateway: { type: 'boolean' },
    'gateway-outfile': { type: 'string' },
    ui: { type: 'boolean' },
    'ui-if-stale': { type: 'boolean' },
    electron: { type: 'boolean' },
  },
});

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

// zod is bundled so that only the 28 of its 95 modules the schemas use are loaded: from
// node_modules every locale came too, 1.4 MiB of module source that V8 keeps for the process's
// life (idle RSS 74 -> 70 MiB). The other packages stay in node_modules: native, loaded lazily,
// or loaded by part.
const BUNDLED_PACKAGES = new Set(['zod']);

/**
 * esbuild escapes non-ASCII characters in strings and identifiers but copies comments and regular
 * expressions as written (zod has an em dash in a comment). One such character makes V8 hold the
 * whole bundle's source at two bytes per character; as a \u escape it means the same.
 */
function escapeNonAscii(file) {
  const source = readFileSync(file, 'utf8');
  // eslint-disable-next-line no-control-regex
  const ascii = source.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== source) writeFileSync(file, ascii);
}

if (options.gateway || options['gateway-outfile']) {
  const outfile = path.resolve(options['gateway-outfile'] ?? path.join(root, 'dist/gateway/cli.mjs'));
  const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  await build({
    entryPoints: [path.join(root, 'gateway/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.has(name)),
    sourcemap: true,
    logLevel: 'warning',
  });
  escapeNonAscii(outfile);
}

const uiIndex = path.join(root, 'dist/ui/index.html');
const uiStale = () => !existsSync(uiIndex) || statSync(uiIndex).mtimeMs < newestMtime(path.join(root, 'renderer'));
// The dashboard is bundled by esbuild too (JS + CSS, content-hashed names): no inline script, so
// the strict CSP holds, and relative URLs, so it works at /ui/ and from file:// in Electron.
if (existsSync(path.join(root, 'renderer/index.html')) && (options.ui || (options['ui-if-stale'] && uiStale()))) {
  const outdir = path.join(root, 'dist/ui');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [path.join(root, 'renderer/main.tsx')],
    outdir: path.join(outdir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outdir, path.resolve(root, file)));
  const script = outputs.find((file) => file.endsWith('.js'));
  const style = outputs.find((file) => file.endsWith('.css'));
  const html = readFileSync(path.join(root, 'renderer/index.html'), 'utf8').replace(
    /<script type="module" src="\.\/main\.tsx"><\/script>/,
    `${style ? `<link rel="stylesheet" href="./${style}" />\n    ` : ''}<script type="module" src="./${script}"></script>`,
  );
  mkdirSync(outdir, { recursive: true });
  writeFileSync(path.join(outdir, 'index.html'), html);
}

if (options.electron && existsSync(path.join(root, 'electron/main.ts'))) {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron', 'better-sqlite3'], sourcemap: true, logLevel: 'warning' };
  // The gateway reads import.meta.url (to find the dashboard, to load the price catalogue with
  // createRequire); in this CommonJS bundle it is the bundle's own URL. The banner opens with the
  // bundle's "use strict", which must stay the first statement to count.
  const importMetaUrl = { define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: `"use strict";\nconst importMetaUrl = require('node:url').pathToFileURL(__filename).href;` } };
  await build({ ...common, ...importMetaUrl, entryPoints: [path.join(root, 'electron/main.ts')], outfile: path.join(root, 'dist/electron/main.cjs'), packages: 'external' });
  await build({ ...common, entryPoints: [path.join(root, 'electron/preload/index.ts')], outfile: path.join(root, 'dist/electron/preload.cjs') });
}
