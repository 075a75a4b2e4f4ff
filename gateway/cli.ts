#!/usr/bin/env node
/**
 * The headless entry: `npm run serve -- [subcommand] [flags]`. Without a subcommand it serves.
 * Each subcommand lives in gateway/cli/<name>.ts and exports `run(args, io)`.
 */
import type { CliCommand } from './cli/cli-io.ts';
import { ConfigError } from './config/config-file.ts';
import { GatewayError } from './errors/index.ts';

const COMMANDS: Record<string, () => Promise<{ run: CliCommand }>> = {
  serve: () => import('./cli/serve.ts'),
  'check-config': () => import('./cli/check-config.ts'),
  'configure-claude': () => import('./cli/configure-claude.ts'),
  doctor: () => import('./cli/doctor.ts'),
  hardware: () => import('./cli/hardware.ts'),
  bench: () => import('./cli/bench.ts'),
};

const USAGE = `Usage: npm run serve -- [command] [flags]
  (no command)       serve the gateway: [--config FILE] [--host 127.0.0.1] [--port 4747] [--data-dir DIR]
  check-config       validate a config file: --config FILE
  configure-claude   point Claude Code at the gateway: [--shell bash|zsh|fish|powershell|cmd] [--apply] [--undo] [--print]
  doctor             check the Claude Code wiring end to end
  hardware           print what the hardware probe sees
  bench              benchmark a local model: --model NAME [--runs N]
`;

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const named = first !== undefined && !first.startsWith('-');
  const load = named ? COMMANDS[first] : COMMANDS.serve;
  if (!load) {
    process.stderr.write(`Unknown command "${first}".\n${USAGE}`);
    return 2;
  }
  const { run } = await load();
  return run(named ? rest : argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}

const isUsageError = (error: unknown) => (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') === true;

/**
 * What the user can act on (a bad config, a port in use, a database or data dir Gatehouse
 * cannot use) prints as its message alone; anything else is a bug and keeps its stack.
 */
function describeFailure(error: unknown): string {
  const actionable = error instanceof ConfigError || GatewayError.isInstance(error) || isUsageError(error)
    || (error instanceof Error && (error as NodeJS.ErrnoException).syscall !== undefined);
  return actionable ? (error as Error).message : ((error as Error | null)?.stack ?? String(error));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exitCode = isUsageError(error) ? 2 : 1;
  },
);
