import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/reference/claude-code-captures: what the real Claude Code CLI sent, beside this repository. */
export const CAPTURES_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/claude-code-captures');

/** The JSON bodies of the POSTs Claude Code sent in a captured session (the capture keeps them parsed). */
export function capturedPostBodies(file = 'capture-print-default.jsonl'): Record<string, unknown>[] {
  return readFileSync(path.join(CAPTURES_DIRECTORY, file), 'utf8').split('\n').filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { method: string; body: unknown })
    .filter((entry) => entry.method === 'POST' && typeof entry.body === 'object' && entry.body !== null)
    .map((entry) => entry.body as Record<string, unknown>);
}
