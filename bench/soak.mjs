#!/usr/bin/env node
// `npm run bench:soak`: a bounded soak of the built gateway on loopback. Builds dist/gateway,
// starts gwbench's mock upstream (../shared/gwbench/upstream.mjs) and the gateway in a temp data
// dir, then paces a mixed load through it: both client protocols, streamed and not, each sent to
// a deployment of its own protocol (pass-through) and of the other (translated). Every few
// seconds it samples the gateway's RSS (/proc/PID/status VmRSS) and V8 heap (the gateway's own
// /metrics), then prints the samples over time, the error count and a verdict.
//
//   node bench/soak.mjs [--requests 50000] [--seconds 300] [--concurrency 32] [--sample-seconds 5]
//
// Verdict: memory is flat when it grew by at most 10% from the end of warm-up (the first 20% of
// the requests) to the end of the load. RSS is compared sample to sample. The heap rises and
// falls with every GC, so it is compared by its lowest sample (the live set after a GC) in the
// 20% of the run after warm-up against the lowest in the last 20%.
// Exit code: 0 flat and no errors, 1 otherwise, 2 when the run could not start.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { createChildren, readRssBytes } from './children.mjs';
import { buildServedGateway } from './served-gateway.mjs';
import { wholeNumberOptions } from './whole-number-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const upstreamScript = path.resolve(root, '../shared/gwbench/upstream.mjs');
const MASTER_KEY = 'sk-soak';
const WARM_UP_SHARE = 0.2;
const FLAT_GROWTH_LIMIT = 0.1;
/** After the planned duration the run gets this much longer to drain, then is cut off. */
const DRAIN_GRACE_MS = 60_000;
const MIB = 1024 * 1024;

const options = wholeNumberOptions('bench/soak.mjs', { requests: 50000, seconds: 300, concurrency: 32, 'sample-seconds': 5 });
const totalRequests = options.requests;
const plannedMs = options.seconds * 1000;
const { concurrency } = options;
const sampleMs = options['sample-seconds'] * 1000;

if (!existsSync(upstreamScript)) {
  console.error(`gwbench not found at ${upstreamScript}: it lives in ../shared/gwbench beside this repository.`);
  process.exit(2);
}
const served = buildServedGateway(root);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-soak-'));
const children = createChildren();

function soakConfig(upstreamUrl) {
  const deployment = (group, model, base) => `  - model_name: ${group}\n    litellm_params: { model: ${model}, api_base: ${base} }\n    model_info: { id: ${group} }\n`;
  return `model_list:\n${deployment('anthropic-upstream', 'anthropic/mock-model', upstreamUrl)}${deployment('openai-upstream', 'openai/mock-model', `${upstreamUrl}/v1`)}`
    + `general_settings: { master_key: ${MASTER_KEY} }\nrouter_settings: { num_retries: 0 }\n`;
}

