/**
 * Applies against a read-only settings.json in a fresh temp HOME and prints what happened.
 * Run as its own process so that the test can drop root (which ignores file modes) first.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyClaudeCode } from '../../../gateway/claude-code/index.ts';

const home = mkdtempSync(path.join(tmpdir(), 'gatehouse-readonly-'));
try {
  const file = path.join(home, '.claude', 'settings.json');
  mkdirSync(path.dirname(file));
  writeFileSync(file, '{}');
  chmodSync(file, 0o444);
  let outcome: string;
  try {
    await applyClaudeCode({ gatewayUrl: 'http://127.0.0.1:4747', gatewayKey: 'k', home, platform: 'linux', env: {}, stateDirectory: path.join(home, 'state') });
    outcome = 'written';
  } catch (error) {
    outcome = `refused: ${(error as Error).message}`;
  }
  process.stdout.write(JSON.stringify({ outcome, content: readFileSync(file, 'utf8') }));
} finally {
  rmSync(home, { recursive: true, force: true });
}
