/** The gateway handle as the shell uses it (gateway/index.ts's GatewayHandle satisfies this). */
export interface HostedGateway {
  url: string;
  port: number;
  adminToken: string;
  dataDir: string;
  routes(): { name: string; enabled: boolean }[];
  setRouteEnabled(name: string, enabled: boolean): void | Promise<void>;
  reload(): unknown;
  close(): Promise<void>;
}

export interface StartedGateway<Gateway extends HostedGateway> {
  gateway: Gateway;
  /** Said to the user when the configured port was taken and another one is used. */
  portNotice: string | null;
}

function portInUse(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EADDRINUSE' || (error instanceof Error && /already in use/i.test(error.message));
}

/** The port a listen failed on: Node puts it on its error, which startGateway keeps as the cause. */
function busyPort(error: unknown): number | undefined {
  for (let cause = error; typeof cause === 'object' && cause !== null; cause = (cause as { cause?: unknown }).cause) {
    const port = (cause as { port?: unknown }).port;
    if (typeof port === 'number') return port;
  }
  return undefined;
}

/**
 * Starts the gateway on its configured port, or on a free one when that port is taken (another
 * Gatehouse, or anything else), and says so instead of failing to start. The port comes from the
 * config file the gateway reads, so the failure is what tells which one was taken.
 */
export async function startWithPortFallback<Gateway extends HostedGateway>(start: (port: number | undefined) => Promise<Gateway>): Promise<StartedGateway<Gateway>> {
  try {
    return { gateway: await start(undefined), portNotice: null };
  } catch (error) {
    if (!portInUse(error)) throw error;
    const gateway = await start(0);
    const taken = busyPort(error);
    const wanted = taken === undefined ? 'The configured port' : `Port ${taken}`;
    return { gateway, portNotice: `${wanted} was in use, so the gateway is on port ${gateway.port} for this session. Claude Code settings written earlier point at the old port: re-run Setup.` };
  }
}
