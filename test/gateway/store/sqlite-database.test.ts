import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../gateway/store/sqlite-database.ts';

test("the page cache is bounded: better-sqlite3's 16 MB default would fill with the log's own writes", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-database-'));
  const database = openDatabase(dir);
  try {
    // Negative cache_size is in KiB; a positive one would be pages.
    const cacheSize = database.pragma('cache_size', { simple: true }) as number;
    assert.ok(cacheSize < 0 && -cacheSize <= 1024, `cache_size ${cacheSize}`);
    assert.equal(database.pragma('journal_mode', { simple: true }), 'wal');
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database from a newer Gatehouse is refused with the file and what to do, not written with the wrong columns', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-database-'));
  try {
    openDatabase(dir).close();
    const newer = new Database(path.join(dir, 'gatehouse.db'));
    const known = newer.pragma('user_version', { simple: true }) as number;
    newer.exec('ALTER TABLE requests ADD COLUMN from_the_future TEXT NOT NULL DEFAULT \'\'');
    newer.pragma(`user_version = ${known + 1}`);
    newer.close();
    assert.throws(() => openDatabase(dir), (error: Error) => {
      assert.match(error.message, new RegExp(`gatehouse\\.db was written by a newer Gatehouse \\(schema version ${known + 1}; this one knows up to ${known}\\)`));
      assert.match(error.message, /--data-dir/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that is not a database is refused with its path and what to do', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-database-'));
  try {
    writeFileSync(path.join(dir, 'gatehouse.db'), 'this is not an SQLite file, just some text that is long enough');
    assert.throws(() => openDatabase(dir), (error: Error) => {
      assert.ok(error.message.includes(path.join(dir, 'gatehouse.db')), error.message);
      assert.match(error.message, /file is not a database.*Move the file aside/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
