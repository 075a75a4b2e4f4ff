#!/usr/bin/env node
// `npm run bench:budgets`: the latency, CPU and memory budgets of DESIGN.md §10 (issue 3), measured
// in interleaved rounds. bench:overhead measures one target for a minute or two, then the next;
// on a shared 2-core box the drift between those minutes is as large as the differences it looks
// for. Here every round measures every target at every point, in an order that rotates from round
// to round, each latency is taken against `direct` of the same round, each CPU figure against the
// bare proxy of the same round, and the verdict reads the median over the rounds.
//
//   node bench/budgets.mjs [--rounds 7] [--c1-requests 400] [--paced-requests 32] [--against REV]
//
// --against REV also builds the gateway of git revision REV (in a temporary worktree) and runs it
// beside this tree's, as two more targets measured in the same rounds: the report then gives this
// tree against REV at every point, pass-through and translated, so a change is judged against
// the build before it on the same minutes of the same box rather than against an older run.
//
// Targets: direct (gwbench's mock, no gateway), node-proxy (gwbench's bare Node pass-through
// proxy), gatehouse (each API to a deployment of its own protocol) and gatehouse-translated (each
// API to a deployment of the other protocol, converted both ways), both APIs, one gateway process.
// Budgets:
//   c1     JSON at concurrency 1: added p50 latency ≤ 0.3 ms and ≤ 1.5× node-proxy's
//   ttft   streams at concurrency 1: added p50 time to first token ≤ 1 ms
//   paced  streams at c=8, 20 deltas 50 ms apart: added p50 time to first token ≤ 1 ms, and
//          incremental in every round (gwbench's rule: TTFT p90 < 100 ms, spread p50 > 475 ms)
//   cpu    JSON and streams at c=64: CPU per request ≤ 2× node-proxy's
//   rss    the gateway's RSS after at least 10k requests ≤ 120 MiB
//   cc     Claude Code's own request (the largest in ../shared/reference/claude-code-captures, ~85 KB
//          with 25 tools), streamed at concurrency 1: added p50 time to first token ≤ 1 ms. Pass-through
//          routes it by its model name (a claude-* deployment, as in the default config); translated
//          sends it to the OpenAI-compatible deployment.
// c1's ratio is only judged where node-proxy itself adds more than 0.05 ms (below that the ratio
// is noise). The report is printed and written to bench/results/budgets-<timestamp>/.
// Exit code: 0 when every budget holds, 1 when one does not, 2 when the run could not start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createChildren, freePort, readCpuMicros, readRssBytes } from './children.mjs';
import { readyGwbench } from './gwbench.mjs';
import { buildServedGateway, servedGateway } from './served-gateway.mjs';
import { wholeNumberOptions } from './whole-number-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MASTER_KEY = 'sk-bench';
const ANSWER_CHARS = 400;
const PACED_DELAY_MS = 50;
const RSS_AFTER_REQUESTS = 10_000;
const MIB = 1024 * 1024;
const PATHS = { openai: '/v1/chat/completions', anthropic: '/v1/messages' };
const APIS = ['openai', 'anthropic'];
const CLAUDE_CODE_CAPTURE = path.resolve(root, '../shared/reference/claude-code-captures/capture-print-default.jsonl');
/** This tree's gateway targets: the budgets judge these, and RSS is read from their process. */
const GATEWAY_TARGETS = ['gatehouse', 'gatehouse-translated'];
const BUDGET = { c1Ms: 0.3, c1ProxyRatio: 1.5, ttftMs: 1, cpuProxyRatio: 2, rssMiB: 120 };

const options = wholeNumberOptions('bench/budgets.mjs', { rounds: 7, 'c1-requests': 400, 'paced-requests': 32 }, { against: 'REV' });
const { rounds, against } = options;
const c1Requests = options['c1-requests'];
const pacedRequests = options['paced-requests'];

const gwbench = readyGwbench(root);
const { runLoad } = await import(pathToFileURL(path.join(gwbench, 'load.mjs')).href);
const served = buildServedGateway(root);

