/** /admin/claude-code/*: plan, apply, undo and doctor, pointed at this gateway's own URL and key. */
import path from 'node:path';
import { GatewayError } from '../errors/index.ts';
import { applyClaudeCode, ClaudeCodeConfigError, homeDirectory, planClaudeCode, runClaudeCodeDoctor, THIS_MACHINE, undoClaudeCode, type ApplyStep, type DoctorCheck as WiringCheck } from '../claude-code/index.ts';
import type { ClaudeCodeApplyRequest, ClaudeCodeApplyResponse, ClaudeCodePlan, ClaudeCodeUndoResponse, DoctorCheck, DoctorResponse } from './contract.ts';
import type { AdminContext } from './admin-api.ts';

const wiringHost = (context: AdminContext) => context.claudeCodeHost ?? THIS_MACHINE;

function target(context: AdminContext) {
  const { runtime, env } = context;
  const { platform } = wiringHost(context);
  const masterKey = runtime.config.general_settings.master_key;
  if (!masterKey) throw new GatewayError('caller_invalid_request', 409, 'The gateway has no key (general_settings.master_key); Claude Code needs one to send. Add it to the config first.');
  return {
    gatewayUrl: runtime.listeningUrl,
    gatewayKey: masterKey,
    home: homeDirectory(env, platform),
    platform,
    env,
    stateDirectory: path.join(runtime.dataDir, 'claude-code'),
    config: runtime.config,
  };
}

/** settings.json that is not JSON, or a value that cannot be written safely, is the user's to fix: 400, not 500. */
async function asUserError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClaudeCodeConfigError) throw new GatewayError('caller_invalid_request', 400, error.message);
    throw error;
  }
}

export const planWiring = (context: AdminContext, reveal: boolean): Promise<ClaudeCodePlan> =>
  asUserError(() => planClaudeCode({ ...target(context), revealKey: reveal }));

export const applyWiring = (context: AdminContext, request: ClaudeCodeApplyRequest): Promise<ClaudeCodeApplyResponse> =>
  asUserError(() => applyClaudeCode({ ...target(context), rcShells: request.rc ?? [], run: wiringHost(context).run }));

export async function undoWiring(context: AdminContext): Promise<ClaudeCodeUndoResponse> {
  const result = await asUserError(() => undoClaudeCode({ stateDirectory: target(context).stateDirectory }));
  return { restored: result.restored, filesRestored: result.filesRestored };
}

const STATUS: Record<WiringCheck['status'], DoctorCheck['status']> = {
  ok: 'pass',
  warn: 'warn',
  fail: 'fail',
  // A check that could not run has not passed; the dashboard shows its reason.
  skip: 'warn',
};

/**
 * The doctor's list sits on the Setup page under the Apply button, so its fixes point there.
 * The page's Apply writes no model names; what the dashboard offers for a name the gateway
 * lacks is the Routes page's `default` rule, which routes every such name to a group. The
 * doctor checks the gateway's own address and key, which the Settings page (bind address, port) and
 * the Routes page's config editor (master_key) change; the gateway runs, it serves the page.
 */
export const DASHBOARD_APPLY_STEP: ApplyStep = {
  apply: 'press Apply above',
  applyWithBackgroundModel: null,
  useServedModel: 'send every name the gateway lacks to one of its groups with the `default` rule under Claude Code rules on the Routes page',
  gatewayAddress: 'the bind address and port under Gateway on the Settings page',
  gatewayKey: 'general_settings.master_key under Config file on the Routes page',
  startGateway: null,
};

export async function runDoctor(context: AdminContext): Promise<DoctorResponse> {
  const checks = await runClaudeCodeDoctor({ ...target(context), models: [], cwd: process.cwd(), applyStep: DASHBOARD_APPLY_STEP });
  return { checks: checks.map((check) => ({ id: check.id, status: STATUS[check.status], message: check.verdict, fix: check.fix ?? null })) };
}
