// Where ../shared/gwbench lives, made ready to import: its load generator needs its own undici.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The gwbench folder beside this repository, with its dependencies installed; exits 2 when it is missing. */
export function readyGwbench(root) {
  const gwbench = path.resolve(root, '../shared/gwbench');
  if (!existsSync(path.join(gwbench, 'compare.mjs'))) {
    console.error(`gwbench not found at ${gwbench}: it lives in ../shared/gwbench beside this repository.`);
    process.exit(2);
  }
  if (!existsSync(path.join(gwbench, 'node_modules/undici'))) {
    console.error('Installing gwbench dependencies (undici)…');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', gwbench], { stdio: 'inherit' });
    if (install.status !== 0) process.exit(install.status ?? 1);
  }
  return gwbench;
}
