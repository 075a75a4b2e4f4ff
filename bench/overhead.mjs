#!/usr/bin/env node
// `npm run bench:overhead`: runs ../shared/gwbench/compare.mjs with Gatehouse beside `direct` and
// the bare Node proxy (gwbench/examples/passthrough-proxy.mjs), both APIs, and writes the report
// under bench/results/<timestamp>/. Pass-through uses one deployment per API; `--translated` adds
// a run where OpenAI traffic goes to the Anthropic side and back; `--group3` routes through a
// 3-deployment group. Extra args go to compare.mjs (e.g. --quick, -n 500).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readyGwbench } from './gwbench.mjs';
import { buildServedGateway } from './served-gateway.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const gwbench = readyGwbench(root);

const args = process.argv.slice(2);
const translated = args.includes('--translated');
const group3 = args.includes('--group3');
const passThrough = args.filter((arg) => arg !== '--translated' && arg !== '--group3');

const gateway = buildServedGateway(root);

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = path.join(root, 'bench/results', stamp);
mkdirSync(out, { recursive: true });

/** Config files with {upstream} left for the harness to fill in at start. */
function configFor(name, body) {
  const file = path.join(out, `${name}.yaml`);
  writeFileSync(file, body);
  return file;
}
const deployment = (group, model, base, id) => `  - model_name: ${group}\n    litellm_params: { model: ${model}, api_base: ${base} }\n    model_info: { id: ${id} }\n`;
const settings = 'general_settings: { master_key: sk-bench }\nrouter_settings: { num_retries: 0 }\n';

// gwbench sends `model: mock-model` on both APIs. Pass-through: each API is steered to the
// upstream of its own protocol with the x-gatehouse-group override. Translated: one Anthropic
// deployment serves both, so OpenAI traffic is converted both ways.
const passthroughConfig = (upstream) => `model_list:\n${deployment('openai-pt', 'openai/mock-model', `${upstream}/v1`, 'openai')}${deployment('anthropic-pt', 'anthropic/mock-model', upstream, 'anthropic')}${settings}`;
const translatedConfig = (upstream) => `model_list:\n${deployment('mock-model', 'anthropic/mock-model', upstream, 'anthropic')}${settings}`;
const group3Config = (upstream) => `model_list:\n${[1, 2, 3].map((n) => deployment('mock-model', 'openai/mock-model', `${upstream}/v1`, `openai-${n}`)).join('')}${settings}`;

const gatewayTarget = (name, configBuilder, extraHeaders = '') => {
  const template = configFor(name, configBuilder('UPSTREAM'));
  const runner = path.join(out, `${name}.sh`);
  writeFileSync(runner, `#!/bin/sh\nsed "s#UPSTREAM#$2#g" "${template}" > "${template}.resolved" && exec node ${gateway.nodeArgs.join(' ')} "${gateway.script}" --config "${template}.resolved" --data-dir "${path.join(out, name + '-data')}" --port "$1"\n`, { mode: 0o755 });
  return `name=${name},cmd=sh ${runner} {port} {upstream},url=http://127.0.0.1:{port},api=openai+anthropic,header=authorization: Bearer sk-bench,header.anthropic=x-api-key: sk-bench${extraHeaders}`;
};

const targets = [
  `name=node-proxy,cmd=node ${path.join(gwbench, 'examples/passthrough-proxy.mjs')} --port {port} --upstream {upstream},url=http://127.0.0.1:{port},api=openai+anthropic`,
  gatewayTarget('gatehouse', passthroughConfig, ',header.openai=x-gatehouse-group: openai-pt,header.anthropic=x-gatehouse-group: anthropic-pt'),
];
if (translated) targets.push(gatewayTarget('gatehouse-translated', translatedConfig));
if (group3) targets.push(gatewayTarget('gatehouse-group3', group3Config));

const run = spawnSync(process.execPath, [
  path.join(gwbench, 'compare.mjs'),
  '--targets', 'direct',
  ...targets.flatMap((target) => ['--target', target]),
  '--out', out,
  '--label', 'Gatehouse bench:overhead',
  ...passThrough,
], { stdio: 'inherit', cwd: gwbench });
console.log(`\nReport: ${path.relative(root, path.join(out, 'report.md'))}`);
process.exit(run.status ?? 1);
