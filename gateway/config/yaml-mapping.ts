import { parseDocument } from 'yaml';
import type { ConfigIssue } from './config-issue.ts';

/** A config file's YAML as plain data; an empty file is an empty mapping. */
export function parseYamlMapping(text: string): { value: Record<string, unknown> } | { errors: ConfigIssue[] } {
  // Merge keys (`<<: *defaults`) as PyYAML, which LiteLLM reads its config with, resolves them.
  const document = parseDocument(text, { prettyErrors: true, merge: true });
  if (document.errors.length > 0) {
    return { errors: document.errors.map((error) => ({ path: `line ${error.linePos?.[0]?.line ?? '?'}`, message: error.message.split('\n')[0] ?? error.message })) };
  }
  const value: unknown = document.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { errors: [{ path: '(root)', message: 'the config must be a YAML mapping (model_list:, router_settings:, ...)' }] };
  }
  return { value: value as Record<string, unknown> };
}
