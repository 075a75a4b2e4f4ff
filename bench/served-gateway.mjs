// How `npm run serve` starts the built gateway, read from package.json, so that the benchmarks
// measure it with the node flags its users get (the young-generation cap among them).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const GATEWAY_SCRIPT = 'dist/gateway/cli.mjs';

/** The node options and script of package.json's `serve`, e.g. { nodeArgs: ['--max-semi-space-size=8'], script }. */
export function servedGateway(root) {
  const serve = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts?.serve ?? '';
  const command = serve.split('&&').map((part) => part.trim().split(/\s+/)).find((words) => words[0] === 'node' && words.includes(GATEWAY_SCRIPT));
  if (!command) throw new Error(`package.json's serve script does not run "node … ${GATEWAY_SCRIPT}": ${JSON.stringify(serve)}`);
  return { nodeArgs: command.slice(1, command.indexOf(GATEWAY_SCRIPT)), script: path.join(root, GATEWAY_SCRIPT) };
}

/** Builds dist/gateway (exiting with the build's status when it fails) and returns how serve starts it. */
export function buildServedGateway(root) {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--gateway'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  return servedGateway(root);
}
