/**
 * LiteLLM's top-level `include: [file, ...]` (proxy_server.py `_process_includes`): each file's
 * top-level keys are merged into the main config in order. A list extends the list already there
 * (model_list entries add up); anything else replaces it whole. An included file's own `include:`
 * list is appended to the main one, so its paths are relative to the main file's folder too.
 */
import path from 'node:path';
import type { ConfigIssue } from './config-issue.ts';
import { parseYamlMapping } from './yaml-mapping.ts';

/** The file the config text came from, and a way to read the files it includes. */
export interface IncludeSource {
  path: string;
  readFile(file: string): string;
}

export interface MergedIncludes {
  value: Record<string, unknown>;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  /** Every file `include:` names, resolved, whether it could be read or not: what a watcher follows. */
  files: string[];
  /** Turns a path in the merged config into the file and path it was written at. */
  locate(issuePath: string): string;
}

/** Where a merged value was written: an include entry as the user wrote it, or undefined for the main file. */
type Origin = string | undefined;

const at = (origin: Origin, issuePath: string) => (origin === undefined ? issuePath : `${origin}: ${issuePath}`);

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function mergeIncludes(root: Record<string, unknown>, source: IncludeSource | undefined): MergedIncludes {
  if (!('include' in root)) return { value: root, errors: [], warnings: [], files: [], locate: (issuePath) => issuePath };
  const { include, ...merged } = root;
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const files: string[] = [];
  const sectionOrigins = new Map<string, Origin>();
  const itemOrigins = new Map<string, { origin: Origin; index: number }[]>();
  const locate = (issuePath: string) => {
    const [, key = '', index, rest = ''] = /^([^.[]+)(?:\[(\d+)\])?(.*)$/.exec(issuePath) ?? [];
    const item = index === undefined ? undefined : itemOrigins.get(key)?.[Number(index)];
    return item ? at(item.origin, `${key}[${item.index}]${rest}`) : at(sectionOrigins.get(key), issuePath);
  };
  if (!source) {
    errors.push({ path: 'include', message: 'included files are read only when the config is loaded from its file' });
    return { value: merged, errors, warnings, files, locate };
  }

  const folder = path.dirname(path.resolve(source.path));
  const pending: { entry: unknown; path: string }[] = [];
  const enqueue = (list: unknown, origin: Origin) => {
    if (!Array.isArray(list)) {
      errors.push({ path: at(origin, 'include'), message: 'must be a list of file paths, e.g. include: [models.yaml] (LiteLLM refuses a single path too)' });
      return;
    }
    list.forEach((entry, index) => pending.push({ entry, path: at(origin, `include[${index}]`) }));
  };
  enqueue(include, undefined);
  // Including a file twice would add its deployments twice; in a cycle LiteLLM never stops reading.
  const seen = new Set([path.resolve(source.path)]);
  // Entries appended by included files are read in the same pass, after the main file's own.
  for (let next = 0; next < pending.length; next += 1) {
    const { entry, path: entryPath } = pending[next]!;
    if (typeof entry !== 'string' || entry.trim() === '') {
      errors.push({ path: entryPath, message: 'must be the path of a YAML file, relative to the main config\'s folder' });
      continue;
    }
    const file = path.resolve(folder, entry);
    if (seen.has(file)) {
      errors.push({ path: entryPath, message: `${file} is already part of the config; include each file once` });
      continue;
    }
    seen.add(file);
    files.push(file);
    let text: string;
    try {
      text = source.readFile(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
      errors.push({ path: entryPath, message: `cannot read ${file}: ${reason} (include paths are relative to ${folder})` });
      continue;
    }
    const parsed = parseYamlMapping(text);
    if ('errors' in parsed) {
      errors.push(...parsed.errors.map((issue) => ({ path: at(entry, issue.path), message: issue.message })));
      continue;
    }
    for (const [key, value] of Object.entries(parsed.value)) {
      if (key === 'include') {
        enqueue(value, entry);
      } else if (value === null) {
        // An emptied section (all lines commented out) is absent, as in the main file; LiteLLM would drop the main file's section.
        continue;
      } else if (Array.isArray(value) && Array.isArray(merged[key])) {
        const current = merged[key];
        const origins = itemOrigins.get(key) ?? current.map((_item, index) => ({ origin: sectionOrigins.get(key), index }));
        itemOrigins.set(key, [...origins, ...value.map((_item, index) => ({ origin: entry, index }))]);
        merged[key] = [...current, ...value];
      } else {
        if (isMapping(merged[key])) {
          warnings.push({ path: at(entry, key), message: `replaces all of ${key} from ${sectionOrigins.get(key) ?? 'the main config'}: included sections are not merged key by key (as in LiteLLM)` });
        }
        merged[key] = value;
        sectionOrigins.set(key, entry);
        itemOrigins.delete(key);
      }
    }
  }
  return { value: merged, errors, warnings, files, locate };
}
