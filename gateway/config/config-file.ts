import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, type ParsedConfig } from './parse-config.ts';
import { buildDefaultConfig, type DefaultConfigInput } from './default-config.ts';
import { formatIssues, type ConfigIssue } from './config-issue.ts';
import type { GatehouseConfig } from './schema.ts';

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(file: string, issues: ConfigIssue[]) {
    super(`The config file ${file} has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${formatIssues(issues)}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export interface LoadedConfig {
  config: GatehouseConfig;
  path: string;
  text: string;
  warnings: ConfigIssue[];
  includedFiles: string[];
  relocate: ParsedConfig['relocate'];
  created: boolean;
}

/** Writes through a temp file, fsync and rename, so a crash never leaves half a config; keeps the old one as .bak. */
export function saveConfigAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) copyFileSync(file, `${file}.bak`);
  const temp = `${file}.${process.pid}.tmp`;
  const handle = openSync(temp, 'w', 0o600);
  try {
    writeSync(handle, text);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  renameSync(temp, file);
}

/** Parses `text` as the contents of `file`: the files its `include:` names are read from disk, relative to its folder. */
export function parseConfigFile(file: string, text: string, env: NodeJS.ProcessEnv): ParsedConfig {
  return parseConfig(text, env, { path: file, readFile: (included) => readFileSync(included, 'utf8') });
}

export function readConfigFile(file: string, env: NodeJS.ProcessEnv): ParsedConfig & { text: string } {
  const text = readFileSync(file, 'utf8');
  return { ...parseConfigFile(file, text, env), text };
}

/** Loads the config, writing the default one first when the file does not exist yet. */
export function loadOrCreateConfig(file: string, env: NodeJS.ProcessEnv, defaults: () => DefaultConfigInput): LoadedConfig {
  let created = false;
  if (!existsSync(file)) {
    saveConfigAtomically(file, buildDefaultConfig(defaults()));
    created = true;
  }
  const parsed = readConfigFile(file, env);
  if (!parsed.config) throw new ConfigError(file, parsed.errors);
  return { config: parsed.config, path: file, text: parsed.text, warnings: parsed.warnings, includedFiles: parsed.includedFiles, relocate: parsed.relocate, created };
}
