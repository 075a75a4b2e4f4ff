/** `configure-claude`: point Claude Code at this gateway, print the shell commands, or undo. */
import path from 'node:path';
import { SHELLS, type Shell } from '../admin/contract.ts';
import type { CliIo } from './cli-io.ts';
import { ENDPOINT_OPTIONS, parseCommandArgs, reportFailure, resolveGateway, resolveLocations, UsageError } from '../claude-code/cli-context.ts';
import { applyClaudeCode, buildWiredEnv, planClaudeCode, renderShellScript, undoClaudeCode, type ClaudeCodeEnvOptions } from '../claude-code/index.ts';

const USAGE = `Usage: configure-claude [--shell bash|zsh|fish|powershell|cmd] [--apply] [--undo] [--print] [--rc]
                        [--url URL] [--key KEY] [--data-dir DIR]
                        [--model M] [--opus-model M] [--sonnet-model M] [--haiku-model M] [--subagent-model M]
                        [--api-timeout-ms N] [--disable-nonessential-traffic]

  (no action)  show what --apply would change and the commands for your shell
  --apply      merge the variables into ~/.claude/settings.json (backed up; undo with --undo)
  --rc         with --apply: also write a marked block into the shell's rc/profile file
               (PowerShell on Windows: each installed edition's $PROFILE, asked of it);
               with --print: print that block (or the setx / SetEnvironmentVariable script)
  --print      print only the script for --shell, e.g.  eval "$(gatehouse configure-claude --print)"
  --undo       put back exactly what the last --apply replaced
  --url, --key the gateway (default: from <data dir>/config.yaml)
  --model      the model Claude Code uses (ANTHROPIC_MODEL); --haiku-model is for background calls
`;

const OPTIONS = {
  ...ENDPOINT_OPTIONS,
  shell: { type: 'string' },
  apply: { type: 'boolean' },
  undo: { type: 'boolean' },
  print: { type: 'boolean' },
  rc: { type: 'boolean' },
  model: { type: 'string' },
  'opus-model': { type: 'string' },
  'sonnet-model': { type: 'string' },
  'haiku-model': { type: 'string' },
  'subagent-model': { type: 'string' },
  'api-timeout-ms': { type: 'string' },
  'disable-nonessential-traffic': { type: 'boolean' },
} as const;

/** The shell the user is typing in, as far as the environment tells. */
function detectShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Shell {
  const name = path.basename(env.SHELL ?? '').replace(/\.exe$/i, '');
  if (name === 'bash' || name === 'zsh' || name === 'fish') return name;
  if (platform === 'win32') return env.PSModulePath !== undefined && env.PROMPT === undefined ? 'powershell' : 'cmd';
  return 'bash';
}

function parseShell(value: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Shell {
  if (value === undefined) return detectShell(env, platform);
  if (!(SHELLS as readonly string[]).includes(value)) throw new UsageError(`--shell must be one of ${SHELLS.join(', ')}, not "${value}"`);
  return value as Shell;
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--api-timeout-ms must be a whole number of milliseconds, not "${value}"`);
  return Number(value);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const values = parseCommandArgs(args, OPTIONS);
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const actions = [values.apply, values.undo, values.print].filter(Boolean).length;
    if (actions > 1) throw new UsageError('choose one of --apply, --undo and --print');
    const locations = resolveLocations(values, io.env, io.platform);
    const shell = parseShell(values.shell, io.env, locations.platform);
    if (values.undo) {
      const result = await undoClaudeCode({ stateDirectory: locations.stateDirectory });
      if (!result.restored) io.stdout.write('Nothing to undo.\n');
      for (const file of result.filesRestored) io.stdout.write(`restored ${file}\n`);
      for (const file of result.filesPartlyReverted) io.stdout.write(`reverted Gatehouse's part of ${file} (it was edited since, and those edits are kept)\n`);
      return 0;
    }
    const { gatewayUrl, gatewayKey, config } = await resolveGateway(values, locations.dataDirectory, io.env);
    const envOptions: ClaudeCodeEnvOptions = {
      gatewayUrl,
      gatewayKey,
      models: { main: values.model, opus: values['opus-model'], sonnet: values['sonnet-model'], haiku: values['haiku-model'], subagent: values['subagent-model'] },
      apiTimeoutMs: parseTimeout(values['api-timeout-ms']),
      disableNonessentialTraffic: values['disable-nonessential-traffic'],
    };
    const target = { home: locations.home, platform: locations.platform, env: io.env, stateDirectory: locations.stateDirectory, config };
    if (values.print) {
      io.stdout.write(renderShellScript(shell, buildWiredEnv({ ...envOptions, config }).env, values.rc ? 'persist' : 'session', locations.platform));
      return 0;
    }
    if (values.apply) {
      const result = await applyClaudeCode({ ...envOptions, ...target, rcShells: values.rc ? [shell] : [], run: io.runCommand });
      if (result.filesWritten.length === 0) io.stdout.write(`Already configured: ${result.settingsPath} has these values.\n`);
      for (const file of result.filesWritten) io.stdout.write(`wrote ${file}\n`);
      for (const skipped of result.skippedProfiles) {
        io.stdout.write(`skipped ${skipped.path}: ${skipped.edition}'s execution policy ${skipped.executionPolicy} runs no profile. ${skipped.fix}\n`);
      }
      if (result.backupPath !== null) io.stdout.write(`backup in ${result.backupPath}; undo with: configure-claude --undo\n`);
      io.stdout.write('Start a new `claude` session to pick it up; check with: doctor\n');
      return 0;
    }
    const plan = await planClaudeCode({ ...envOptions, ...target });
    io.stdout.write(plan.applied ? `${plan.settingsPath} already points Claude Code at ${plan.baseUrl}.\n` : `--apply would change ${plan.settingsPath}:\n`);
    for (const change of plan.changes) io.stdout.write(`  env.${change.key}: ${JSON.stringify(change.from)} -> ${JSON.stringify(change.to)}\n`);
    const snippet = plan.snippets.find((candidate) => candidate.shell === shell)!;
    io.stdout.write(`\nFor this ${shell} session only (key masked; --print shows it):\n\n${snippet.session}`);
    return 0;
  } catch (error) {
    return reportFailure(error, io, USAGE);
  }
}
