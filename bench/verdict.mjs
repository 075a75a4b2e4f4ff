#!/usr/bin/env node
// `node bench/verdict.mjs bench/results/<run> [...]`: counts, over one or more bench:overhead runs,
// how many Gatehouse points meet each budget of DESIGN.md §10 / issue 3 (CPU per request ≤ 2× the
// bare Node proxy, added c=1 p50 ≤ 1.5× the proxy's and ≤ 0.3 ms, added TTFT ≤ 1 ms at c=1 and on
// the paced stream, RSS after the run). Each point is compared with `direct` and `node-proxy` of
// its own run: the box is shared and noisy, so only same-run comparisons mean anything.
import { readFileSync } from 'node:fs';
const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node bench/verdict.mjs bench/results/<run> [...]');
  process.exit(2);
}
const stat = { cpuJ: [0, 0], cpuS: [0, 0], c1x: [0, 0], c1abs: [0, 0], ttft1: [0, 0], paced: [0, 0], rss: [] };
const ranges = {};
const note = (k, v) => { (ranges[k] ??= []).push(v); };
for (const dir of dirs) {
  const { results } = JSON.parse(readFileSync(`${dir}/results.json`, 'utf8'));
  const by = Object.fromEntries(results.map((t) => [t.name, t]));
  const w = (t, api, id) => by[t].apis[api].workloads[id];
  for (const t of results.filter((t) => t.name.startsWith('gatehouse'))) {
    stat.rss.push(t.memory.rssMiB);
    for (const api of ['openai', 'anthropic']) {
      const add = (name, id, f = (x) => x.latency.p50) => f(w(name, api, id)) - f(w('direct', api, id));
      const cj = w(t.name, api, 'json-c64').cpuUsPerReq / w('node-proxy', api, 'json-c64').cpuUsPerReq;
      const cs = w(t.name, api, 'stream-c64').cpuUsPerReq / w('node-proxy', api, 'stream-c64').cpuUsPerReq;
      const c1 = add(t.name, 'json-c1'), c1p = add('node-proxy', 'json-c1');
      const t1 = add(t.name, 'stream-c1', (x) => x.ttft.p50), pt = add(t.name, 'paced', (x) => x.ttft.p50);
      stat.cpuJ[0] += cj <= 2; stat.cpuJ[1]++; note('cpuJ', cj);
      stat.cpuS[0] += cs <= 2; stat.cpuS[1]++; note('cpuS', cs);
      if (c1p > 0.05) { stat.c1x[0] += c1 <= 1.5 * c1p; stat.c1x[1]++; }
      stat.c1abs[0] += c1 <= 0.3; stat.c1abs[1]++; note('c1', c1);
      stat.ttft1[0] += t1 <= 1; stat.ttft1[1]++; note('ttft1', t1);
      stat.paced[0] += pt <= 1; stat.paced[1]++; note('paced', pt);
    }
  }
}
const r = (k) => `${Math.min(...ranges[k]).toFixed(2)}–${Math.max(...ranges[k]).toFixed(2)}`;
console.log(`CPU JSON ≤2x: ${stat.cpuJ[0]}/${stat.cpuJ[1]} (${r('cpuJ')}); CPU stream ≤2x: ${stat.cpuS[0]}/${stat.cpuS[1]} (${r('cpuS')})`);
console.log(`c1 ≤1.5x proxy: ${stat.c1x[0]}/${stat.c1x[1]} (points where the proxy's own figure was >0.05 ms); c1 ≤0.3 ms: ${stat.c1abs[0]}/${stat.c1abs[1]} (${r('c1')})`);
console.log(`c1 TTFT ≤1 ms: ${stat.ttft1[0]}/${stat.ttft1[1]} (${r('ttft1')}); paced TTFT ≤1 ms: ${stat.paced[0]}/${stat.paced[1]} (${r('paced')})`);
console.log(`RSS after: ${Math.min(...stat.rss)}–${Math.max(...stat.rss)}`);
