import { parseArgs } from 'node:util';
import path from 'node:path';
import { readConfigFile } from '../config/config-file.ts';
import { defaultDataDir } from '../config/data-dir.ts';
import { formatIssues } from '../config/config-issue.ts';
import { buildDeploymentTable } from '../router/deployment-table.ts';
import type { CliIo } from './cli-io.ts';

const USAGE = `Usage: check-config [--config FILE] [--data-dir DIR]
  Validates a config file (by default DATA_DIR/config.yaml) and every file it includes, and prints each
  problem with its YAML path; exit 1 on any error, including a model_list entry that would not load.
`;

/**
 * `check-config [--config FILE]`: prints every problem, in the file and any file it includes, with its YAML path; exit 1 on any error.
 * An entry the gateway would skip (an unsupported provider, a duplicate id) is an error here: the gateway starts without it.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const file = values.config ?? path.join(values['data-dir'] ?? defaultDataDir(process.platform, io.env), 'config.yaml');
  let parsed;
  try {
    parsed = readConfigFile(file, io.env);
  } catch (error) {
    io.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  if (parsed.warnings.length > 0) io.stdout.write(`Warnings:\n${formatIssues(parsed.warnings)}\n`);
  const errors = parsed.config ? parsed.relocate(buildDeploymentTable(parsed.config).problems) : parsed.errors;
  if (errors.length > 0) {
    io.stderr.write(`${file}: ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${formatIssues(errors)}\n`);
    return 1;
  }
  const included = parsed.includedFiles.length;
  io.stdout.write(`${file}: OK (${parsed.config?.model_list.length ?? 0} deployments${included > 0 ? `, with ${included} included file${included === 1 ? '' : 's'}` : ''})\n`);
  return 0;
}
