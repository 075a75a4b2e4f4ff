// The processes a benchmark starts (mock upstream, bare proxy, gateway): started with their
// output watched for a ready line, measured through /proc, and all stopped at the end.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const STARTUP_TIMEOUT_MS = 20_000;

export function createChildren() {
  const children = [];

  /** Starts a node child and resolves with it and the first capture of `pattern` in its output. */
  async function start(args, pattern) {
    const name = path.basename(args.find((arg) => !arg.startsWith('-')) ?? 'node');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const found = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
      const onData = (chunk) => {
        // Keep only the tail: the child keeps writing for the whole run.
        output = (output + chunk).slice(-8192);
        const match = pattern.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code}:\n${output}`));
      });
    });
    return { child, found };
  }

  /** Starts a node child that prints nothing when ready, and waits until `port` accepts connections. */
  async function startListening(args, port) {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (!(await accepts(port))) {
      if (child.exitCode !== null) throw new Error(`${path.basename(args[0])} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`${path.basename(args[0])} did not listen on ${port} within ${STARTUP_TIMEOUT_MS} ms`);
      await sleep(50);
    }
    return child;
  }

  async function stopAll() {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
  }

  return { start, startListening, stopAll };
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A port nobody listens on right now (the kernel's pick, released at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function readRssBytes(pid) {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** User + system CPU time of a process so far, in microseconds (clock ticks are 10 ms on Linux). */
export function readCpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
