import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixturesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** test/fixtures/<provider>/<name>, parsed as JSON. */
export const readJsonFixture = <Fixture>(provider: string, name: string): Fixture =>
  JSON.parse(readFileSync(path.join(fixturesDirectory, provider, name), 'utf8')) as Fixture;

/** test/fixtures/<provider>/<name>.chunks.txt: one chunk JSON per line. */
export const readChunksFixture = <Chunk>(provider: string, name: string): Chunk[] =>
  readFileSync(path.join(fixturesDirectory, provider, `${name}.chunks.txt`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Chunk);
