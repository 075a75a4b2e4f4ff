/**
 * A module loader hook for tests that check what a code path loads (lazy loading has no other
 * observable effect): `register()` it with `{ data: { file } }` and every module loaded from then
 * on appends its URL to `file`.
 */
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
