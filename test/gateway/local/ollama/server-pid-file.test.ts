import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  isRecordedServer, processExists, readServerPidFile, stopOrphanedServer, systemProcessDescriber, writeServerPidFile, type ServerPidRecord,
} from '../../../../gateway/local/ollama/server-pid-file.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-pid-file-'));
const pidFile = path.join(dir, 'ollama-serve.pid');
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A process that merely sits there: someone else's, which happens to hold a recorded pid. */
async function bystander(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child;
}

/** The pid of a process that has exited: a gateway that crashed. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

const record = (overrides: Partial<ServerPidRecord>): ServerPidRecord => ({ pid: 1, ownerPid: 1, binaryPath: '/usr/local/bin/ollama', startedAt: Date.parse('2026-12-02T08:00:00Z'), ...overrides });

test('a recorded server is our binary running `serve`, started no later than the record', () => {
  const ours = record({});
  assert.equal(isRecordedServer(ours, { commandLine: '/usr/local/bin/ollama serve', startedAt: ours.startedAt - 400 }, 'linux'), true);
  assert.equal(isRecordedServer(ours, { commandLine: 'node /usr/local/bin/ollama serve', startedAt: null }, 'darwin'), true, 'through a shebang');
  assert.equal(isRecordedServer(ours, { commandLine: '/usr/local/bin/ollama serve', startedAt: ours.startedAt + 60_000 }, 'linux'), false, 'a later process reused the pid');
  assert.equal(isRecordedServer(ours, { commandLine: '/usr/local/bin/ollama run qwen3:8b', startedAt: null }, 'linux'), false);
  assert.equal(isRecordedServer(ours, { commandLine: '/opt/ollama/bin/ollama serve', startedAt: null }, 'linux'), false, 'another install: the user\'s own');
  const windows = record({ binaryPath: 'C:\\Users\\ada\\AppData\\Local\\Programs\\Ollama\\ollama.exe' });
  assert.equal(isRecordedServer(windows, { commandLine: 'OLLAMA.EXE', startedAt: null }, 'win32'), true);
  assert.equal(isRecordedServer(windows, { commandLine: 'notepad.exe', startedAt: null }, 'win32'), false);
});

test('ps describes a live process with its command line and start time, and a dead one as null', { skip: process.platform === 'win32' && 'ps' }, async () => {
  const child = await bystander();
  const facts = await systemProcessDescriber()(child.pid!);
  assert.match(facts?.commandLine ?? '', /setInterval/);
  assert.ok(facts?.startedAt !== null && Math.abs((facts?.startedAt ?? 0) - Date.now()) < 60_000);
  assert.equal(await systemProcessDescriber()(await deadPid()), null);
});

test('a pid that is no longer our server is never signalled, and its stale file goes', async () => {
  const child = await bystander();
  writeServerPidFile(pidFile, record({ pid: child.pid!, ownerPid: await deadPid() }));
  assert.equal(await stopOrphanedServer({ pidFile, describe: systemProcessDescriber() }), null);
  assert.equal(processExists(child.pid!), true);
  assert.equal(existsSync(pidFile), false);
});

test('a server whose gateway still runs is in use: left alone, file kept', async () => {
  const child = await bystander();
  writeServerPidFile(pidFile, record({ pid: child.pid!, ownerPid: process.pid }));
  const describeAsOurs = async () => ({ commandLine: '/usr/local/bin/ollama serve', startedAt: null });
  assert.equal(await stopOrphanedServer({ pidFile, describe: describeAsOurs }), null);
  assert.equal(processExists(child.pid!), true);
  assert.equal(readServerPidFile(pidFile)?.pid, child.pid);
});

test('an orphan that ignores SIGTERM is killed after the grace period', { skip: process.platform === 'win32' && 'POSIX signals' }, async () => {
  const stubborn = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(stubborn);
  await once(stubborn, 'spawn');
  await new Promise((resolve) => setTimeout(resolve, 200));
  writeServerPidFile(pidFile, record({ pid: stubborn.pid!, ownerPid: await deadPid() }));
  const exit = once(stubborn, 'exit');
  const describeAsOurs = async () => ({ commandLine: '/usr/local/bin/ollama serve', startedAt: null });
  assert.equal(await stopOrphanedServer({ pidFile, describe: describeAsOurs, graceMs: 300 }), stubborn.pid);
  const [, signal] = await exit;
  assert.equal(signal, 'SIGKILL');
  assert.equal(existsSync(pidFile), false);
});
