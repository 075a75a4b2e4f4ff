import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
