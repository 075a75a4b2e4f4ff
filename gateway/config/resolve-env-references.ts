import { formatPath, type ConfigIssue } from './config-issue.ts';

export const ENV_PREFIX = 'os.environ/';

/**
 * Replaces every `os.environ/NAME` string with the variable's value, as LiteLLM does, and
 * reports each missing variable with the path of the key that wanted it. Returns a new
 * document; the parsed file (which is what gets saved back) keeps the references.
 */
export function resolveEnvReferences(document: unknown, env: NodeJS.ProcessEnv): { value: unknown; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const visit = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') {
      if (!node.startsWith(ENV_PREFIX)) return node;
      const name = node.slice(ENV_PREFIX.length);
      const value = env[name];
      if (value === undefined || value === '') {
        issues.push({ path: formatPath(path), message: `environment variable ${name} is not set (the config says ${node})` });
        return undefined;
      }
      return value;
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item, [...path, key])]));
    }
    return node;
  };
  return { value: visit(document, []), issues };
}