/** The eight kinds of request, taken in turn: client protocol x upstream protocol x streamed. */
const KINDS = ['anthropic', 'openai'].flatMap((client) => ['anthropic', 'openai'].flatMap((upstream) => [false, true].map((stream) => ({
  name: `${client}->${upstream}${stream ? ' stream' : ''}`,
  path: client === 'anthropic' ? '/v1/messages' : '/v1/chat/completions',
  headers: client === 'anthropic'
    ? { 'x-api-key': MASTER_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }
    : { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
  body: JSON.stringify({ model: `${upstream}-upstream`, stream, max_tokens: 256, messages: [{ role: 'user', content: 'Soak test: answer with the usual text.' }] }),
  // A complete answer in the client's protocol; the mock's text always starts with "lorem ipsum".
  complete: stream
    ? (text) => text.includes('lorem') && (client === 'anthropic' ? text.includes('event: message_stop') : text.includes('data: [DONE]'))
    : (text) => text.includes('"lorem ipsum'),
}))));

async function readHeapUsedBytes(pool) {
  const response = await pool.request({ method: 'GET', path: '/metrics' });
  const text = await response.body.text();
  const match = /^gatehouse_nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

async function soak() {
  const upstream = await children.start([upstreamScript, '--port', '0'], /mock upstream listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const configPath = path.join(scratch, 'config.yaml');
  writeFileSync(configPath, soakConfig(upstream.found));
  const gateway = await children.start([...served.nodeArgs, served.script, '--config', configPath, '--data-dir', path.join(scratch, 'data'), '--port', '0'], /Gatehouse listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const gatewayUrl = gateway.found;
  const pid = gateway.child.pid;
  console.log(`Soak: ${totalRequests} requests over ~${plannedMs / 1000} s at concurrency ${concurrency}; gateway ${gatewayUrl} (pid ${pid}), mock ${upstream.found}`);

  const pool = new Pool(gatewayUrl, { connections: concurrency + 1 });
  const samples = [];
  const errors = new Map();
  let sent = 0;
  let done = 0;
  let failed = 0;
  const startedAt = performance.now();
  const intervalMs = plannedMs / totalRequests;
  let cutOff = false;
  // Past the time bound, destroying the pool fails whatever is still in flight, and workers stop taking more.
  const cutOffTimer = setTimeout(() => {
    cutOff = true;
    void pool.destroy();
  }, plannedMs + DRAIN_GRACE_MS);

  const sample = async () => {
    samples.push({ seconds: (performance.now() - startedAt) / 1000, done, failed, rss: readRssBytes(pid), heap: await readHeapUsedBytes(pool).catch(() => Number.NaN) });
  };
  await sample();
  let sampling = Promise.resolve();
  const sampler = setInterval(() => {
    sampling = sampling.then(sample);
  }, sampleMs);

  const noteError = (kind, message) => {
    failed += 1;
    const key = `${kind.name}: ${message}`.slice(0, 200);
    errors.set(key, (errors.get(key) ?? 0) + 1);
  };

  // Open-loop pacing with a cap: request i is due at i * interval; at most `concurrency` in flight.
  const worker = async () => {
    for (;;) {
      const index = sent;
      if (index >= totalRequests || cutOff) return;
      sent += 1;
      const due = startedAt + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const kind = KINDS[index % KINDS.length];
      try {
        const response = await pool.request({ method: 'POST', path: kind.path, headers: kind.headers, body: kind.body });
        const text = await response.body.text();
        if (response.statusCode !== 200) noteError(kind, `HTTP ${response.statusCode} ${text.slice(0, 120)}`);
        else if (!kind.complete(text)) noteError(kind, `incomplete answer: ${text.slice(-120)}`);
      } catch (error) {
        noteError(kind, error.message);
      }
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearTimeout(cutOffTimer);
  clearInterval(sampler);
  await sampling;
  await sample();
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  if (!cutOff) await pool.close();

  const cut = cutOff || done < totalRequests;
  printReport({ samples, errors, failed, done, elapsedSeconds, cut });
  const verdict = judge(samples);
  for (const line of verdict.lines) console.log(line);
  return verdict.flat && failed === 0 && !cut ? 0 : 1;
}

const mib = (bytes) => (bytes / MIB).toFixed(1);

function printReport({ samples, errors, failed, done, elapsedSeconds, cut }) {
  console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / MIB / 1024)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`);
  console.log(`Finished ${done}/${totalRequests} requests in ${elapsedSeconds.toFixed(1)} s (${(done / elapsedSeconds).toFixed(0)} req/s), ${failed} errors${cut ? ', CUT OFF at the time bound' : ''}\n`);
  console.log('| t (s) | requests done | errors | RSS MiB | heap used MiB |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const row of samples) console.log(`| ${row.seconds.toFixed(0)} | ${row.done} | ${row.failed} | ${mib(row.rss)} | ${mib(row.heap)} |`);
  if (errors.size > 0) {
    console.log('\nErrors (first kinds):');
    for (const [message, count] of [...errors].slice(0, 10)) console.log(`  ${count} × ${message}`);
  }
}

/** RSS: first sample after warm-up against the last. Heap: lowest after warm-up against lowest at the end. */
function judge(samples) {
  const warmUpDone = totalRequests * WARM_UP_SHARE;
  const afterWarmUp = samples.filter((row) => row.done >= warmUpDone);
  if (afterWarmUp.length < 2) return { flat: false, lines: ['\nVerdict: not enough samples after warm-up; run longer or sample more often.'] };
  const baselineWindow = afterWarmUp.filter((row) => row.done < warmUpDone + totalRequests * 0.2);
  const endWindow = afterWarmUp.filter((row) => row.done >= totalRequests * 0.8);
  const lowestHeap = (rows) => Math.min(...rows.map((row) => row.heap).filter(Number.isFinite));
  const rssFrom = afterWarmUp[0].rss;
  const rssTo = afterWarmUp.at(-1).rss;
  const heapFrom = lowestHeap(baselineWindow.length > 0 ? baselineWindow : afterWarmUp.slice(0, 1));
  const heapTo = lowestHeap(endWindow.length > 0 ? endWindow : afterWarmUp.slice(-1));
  const rssGrowth = rssTo / rssFrom - 1;
  const heapGrowth = heapTo / heapFrom - 1;
  const percent = (growth) => `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%`;
  const flat = rssGrowth <= FLAT_GROWTH_LIMIT && heapGrowth <= FLAT_GROWTH_LIMIT;
  return {
    flat,
    lines: [
      '',
      `RSS after warm-up ${mib(rssFrom)} MiB -> end ${mib(rssTo)} MiB: ${percent(rssGrowth)} (peak ${mib(Math.max(...samples.map((row) => row.rss)))} MiB)`,
      `Heap live set (lowest sample) after warm-up ${mib(heapFrom)} MiB -> end ${mib(heapTo)} MiB: ${percent(heapGrowth)}`,
      `Verdict: memory ${flat ? 'FLAT' : 'NOT FLAT'} (limit +${FLAT_GROWTH_LIMIT * 100}% after the first ${WARM_UP_SHARE * 100}% of requests)`,
    ],
  };
}

// Last, so that every constant above is initialised before the run uses it.
let exitCode = 2;
try {
  exitCode = await soak();
} catch (error) {
  console.error(`soak failed: ${error.message}`);
} finally {
  await children.stopAll();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
