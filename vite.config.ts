// The dashboard build: served by the gateway at /ui/ and loaded by the desktop window, hence the
// relative base. esbuild's automatic JSX runtime replaces @vitejs/plugin-react (no Fast Refresh needed).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.join(root, 'dist/ui'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // CSP allows no inline script and keeps assets as files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
