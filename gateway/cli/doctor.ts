/** `doctor`: checks the Claude Code wiring end to end, one line per finding; exit 1 on any failure. */
import { ENDPOINT_OPTIONS, parseCommandArgs, reportFailure, resolveGateway, resolveLocations } from '../claude-code/cli-context.ts';
import { runClaudeCodeDoctor, type DoctorCheck } from '../claude-code/index.ts';
import type { CliIo } from './cli-io.ts';

const USAGE = `Usage: doctor [--url URL] [--key KEY] [--data-dir DIR] [--model M ...] [--json]

  Checks that the gateway answers, accepts the key and serves each model Claude Code is set up
  to use (or each --model), that nothing in the environment or in Claude Code's settings files
  points elsewhere, that \`claude\` is installed, and that no proxy intercepts 127.0.0.1.
`;

const OPTIONS = {
  ...ENDPOINT_OPTIONS,
  model: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

const MARK: Record<DoctorCheck['status'], string> = { ok: '✔', warn: '!', fail: '✖', skip: '-' };

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const values = parseCommandArgs(args, OPTIONS);
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const locations = resolveLocations(values, io.env);
    const gateway = await resolveGateway(values, locations.dataDirectory, io.env);
    const checks = await runClaudeCodeDoctor({ ...gateway, models: values.model ?? [], home: locations.home, cwd: process.cwd(), env: io.env, platform: locations.platform });
    if (values.json) {
      io.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
    } else {
      for (const check of checks) {
        io.stdout.write(`${MARK[check.status]} ${check.id}: ${check.verdict}\n`);
        if (check.fix !== undefined) io.stdout.write(`    fix: ${check.fix}\n`);
      }
    }
    return checks.some((check) => check.status === 'fail') ? 1 : 0;
  } catch (error) {
    return reportFailure(error, io, USAGE);
  }
}
