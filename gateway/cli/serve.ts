import { parseArgs } from 'node:util';
import { startGateway } from '../index.ts';
import type { CliIo } from './cli-io.ts';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * `serve [--config FILE] [--host H] [--port P] [--data-dir DIR]`: runs the gateway headless
 * and prints `Gatehouse listening on http://HOST:PORT` once it accepts connections.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    io.stderr.write(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${values.port}".\n`);
    return 2;
  }
  const gateway = await startGateway({
    configPath: values.config,
    dataDir: values['data-dir'],
    host: values.host,
    port,
    env: io.env,
    log: (line) => io.stderr.write(`${line}\n`),
  });
  io.stdout.write(`Gatehouse listening on ${gateway.url}\n`);
  if (gateway.dashboardUrl) io.stdout.write(`Dashboard: ${gateway.dashboardUrl}\n`);

  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.stderr.write(`${signal}: finishing in-flight requests, then stopping.\n`);
      gateway.close({ graceMs: SHUTDOWN_GRACE_MS }).then(() => resolve(0), (error: unknown) => {
        io.stderr.write(`Stopped with an error: ${(error as Error).message}\n`);
        resolve(1);
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    // A closed terminal: the `ollama serve` we started runs in its own process group, so the
    // hangup no longer reaches it; stopping cleanly here is what stops it.
    process.once('SIGHUP', () => stop('SIGHUP'));
  });
}
