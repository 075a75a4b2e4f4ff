/**
 * The pid file of the `ollama serve` Gatehouse started, so that a server left running by a
 * gateway that crashed or was killed can be told apart from one the user started, and stopped.
 * The Ollama app does the same: it writes ollama.pid on every start and, on its next launch,
 * stops the process it names (cleanup() in O:app/server/server.go).
 *
 * Unlike the Ollama app, a pid is acted on only when everything still points at our server: the
 * gateway that wrote the file is gone, the process runs our binary with `serve`, and it started
 * before the file was written (a pid the OS reused for a later process fails that). Anything we
 * cannot verify is left alone.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

export interface ServerPidRecord {
  /** The `ollama serve` process. */
  pid: number;
  /** The gateway process that started it. */
  ownerPid: number;
  binaryPath: string;
  /** Epoch ms when the child was spawned. */
  startedAt: number;
}

/** What the OS says about a process; null fields are what the platform cannot tell. */
export interface ProcessFacts {
  /** The full command line on POSIX; the image name (`ollama.exe`) on Windows. */
  commandLine: string;
  startedAt: number | null;
}

export type DescribeProcess = (pid: number) => Promise<ProcessFacts | null>;

/** `ps` prints lstart as e.g. `Wed Dec  2 08:05:01 2026`: five words, whole seconds. */
const LSTART_WORDS = 5;
const LSTART_RESOLUTION_MS = 1_000;

/** Best effort, as in the Ollama app: without the file only the clean-up after a crash is lost. */
export function writeServerPidFile(file: string, record: ServerPidRecord): void {
  try {
    writeFileSync(file, `${JSON.stringify(record)}\n`);
  } catch {
    // A read-only or full data dir must not take the gateway down from a child's spawn event.
  }
}

export function readServerPidFile(file: string): ServerPidRecord | null {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServerPidRecord>;
    const valid = Number.isInteger(record.pid) && Number.isInteger(record.ownerPid) && typeof record.binaryPath === 'string' && typeof record.startedAt === 'number';
    return valid ? (record as ServerPidRecord) : null;
  } catch {
    return null;
  }
}

/** Removes the file if it still names `pid`: a newer server's record stays. Best effort, like the write. */
export function removeServerPidFile(file: string, pid: number): void {
  try {
    if (readServerPidFile(file)?.pid === pid) rmSync(file, { force: true });
  } catch {
    // A stale file is checked before it is acted on, so leaving one behind is harmless.
  }
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `ps` on POSIX (command line and start time), `tasklist` on Windows (image name only). */
export function systemProcessDescriber(platform: NodeJS.Platform = process.platform): DescribeProcess {
  const run = promisify(execFile);
  return async (pid) => {
    try {
      if (platform === 'win32') {
        const { stdout } = await run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], { windowsHide: true });
        const image = /^"([^"]+)","(\d+)"/m.exec(stdout);
        return image && Number(image[2]) === pid ? { commandLine: image[1] ?? '', startedAt: null } : null;
      }
      const { stdout } = await run('ps', ['-p', String(pid), '-o', 'lstart=', '-o', 'args='], { env: { ...process.env, LC_ALL: 'C' } });
      const words = stdout.trim().split(/\s+/);
      if (words.length <= LSTART_WORDS) return null;
      const startedAt = Date.parse(words.slice(0, LSTART_WORDS).join(' '));
      return { commandLine: words.slice(LSTART_WORDS).join(' '), startedAt: Number.isNaN(startedAt) ? null : startedAt };
    } catch {
      // No such process, or no ps: either way nothing we may act on.
      return null;
    }
  };
}

/** True when `facts` describe the server `record` names, not a process that reused its pid. */
export function isRecordedServer(record: ServerPidRecord, facts: ProcessFacts, platform: NodeJS.Platform = process.platform): boolean {
  const runsOurBinary = platform === 'win32'
    ? facts.commandLine.toLowerCase() === path.win32.basename(record.binaryPath).toLowerCase()
    : facts.commandLine.includes(`${record.binaryPath} serve`);
  const startedBeforeRecord = facts.startedAt === null || facts.startedAt <= record.startedAt + LSTART_RESOLUTION_MS;
  return runsOurBinary && startedBeforeRecord;
}

export interface OrphanCheck {
  pidFile: string;
  describe: DescribeProcess;
  platform?: NodeJS.Platform;
  graceMs?: number;
}

/**
 * Stops the server a previous gateway started and left behind, and returns its pid; null when
 * there is none, or when the process is not verifiably that server (then it is not touched).
 */
export async function stopOrphanedServer({ pidFile, describe, platform, graceMs = 5_000 }: OrphanCheck): Promise<number | null> {
  const record = readServerPidFile(pidFile);
  if (record === null) return null;
  // Its gateway still runs (a second Gatehouse on the same data dir, or this one): it is in use.
  if (processExists(record.ownerPid)) return null;
  const facts = processExists(record.pid) ? await describe(record.pid) : null;
  if (facts === null || !isRecordedServer(record, facts, platform)) {
    rmSync(pidFile, { force: true });
    return null;
  }
  process.kill(record.pid, 'SIGTERM');
  const deadline = performance.now() + graceMs;
  while (processExists(record.pid) && performance.now() < deadline) await delay(50);
  if (processExists(record.pid)) process.kill(record.pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  return record.pid;
}
