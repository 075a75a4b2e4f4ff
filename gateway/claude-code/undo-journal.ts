/**
 * Backed-up, undoable writes. Before Gatehouse replaces a file it copies the exact old bytes to
 * `<stateDirectory>/backups/<id>/` and appends an entry to `<stateDirectory>/journal.json`;
 * `undoLastChange` pops the newest entry. A file still holding what Gatehouse wrote gets its old
 * bytes back (or is deleted if it did not exist); a file someone changed since gets only
 * Gatehouse's part reverted (its env keys, its block), so their later edits survive.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readIfExists, removeFile, writeFileAtomic } from './atomic-file.ts';
import { ClaudeCodeConfigError } from './env.ts';
import { extractBlock, removeBlock, upsertBlock } from './rc-file.ts';
import { revertEnvKeys } from './settings-file.ts';

export type ManagedFileKind = 'settings' | 'rc';

export interface PlannedWrite {
  path: string;
  kind: ManagedFileKind;
  /** settings: the env keys Gatehouse sets, the only ones a partial undo touches. */
  keys: readonly string[];
  before: Buffer | undefined;
  after: string;
}

interface JournalFile {
  path: string;
  kind: ManagedFileKind;
  keys: string[];
  existed: boolean;
  /** Relative to the state directory; null when the file did not exist. */
  backup: string | null;
  writtenSha256: string;
}

interface JournalEntry {
  id: string;
  createdAt: string;
  files: JournalFile[];
}

interface Journal {
  version: 1;
  entries: JournalEntry[];
}

export interface UndoResult {
  /** False when there was nothing to undo. */
  restored: boolean;
  filesRestored: string[];
  /** Files changed by someone else since: only Gatehouse's part was reverted. */
  filesPartlyReverted: string[];
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');
const journalPath = (stateDirectory: string): string => path.join(stateDirectory, 'journal.json');

async function readJournal(stateDirectory: string): Promise<Journal> {
  const file = journalPath(stateDirectory);
  const bytes = await readIfExists(file);
  if (bytes === undefined) return { version: 1, entries: [] };
  try {
    const journal = JSON.parse(bytes.toString('utf8')) as Journal;
    if (journal.version === 1 && Array.isArray(journal.entries)) return journal;
  } catch {
    // reported below with the path
  }
  throw new ClaudeCodeConfigError(`${file} is damaged; the backups next to it still hold your previous files`);
}

async function writeJournal(stateDirectory: string, journal: Journal): Promise<void> {
  await writeFileAtomic(journalPath(stateDirectory), `${JSON.stringify(journal, null, 2)}\n`);
}

export async function canUndo(stateDirectory: string): Promise<boolean> {
  return (await readJournal(stateDirectory)).entries.length > 0;
}

/**
 * Writes the files that change, after backing each one up and journaling the change. If one
 * write fails, the ones before it are put back and the error is rethrown. Returns the backup
 * directory, or null when every file already had the wanted content.
 */
export async function writeWithBackup(stateDirectory: string, writes: readonly PlannedWrite[]): Promise<{ backupDirectory: string | null; filesWritten: string[] }> {
  const changed = writes.filter((write) => write.before === undefined || !write.before.equals(Buffer.from(write.after, 'utf8')));
  if (changed.length === 0) return { backupDirectory: null, filesWritten: [] };
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const backupDirectory = path.join(stateDirectory, 'backups', id);
  // Backups hold the same keys as the files they copy; only the user may list or read them.
  await mkdir(backupDirectory, { recursive: true, mode: 0o700 });
  const entry: JournalEntry = { id, createdAt: new Date().toISOString(), files: [] };
  for (const [index, write] of changed.entries()) {
    let backup: string | null = null;
    if (write.before !== undefined) {
      backup = path.join('backups', id, `${index}-${path.basename(write.path)}`);
      await writeFileAtomic(path.join(stateDirectory, backup), write.before);
    }
    entry.files.push({ path: write.path, kind: write.kind, keys: [...write.keys], existed: write.before !== undefined, backup, writtenSha256: sha256(write.after) });
  }
  // Journal first: a crash after it leaves an entry whose undo finds the files unchanged.
  const journal = await readJournal(stateDirectory);
  journal.entries.push(entry);
  await writeJournal(stateDirectory, journal);
  const filesWritten: string[] = [];
  try {
    for (const write of changed) {
      await writeFileAtomic(write.path, write.after);
      filesWritten.push(write.path);
    }
  } catch (error) {
    // Put back only what was written: retrying the failed file would hide the real error.
    for (const file of entry.files.filter((candidate) => filesWritten.includes(candidate.path)).reverse()) await restoreFile(stateDirectory, file);
    await forgetEntry(stateDirectory, id);
    throw error;
  }
  return { backupDirectory, filesWritten };
}

async function restoreFile(stateDirectory: string, file: JournalFile): Promise<'restored' | 'partly'> {
  const previous = file.backup === null ? undefined : await readIfExists(path.join(stateDirectory, file.backup));
  if (file.existed && previous === undefined) throw new ClaudeCodeConfigError(`the backup of ${file.path} is missing from ${stateDirectory}`);
  const current = await readIfExists(file.path);
  if (current === undefined || sha256(current) === file.writtenSha256) {
    if (previous !== undefined) await writeFileAtomic(file.path, previous);
    else await removeFile(file.path);
    return 'restored';
  }
  const currentText = current.toString('utf8');
  const previousText = previous?.toString('utf8');
  if (file.kind === 'settings') {
    await writeFileAtomic(file.path, revertEnvKeys(currentText, previousText, file.path, file.keys));
  } else {
    const previousBlock = previousText === undefined ? undefined : extractBlock(previousText);
    await writeFileAtomic(file.path, previousBlock === undefined ? removeBlock(currentText) : upsertBlock(currentText, previousBlock));
  }
  return 'partly';
}

/** Reverts the newest journaled change; see the module comment for what "revert" means per file. */
export async function undoLastChange(stateDirectory: string): Promise<UndoResult> {
  const journal = await readJournal(stateDirectory);
  const entry = journal.entries.at(-1);
  if (entry === undefined) return { restored: false, filesRestored: [], filesPartlyReverted: [] };
  const result: UndoResult = { restored: true, filesRestored: [], filesPartlyReverted: [] };
  for (const file of [...entry.files].reverse()) {
    const outcome = await restoreFile(stateDirectory, file);
    (outcome === 'restored' ? result.filesRestored : result.filesPartlyReverted).push(file.path);
  }
  await forgetEntry(stateDirectory, entry.id);
  return result;
}

async function forgetEntry(stateDirectory: string, id: string): Promise<void> {
  const journal = await readJournal(stateDirectory);
  journal.entries = journal.entries.filter((entry) => entry.id !== id);
  await writeJournal(stateDirectory, journal);
  await rm(path.join(stateDirectory, 'backups', id), { recursive: true, force: true });
}
