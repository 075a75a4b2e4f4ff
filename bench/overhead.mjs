#!/usr/bin/env node
// `npm run bench:overhead`: runs ../shared/gwbench/compare.mjs with Gatehouse beside `direct` and
// the bare Node proxy (gwbench/examples/passthrough-proxy.mjs), both APIs, and writes the report
// under bench/results/<timestamp>/. Pass-through uses one deployment per API; `--translated` adds
// a run where OpenAI traffic goes to the Anthropic side and back; `--group3` routes through a
// 3-deployment group; `--anchors` adds Portkey and claude-code-router (installed by gwbench's
// setup-targets.sh from npm on first use) and judges DESIGN.md §10's throughput budget: Gatehouse
// at c=64 ≥ 3× each of theirs. Extra args go to compare.mjs (e.g. --quick, -n 500).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readyGwbench } from './gwbench.mjs';
import { buildServedGateway } from './served-gateway.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const gwbench = readyGwbench(root);

const args = process.argv.slice(2);
const translated = args.includes('--translated');
const group3 = args.includes('--group3');
const anchors = args.includes('--anchors');
const passThrough = args.filter((arg) => arg !== '--translated' && arg !== '--group3' && arg !== '--anchors');
const ANCHORS = ['portkey', 'ccr'];
const THROUGHPUT_OVER_ANCHORS = 3;

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

if (anchors) readyAnchors();
const run = spawnSync(process.execPath, [
  path.join(gwbench, 'compare.mjs'),
  '--targets', ['direct', ...(anchors ? ANCHORS : [])].join(','),
  ...targets.flatMap((target) => ['--target', target]),
  '--out', out,
  '--label', 'Gatehouse bench:overhead',
  ...passThrough,
], { stdio: 'inherit', cwd: gwbench });
console.log(`\nReport: ${path.relative(root, path.join(out, 'report.md'))}`);
const throughputMet = run.status === 0 && anchors ? judgeThroughput() : true;
process.exit(run.status === 0 && !throughputMet ? 1 : (run.status ?? 1));

/** Installs Portkey and claude-code-router where compare.mjs looks for them, unless already there. */
function readyAnchors() {
  const dir = process.env.GWBENCH_TARGETS ?? path.join(os.tmpdir(), 'gwbench-targets');
  const installed = existsSync(path.join(dir, 'portkey/node_modules/@portkey-ai/gateway')) && existsSync(path.join(dir, 'ccr/node_modules/@musistudio/claude-code-router'));
  if (installed) return;
  console.error(`Installing Portkey and claude-code-router into ${dir} (gwbench's setup-targets.sh)…`);
  const setup = spawnSync('bash', [path.join(gwbench, 'setup-targets.sh')], { stdio: 'inherit', env: { ...process.env, GWBENCH_TARGETS: dir } });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
}

/**
 * DESIGN.md §10: throughput ≥ 3× Portkey's and claude-code-router's. Judged on the c=64 points
 * (JSON and streams) of the API each anchor serves, against Gatehouse on the same API. The load
 * generator shares the box, so each line also gives the bare proxy's ratio (the ceiling any Node
 * gateway meets here) and the ratio of CPU per request (what the gateway would serve on cores of
 * its own).
 */
function judgeThroughput() {
  const { results } = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
  const byName = new Map(results.map((result) => [result.name, result]));
  const point = (name, api, workload) => byName.get(name)?.apis?.[api]?.workloads?.[workload];
  const lines = [];
  let met = true;
  for (const anchor of ANCHORS) {
    for (const api of Object.keys(byName.get(anchor)?.apis ?? {})) {
      for (const workload of ['json-c64', 'stream-c64']) {
        const theirs = point(anchor, api, workload);
        const floor = point('node-proxy', api, workload);
        for (const ours of ['gatehouse', 'gatehouse-translated']) {
          const mine = point(ours, api, workload);
          if (!theirs?.rps || !mine?.rps) continue;
          const ratio = mine.rps / theirs.rps;
          met &&= ratio >= THROUGHPUT_OVER_ANCHORS;
          const context = [
            floor?.rps ? `node-proxy ${(floor.rps / theirs.rps).toFixed(1)}×` : undefined,
            theirs.cpuUsPerReq && mine.cpuUsPerReq ? `CPU per request ${(theirs.cpuUsPerReq / mine.cpuUsPerReq).toFixed(1)}× less (${Math.round(mine.cpuUsPerReq)} vs ${Math.round(theirs.cpuUsPerReq)} µs)` : undefined,
          ].filter(Boolean).join('; ');
          lines.push(`- ${ratio >= THROUGHPUT_OVER_ANCHORS ? 'met' : 'NOT met'}: ${ours}/${api} ${workload} ${Math.round(mine.rps)} req/s = ${ratio.toFixed(1)}× ${anchor}'s ${Math.round(theirs.rps)} (${context})`);
        }
      }
    }
  }
  if (lines.length === 0) {
    console.log('Throughput against the anchors: no figures (did Portkey and claude-code-router start? see the report).');
    return false;
  }
  const text = [`Throughput ≥ ${THROUGHPUT_OVER_ANCHORS}× Portkey's and claude-code-router's (DESIGN.md §10), c=64:`, ...lines].join('\n');
  console.log(`\n${text}`);
  writeFileSync(path.join(out, 'throughput.md'), `${text}\n`);
  return met;
}
