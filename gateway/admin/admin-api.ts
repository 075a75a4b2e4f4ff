/**
 * The shapes shared by the admin handlers (plain functions, no HTTP) and the HTTP dispatcher in
 * gateway/server/admin-routes.ts: what a handler receives (already validated against the
 * contract's schemas) and what it answers.
 */
import type * as z from 'zod';
import type { adminEndpoints, AdminEndpointName, RequestStartEvent } from './contract.ts';
import type { GatewayRuntime } from '../runtime/gateway-runtime.ts';
import type { LocalModels } from './local.ts';
import type { WiringHost } from '../claude-code/index.ts';

type Spec<Name extends AdminEndpointName> = (typeof adminEndpoints)[Name];
export type QueryOf<Name extends AdminEndpointName> = Spec<Name> extends { query: infer Schema extends z.ZodType } ? z.output<Schema> : undefined;
export type BodyOf<Name extends AdminEndpointName> = Spec<Name> extends { body: infer Schema extends z.ZodType } ? z.output<Schema> : undefined;

export interface OperationInput<Name extends AdminEndpointName> {
  /** `:name`-style path segments, URL-decoded. */
  params: Record<string, string>;
  query: QueryOf<Name>;
  body: BodyOf<Name>;
}

export type AdminReply =
  | { kind: 'json'; status: number; body: unknown; /** Only the Claude Code plan with reveal=true may carry the real gateway key. */ revealsSecrets?: boolean }
  | { kind: 'empty' }
  | { kind: 'csv'; filename: string; text: string };

export const json = (body: unknown, status = 200): AdminReply => ({ kind: 'json', status, body });
export const empty = (): AdminReply => ({ kind: 'empty' });

/** Endpoints the HTTP layer answers itself, because they are about cookies or a long-lived stream. */
export type HttpOnlyEndpoint = 'sessionCreate' | 'sessionDelete' | 'events';
export type OperationName = Exclude<AdminEndpointName, HttpOnlyEndpoint>;
export type AdminOperations = { [Name in OperationName]: (input: OperationInput<Name>) => AdminReply | Promise<AdminReply> };

/** What every handler may use. */
export interface AdminContext {
  runtime: GatewayRuntime;
  /** The environment the config's os.environ/ references and the Claude Code wiring read. */
  env: NodeJS.ProcessEnv;
  /** The variables in `env` that came from the desktop app's keychain. */
  keychainVariables: () => ReadonlySet<string>;
  /** The machine Claude Code is wired on (StartGatewayOptions.claudeCodeHost); this one when undefined. */
  claudeCodeHost: WiringHost | undefined;
  local: LocalModels;
  inFlight(): RequestStartEvent[];
}