/** What runLoad is asked for at each point. */
const POINTS = {
  c1: { stream: false, c: 1, n: c1Requests, warmup: 50 },
  ttft: { stream: true, c: 1, n: Math.ceil(c1Requests / 2), warmup: 20 },
  paced: { stream: true, c: 8, n: pacedRequests, warmup: 8 },
  cpuJson: { stream: false, c: 64, n: 2000, warmup: 200 },
  cpuStream: { stream: true, c: 64, n: 600, warmup: 64 },
  cc: { stream: true, c: 1, n: 100, warmup: 10, body: claudeCodeRequest() },
};

/** The largest /v1/messages body Claude Code sent in the capture (the capture keeps it parsed; serialised again here). */
function claudeCodeRequest() {
  if (!existsSync(CLAUDE_CODE_CAPTURE)) {
    console.error(`Claude Code's captured requests not found at ${CLAUDE_CODE_CAPTURE}: ../shared/reference beside this repository.`);
    process.exit(2);
  }
  const records = readFileSync(CLAUDE_CODE_CAPTURE, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const bodies = records.filter((record) => record.method === 'POST' && record.url.startsWith('/v1/messages?') && typeof record.body === 'object').map((record) => JSON.stringify(record.body));
  return bodies.reduce((largest, body) => (body.length > largest.length ? body : largest));
}

// Made last before the run, so that every exit from here on goes through the cleanup at the end.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-budgets-'));
const base = against === undefined ? undefined : buildRevision(against);

/** REV's gateway, built in a detached worktree under the scratch folder with this tree's node_modules; exits 2 (cleaned up) when it cannot be. */
function buildRevision(revision) {
  const git = (...args) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const tree = path.join(scratch, 'against');
  const fail = (message) => {
    git('worktree', 'remove', '--force', tree);
    rmSync(scratch, { recursive: true, force: true });
    console.error(`--against ${revision}: ${message}`);
    process.exit(2);
  };
  const commit = git('rev-parse', '--short', `${revision}^{commit}`);
  if (commit.status !== 0) fail(`not a revision of this repository (${commit.stderr.trim()})`);
  const added = git('worktree', 'add', '--detach', tree, revision);
  if (added.status !== 0) fail(`git worktree add failed: ${added.stderr.trim()}`);
  symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
  const build = spawnSync(process.execPath, [path.join(tree, 'scripts/build.mjs'), '--gateway'], { stdio: 'inherit' });
  if (build.status !== 0) fail(`its gateway did not build (exit ${build.status})`);
  return { label: `@${commit.stdout.trim()}`, tree, ...servedGateway(tree), remove: () => git('worktree', 'remove', '--force', tree) };
}

const children = createChildren();

function gatewayConfig(upstreamUrl) {
  const deployment = (group, model, base) => `  - model_name: ${group}\n    litellm_params: { model: ${model}, api_base: ${base} }\n    model_info: { id: ${group} }\n`;
  return `model_list:\n${deployment('openai-pt', 'openai/mock-model', `${upstreamUrl}/v1`)}${deployment('anthropic-pt', 'anthropic/mock-model', upstreamUrl)}`
    + `  - model_name: 'claude-*'\n    litellm_params: { model: 'anthropic/claude-*', api_base: ${upstreamUrl} }\n`
    + `general_settings: { master_key: ${MASTER_KEY} }\nrouter_settings: { num_retries: 0 }\n`;
}

async function startTargets() {
  const upstream = await children.start([path.join(gwbench, 'upstream.mjs'), '--port', '0'], /mock upstream listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const proxyPort = await freePort();
  const proxy = await children.startListening([path.join(gwbench, 'examples/passthrough-proxy.mjs'), '--port', String(proxyPort), '--upstream', upstream.found], proxyPort);
  const configPath = path.join(scratch, 'config.yaml');
  writeFileSync(configPath, gatewayConfig(upstream.found));
  const auth = (api) => (api === 'anthropic' ? { 'x-api-key': MASTER_KEY } : { authorization: `Bearer ${MASTER_KEY}` });
  const otherApi = (api) => (api === 'openai' ? 'anthropic' : 'openai');
  /** One gateway process as two targets: each API to its own protocol, and to the other one. */
  const startGateway = async (build, suffix) => {
    const gateway = await children.start([...build.nodeArgs, build.script, '--config', configPath, '--data-dir', path.join(scratch, `data${suffix}`), '--port', '0'], /Gatehouse listening on (http:\/\/127\.0\.0\.1:\d+)/);
    return [
      { name: `gatehouse${suffix}`, url: gateway.found, pid: gateway.child.pid, headers: (api) => ({ ...auth(api), 'x-gatehouse-group': `${api}-pt` }), claudeCodeHeaders: auth('anthropic') },
      { name: `gatehouse-translated${suffix}`, url: gateway.found, pid: gateway.child.pid, headers: (api) => ({ ...auth(api), 'x-gatehouse-group': `${otherApi(api)}-pt` }), claudeCodeHeaders: { ...auth('anthropic'), 'x-gatehouse-group': 'openai-pt' } },
    ];
  };
  const gateway = await startGateway(served, '');
  return {
    upstreamUrl: upstream.found,
    gatewayPid: gateway[0].pid,
    proxyPid: proxy.pid,
    targets: [
      { name: 'direct', url: upstream.found, pid: upstream.child.pid, headers: () => ({}), claudeCodeHeaders: {} },
      { name: 'node-proxy', url: `http://127.0.0.1:${proxyPort}`, pid: proxy.pid, headers: () => ({}), claudeCodeHeaders: {} },
      ...gateway,
      ...(base === undefined ? [] : await startGateway(base, base.label)),
    ],
  };
}

async function setMockPacing(upstreamUrl, chunkDelayMs) {
  const response = await fetch(`${upstreamUrl}/_mock/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chunkDelayMs }) });
  if (!response.ok) throw new Error(`mock config: HTTP ${response.status}`);
}

let gatewayRequests = 0;
const errors = [];

/** One load point against one target; returns gwbench's result with the target's CPU per request. */
async function measure(target, api, point, headers = target.headers(api)) {
  const cpuBefore = readCpuMicros(target.pid);
  const result = await runLoad({ url: target.url + PATHS[api], api, ...point, headers, expectChars: ANSWER_CHARS, maxSeconds: 60 });
  const cpuMicros = readCpuMicros(target.pid) - cpuBefore;
  if (GATEWAY_TARGETS.includes(target.name)) gatewayRequests += result.n + point.warmup;
  if (result.ok !== point.n) errors.push(`${target.name}/${api}: ${point.n - result.ok} of ${point.n} failed (${result.firstError ?? 'cut short'})`);
  return { ...result, cpuUsPerRequest: cpuMicros / (result.n + point.warmup) };
}

/** samples[point][target][api] = one figure per round. */
const samples = {};
const record = (point, target, api, value) => {
  ((samples[point] ??= {})[target] ??= {});
  (samples[point][target][api] ??= []).push(value);
};
const pacedIncremental = {};

async function runRound(round, targets, upstreamUrl) {
  // Rotate who goes first, and alternate the API order, so that drift lands on every target alike.
  const order = targets.map((_, index) => targets[(index + round) % targets.length]);
  const apis = round % 2 === 0 ? APIS : [...APIS].reverse();
  await setMockPacing(upstreamUrl, 0);
  for (const api of apis) {
    const results = {};
    for (const target of order) {
      results[target.name] = {
        c1: await measure(target, api, POINTS.c1),
        ttft: await measure(target, api, POINTS.ttft),
      };
    }
    for (const target of targets) {
      const own = results[target.name];
      const direct = results.direct;
      record('c1', target.name, api, own.c1.latency.p50 - direct.c1.latency.p50);
      record('ttft', target.name, api, own.ttft.ttft.p50 - direct.ttft.ttft.p50);
    }
    for (const target of order.filter((candidate) => candidate.name !== 'direct')) {
      record('cpuJson', target.name, api, (await measure(target, api, POINTS.cpuJson)).cpuUsPerRequest);
      record('cpuStream', target.name, api, (await measure(target, api, POINTS.cpuStream)).cpuUsPerRequest);
    }
  }
  await setMockPacing(upstreamUrl, PACED_DELAY_MS);
  for (const api of apis) {
    const results = {};
    for (const target of order) results[target.name] = await measure(target, api, POINTS.paced);
    for (const target of targets) {
      const own = results[target.name];
      record('paced', target.name, api, own.ttft.p50 - results.direct.ttft.p50);
      const key = `${target.name}/${api}`;
      pacedIncremental[key] = (pacedIncremental[key] ?? true) && own.ttft.p90 < 2 * PACED_DELAY_MS && own.spread.p50 > 0.5 * (19 * PACED_DELAY_MS);
    }
  }
  await setMockPacing(upstreamUrl, 0);
  const claudeCode = {};
  for (const target of order) claudeCode[target.name] = await measure(target, 'anthropic', POINTS.cc, target.claudeCodeHeaders);
  for (const target of targets) record('cc', target.name, 'anthropic', claudeCode[target.name].ttft.p50 - claudeCode.direct.ttft.p50);
}

/** Sends more traffic through the gateway until it has served `total` requests, half streamed. */
async function topUp(targets, total) {
  const gatewayTargets = targets.filter((target) => GATEWAY_TARGETS.includes(target.name));
  let turn = 0;
  while (gatewayRequests < total) {
    const target = gatewayTargets[turn % gatewayTargets.length];
    await measure(target, APIS[Math.floor(turn / 2) % 2], turn % 4 < 2 ? POINTS.cpuJson : POINTS.cpuStream);
    turn += 1;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const range = (values, digits) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
const perRoundDifference = (point, target, api) => samples[point][target][api].map((value, round) => value - samples[point]['node-proxy'][api][round]);
/**
 * The bare proxy's own figure at the same point, and how far the gateway is past it round by
 * round: on a noisy box an absolute latency budget can be out of reach of the proxy itself,
 * and the difference is then the part of the figure the gateway is answerable for.
 */
function besideProxy(point, target, api, budgetMs, digits) {
  const proxy = median(samples[point]['node-proxy'][api]);
  const over = perRoundDifference(point, target, api);
  const floor = proxy > budgetMs ? ' (over the budget itself in this run)' : '';
  return `node-proxy ${fixed(proxy, digits)} ms${floor}, the gateway ${signed(median(over), digits)} ms beside it (rounds ${signedRange(over, digits)})`;
}
/** toFixed without a "-0.0": a median a hair under direct's is no gain. */
const fixed = (value, digits) => (Object.is(Number(value.toFixed(digits)), -0) ? 0 : value).toFixed(digits);
const signed = (value, digits) => `${Number(value.toFixed(digits)) < 0 ? '−' : '+'}${fixed(Math.abs(value), digits)}`;
const signedRange = (values, digits) => `${signed(Math.min(...values), digits)} to ${signed(Math.max(...values), digits)}`;
const perRoundRatio = (point, target, api) => samples[point][target][api].map((value, round) => value / samples[point]['node-proxy'][api][round]);

/**
 * This tree beside REV's build, round by round: latencies as the median of the per-round
 * differences (ms), CPU as the median of the per-round ratios.
 */
function againstBase(label, rssAfterRounds) {
  const lines = [`This tree against ${label} (same rounds; latency: median of per-round differences, ms; CPU: median of per-round ratios):`, '',
    '| target | api | c1 +p50 | c1 +TTFT | paced +TTFT | Claude Code +TTFT | CPU JSON | CPU stream |', '|---|---|---:|---:|---:|---:|---:|---:|'];
  const perRound = (point, target, api, combine) => {
    const now = samples[point][target]?.[api];
    const then = samples[point][target + label]?.[api];
    return now && then ? now.map((value, round) => combine(value, then[round])) : undefined;
  };
  const difference = (point, target, api, digits) => {
    const values = perRound(point, target, api, (now, then) => now - then);
    return values ? `${signed(median(values), digits)} (${signedRange(values, digits)})` : '—';
  };
  const ratio = (point, target, api) => {
    const values = perRound(point, target, api, (now, then) => now / then);
    return values ? `${median(values).toFixed(2)}× (${range(values, 2)})` : '—';
  };
  for (const target of GATEWAY_TARGETS) {
    for (const api of APIS) {
      lines.push(`| ${target} | ${api} | ${difference('c1', target, api, 2)} | ${difference('ttft', target, api, 2)} | ${difference('paced', target, api, 1)} | ${difference('cc', target, api, 2)} | ${ratio('cpuJson', target, api)} | ${ratio('cpuStream', target, api)} |`);
    }
  }
  const now = rssAfterRounds['gatehouse-translated'];
  const then = rssAfterRounds[`gatehouse-translated${label}`];
  lines.push('', `RSS after the rounds, the same requests served by both: this tree ${now.toFixed(1)} MiB, ${label} ${then.toFixed(1)} MiB.`);
  return lines;
}

function report({ rssMiB, proxyRssMiB, rssAfterRounds, startedAt }) {
  const lines = [];
  const verdicts = [];
  const check = (label, ok, detail) => {
    verdicts.push(ok);
    lines.push(`- ${ok ? 'met' : 'NOT met'}: ${label}: ${detail}`);
  };
  lines.push(`# bench:budgets, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
  lines.push(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${rounds} rounds, ${Math.round((Date.now() - startedAt) / 1000)} s. Medians over the rounds, range in brackets; latencies are added to \`direct\` of the same round (ms), CPU is µs per request of the target's process.`, '');
  lines.push('| target | api | c1 +p50 | c1 +TTFT | paced +TTFT | Claude Code +TTFT | CPU JSON | CPU stream |', '|---|---|---:|---:|---:|---:|---:|---:|');
  const cell = (point, target, api, digits) => {
    const values = samples[point][target]?.[api];
    return values ? `${median(values).toFixed(digits)} (${range(values, digits)})` : '—';
  };
  for (const target of ['node-proxy', ...GATEWAY_TARGETS.flatMap((name) => (base === undefined ? [name] : [name, name + base.label]))]) {
    for (const api of APIS) {
      lines.push(`| ${target} | ${api} | ${cell('c1', target, api, 2)} | ${cell('ttft', target, api, 2)} | ${cell('paced', target, api, 1)} | ${cell('cc', target, api, 2)} | ${cell('cpuJson', target, api, 0)} | ${cell('cpuStream', target, api, 0)} |`);
    }
  }
  lines.push('', 'Budgets (DESIGN.md §10, issue 3):');
  for (const target of GATEWAY_TARGETS) {
    for (const api of APIS) {
      const c1 = median(samples.c1[target][api]);
      const proxyC1 = median(samples.c1['node-proxy'][api]);
      check(`${target}/${api} c1 +p50 ≤ ${BUDGET.c1Ms} ms and ≤ ${BUDGET.c1ProxyRatio}× node-proxy's`, c1 <= BUDGET.c1Ms && (proxyC1 <= 0.05 || c1 <= BUDGET.c1ProxyRatio * proxyC1), `${c1.toFixed(2)} ms; ${besideProxy('c1', target, api, BUDGET.c1Ms, 2)}`);
      const ttft = median(samples.ttft[target][api]);
      check(`${target}/${api} c1 +TTFT ≤ ${BUDGET.ttftMs} ms`, ttft <= BUDGET.ttftMs, `${ttft.toFixed(2)} ms; ${besideProxy('ttft', target, api, BUDGET.ttftMs, 2)}`);
      const paced = median(samples.paced[target][api]);
      const incremental = pacedIncremental[`${target}/${api}`];
      check(`${target}/${api} paced +TTFT ≤ ${BUDGET.ttftMs} ms and incremental`, paced <= BUDGET.ttftMs && incremental, `${paced.toFixed(1)} ms, ${incremental ? 'incremental in every round' : 'NOT incremental in some round'}; ${besideProxy('paced', target, api, BUDGET.ttftMs, 1)}`);
      if (api === 'anthropic') {
        const claudeCode = median(samples.cc[target][api]);
        check(`${target}/${api} Claude Code's ${Math.round(POINTS.cc.body.length / 1024)} KB request: +TTFT ≤ ${BUDGET.ttftMs} ms`, claudeCode <= BUDGET.ttftMs, `${claudeCode.toFixed(2)} ms; ${besideProxy('cc', target, api, BUDGET.ttftMs, 2)}`);
      }
      for (const [point, label] of [['cpuJson', 'JSON'], ['cpuStream', 'stream']]) {
        const ratio = median(perRoundRatio(point, target, api));
        check(`${target}/${api} CPU per ${label} request ≤ ${BUDGET.cpuProxyRatio}× node-proxy's`, ratio <= BUDGET.cpuProxyRatio, `${ratio.toFixed(2)}× (rounds ${range(perRoundRatio(point, target, api), 2)})`);
      }
    }
  }
  check(`RSS after ${gatewayRequests} requests ≤ ${BUDGET.rssMiB} MiB`, rssMiB <= BUDGET.rssMiB, `${rssMiB.toFixed(1)} MiB (node-proxy ${proxyRssMiB.toFixed(1)} MiB)`);
  if (errors.length > 0) check('no failed requests', false, errors.slice(0, 5).join('; '));
  const met = verdicts.filter(Boolean).length;
  if (base !== undefined) lines.push('', ...againstBase(base.label, rssAfterRounds));
  lines.push('', `budgets: ${met} met, ${verdicts.length - met} not met`);
  return { text: lines.join('\n'), allMet: met === verdicts.length };
}

async function main() {
  const startedAt = Date.now();
  const { targets, upstreamUrl, gatewayPid, proxyPid } = await startTargets();
  console.log(`Warming up ${targets.length} targets…`);
  for (const target of targets) {
    for (const api of APIS) {
      for (const stream of [false, true]) await measure(target, api, { stream, c: 16, n: 1000, warmup: 0 });
    }
  }
  for (let round = 0; round < rounds; round += 1) {
    const roundStarted = Date.now();
    await runRound(round, targets, upstreamUrl);
    console.log(`round ${round + 1}/${rounds}: ${((Date.now() - roundStarted) / 1000).toFixed(0)} s`);
  }
  // Both builds have served the same requests by now; the top-up below feeds this tree's alone.
  const rssAfterRounds = Object.fromEntries(targets.filter((target) => target.name.startsWith('gatehouse-translated')).map((target) => [target.name, readRssBytes(target.pid) / MIB]));
  await topUp(targets, RSS_AFTER_REQUESTS);
  const { text, allMet } = report({ rssMiB: readRssBytes(gatewayPid) / MIB, proxyRssMiB: readRssBytes(proxyPid) / MIB, rssAfterRounds, startedAt });
  console.log(`\n${text}`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.join(root, 'bench/results', `budgets-${stamp}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'report.md'), `${text}\n`);
  writeFileSync(path.join(out, 'results.json'), JSON.stringify({ rounds, against: base?.label ?? null, points: POINTS, samples, pacedIncremental, gatewayRequests, errors }, null, 2));
  console.log(`\nReport: ${path.relative(root, path.join(out, 'report.md'))}`);
  return allMet ? 0 : 1;
}

let exitCode = 2;
try {
  exitCode = await main();
} catch (error) {
  console.error(`bench:budgets failed: ${error.stack ?? error.message}`);
} finally {
  await children.stopAll();
  base?.remove();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
