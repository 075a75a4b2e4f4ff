import type * as z from 'zod';
import { configSchema, type GatehouseConfig } from './schema.ts';
import { formatPath, type ConfigIssue } from './config-issue.ts';
import { ENV_PREFIX, resolveEnvReferences } from './resolve-env-references.ts';
import { parseYamlMapping } from './yaml-mapping.ts';
import { mergeIncludes, type IncludeSource } from './merge-includes.ts';
import { withProviderEnvironment } from './provider-environment.ts';
import { expandCatchAll } from './expand-catch-all.ts';
import { ignoredKeyMessage, valueDepartures } from './litellm-departures.ts';

export interface ParsedConfig {
  /** Present when there are no errors. */
  config?: GatehouseConfig;
  errors: ConfigIssue[];
  /** Keys Gatehouse does not read: reported (saying what ignoring a LiteLLM key means), then ignored, so a LiteLLM config with extras still loads. */
  warnings: ConfigIssue[];
  /** The files `include:` names, resolved (see merge-includes.ts). */
  includedFiles: string[];
  /** Moves issues found in the merged config (a deployment that cannot load) to the file and path they were written at. */
  relocate(issues: readonly ConfigIssue[]): ConfigIssue[];
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

/**
 * LiteLLM puts the file's environment_variables into the environment before reading the rest,
 * so os.environ/ references elsewhere can name them; they win over the real environment.
 */
export function withConfigVariables(variables: unknown, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return env;
  const merged = { ...env };
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string' && value.startsWith(ENV_PREFIX)) {
      const referenced = env[value.slice(ENV_PREFIX.length)];
      if (referenced !== undefined) merged[name] = referenced;
    } else if (value !== null && typeof value !== 'object') {
      merged[name] = String(value);
    }
  }
  return merged;
}

/**
 * Parses and validates config text. Pure apart from reading `env` for os.environ/ references and,
 * when the text names files in `include:`, reading those through `source`.
 */
export function parseConfig(text: string, env: NodeJS.ProcessEnv = process.env, source?: IncludeSource): ParsedConfig {
  const parsed = parseYamlMapping(text);
  if ('errors' in parsed) return { errors: parsed.errors, warnings: [], includedFiles: [], relocate: (issues) => [...issues] };
  const included = mergeIncludes(parsed.value, source);
  const checked = validate(included.value, env);
  const relocate = (issues: readonly ConfigIssue[]) => issues.map((issue) => ({ path: included.locate(issue.path), message: issue.message }));
  const errors = [...included.errors, ...relocate(checked.errors)];
  const warnings = [...included.warnings, ...relocate(checked.warnings)];
  return errors.length === 0 && checked.config
    ? { config: checked.config, errors, warnings, includedFiles: included.files, relocate }
    : { errors, warnings, includedFiles: included.files, relocate };
}

function validate(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Omit<ParsedConfig, 'includedFiles' | 'relocate'> {
  // A section whose lines are all commented out is null; LiteLLM treats it as absent.
  const sections = Object.fromEntries(Object.entries(raw).filter(([key, section]) => section !== null || !(key in configSchema.shape)));
  // environment_variables stays as written: LiteLLM skips an entry whose own reference is unset.
  const { environment_variables: variables, ...rest } = sections;
  const environment = withConfigVariables(variables, env);
  const { value: resolved, issues: envIssues } = resolveEnvReferences(rest, environment);
  const value = variables === undefined ? resolved : { ...(resolved as Record<string, unknown>), environment_variables: variables };
  const warnings: ConfigIssue[] = [];
  // A variable wanted only under an ignored key (a LiteLLM config's database_url: os.environ/DATABASE_URL) is not needed.
  const neededEnvIssues = () => envIssues.filter((issue) => !warnings.some((warning) => issue.path === warning.path
    || issue.path.startsWith(`${warning.path}.`) || issue.path.startsWith(`${warning.path}[`)));
  // Strict objects flag unknown keys; drop them and parse again so one typo does not block startup.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const result = configSchema.safeParse(value);
    if (result.success) {
      const catchAll = expandCatchAll(result.data.model_list, environment);
      const { modelList, errors: environmentErrors, warnings: environmentWarnings } = withProviderEnvironment(catchAll.modelList, environment, result.data.litellm_settings.enable_azure_ad_token_refresh === true);
      const errors = [...neededEnvIssues(), ...environmentErrors];
      // A key whose os.environ/ variable is missing is already an error at that path.
      warnings.push(...catchAll.warnings, ...environmentWarnings.filter((warning) => !errors.some((error) => error.path === warning.path)), ...valueDepartures(result.data));
      return errors.length > 0 ? { errors, warnings } : { config: { ...result.data, model_list: modelList }, errors: [], warnings };
    }
    const { unknownKeys, others } = issuesOf(result.error);
    for (const { path, key } of unknownKeys) {
      warnings.push({ path: formatPath([...path, key]), message: ignoredKeyMessage([...path, key]) });
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
