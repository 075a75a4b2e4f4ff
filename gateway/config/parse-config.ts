import { parseDocument } from 'yaml';
import type * as z from 'zod';
import { configSchema, type GatehouseConfig } from './schema.ts';
import { formatPath, type ConfigIssue } from './config-issue.ts';
import { resolveEnvReferences } from './resolve-env-references.ts';

export interface ParsedConfig {
  /** Present when there are no errors. */
  config?: GatehouseConfig;
  errors: ConfigIssue[];
  /** Unknown keys: reported, then ignored, so a LiteLLM config with extras still loads. */
  warnings: ConfigIssue[];
}

function deleteAtPath(document: unknown, path: readonly PropertyKey[], key: string): void {
  let node: unknown = document;
  for (const segment of path) node = (node as Record<PropertyKey, unknown> | undefined)?.[segment];
  if (node !== null && typeof node === 'object') delete (node as Record<string, unknown>)[key];
}

function issuesOf(error: z.ZodError): { unknownKeys: { path: PropertyKey[]; key: string }[]; others: ConfigIssue[] } {
  const unknownKeys: { path: PropertyKey[]; key: string }[] = [];
  const others: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) unknownKeys.push({ path: issue.path, key });
    } else {
      others.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return { unknownKeys, others };
}

/** Parses and validates config text. Pure apart from reading `env` for os.environ/ references. */
export function parseConfig(text: string, env: NodeJS.ProcessEnv = process.env): ParsedConfig {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    return {
      errors: document.errors.map((error) => ({ path: `line ${error.linePos?.[0]?.line ?? '?'}`, message: error.message.split('\n')[0] ?? error.message })),
      warnings: [],
    };
  }
  const raw = document.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { errors: [{ path: '(root)', message: 'the config must be a YAML mapping (model_list:, router_settings:, ...)' }], warnings: [] };
  }
  const { value, issues: envIssues } = resolveEnvReferences(raw, env);
  const warnings: ConfigIssue[] = [];
  // A variable wanted only under an ignored key (a LiteLLM config's database_url: os.environ/DATABASE_URL) is not needed.
  const neededEnvIssues = () => envIssues.filter((issue) => !warnings.some((warning) => issue.path === warning.path
    || issue.path.startsWith(`${warning.path}.`) || issue.path.startsWith(`${warning.path}[`)));
  // Strict objects flag unknown keys; drop them and parse again so one typo does not block startup.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const result = configSchema.safeParse(value);
    if (result.success) {
      const errors = neededEnvIssues();
      return errors.length > 0 ? { errors, warnings } : { config: result.data, errors: [], warnings };
    }
    const { unknownKeys, others } = issuesOf(result.error);
    for (const { path, key } of unknownKeys) {
      warnings.push({ path: formatPath([...path, key]), message: 'unknown key, ignored' });
      deleteAtPath(value, path, key);
    }
    if (unknownKeys.length === 0 || others.length > 0) {
      const errors = neededEnvIssues();
      const missing = new Set(errors.map((issue) => issue.path));
      return { errors: [...errors, ...others.filter((issue) => !missing.has(issue.path))], warnings };
    }
  }
  return { errors: [{ path: '(root)', message: 'too many nested unknown keys' }], warnings };
}
