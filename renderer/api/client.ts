import type {
  BenchRequest, BenchResultsResponse, CatalogResponse, ClaudeCodeApplyRequest, ClaudeCodeApplyResponse, ClaudeCodePlan,
  ClaudeCodeRules, ClaudeCodeUndoResponse, ConfigResponse, ConfigUpdateResponse, DeploymentsResponse, DoctorResponse,
  ExposeRequest, FitQuery, FitResponse, HardwareResponse, LocalModelsResponse, LocalStatusResponse, LogDetail, LogsQuery,
  LogsResponse, ModelsResponse, PullStartedResponse, Route, RoutesResponse, SettingsResponse, SettingsUpdateRequest,
  SettingsUpdateResponse, SpendQuery, SpendResponse, StatusResponse,
} from '../../gateway/admin/contract.ts';

/** A non-2xx admin answer, carrying the gateway's error type so the UI can say what to do. */
export class AdminRequestError extends Error {
  readonly status: number;
  readonly type: string;

  constructor(status: number, type: string, message: string) {
    super(message);
    this.name = 'AdminRequestError';
    this.status = status;
    this.type = type;
  }
}

/** The session cookie or token is no longer accepted: the gateway restarted, or admin_token changed. */
export const isSignedOut = (error: unknown): error is AdminRequestError => error instanceof AdminRequestError && error.status === 401;

type Query = Record<string, string | number | boolean | undefined>;

/** One method per admin endpoint; the store depends on this interface so tests can fake it. */
export interface AdminApi {
  status(): Promise<StatusResponse>;
  config(): Promise<ConfigResponse>;
  updateConfig(yaml: string, dryRun?: boolean): Promise<ConfigUpdateResponse>;
  routes(): Promise<RoutesResponse>;
  toggleRoute(name: string, enabled: boolean): Promise<Route>;
  updateClaudeCodeRules(rules: ClaudeCodeRules): Promise<ConfigUpdateResponse>;
  deployments(): Promise<DeploymentsResponse>;
  models(): Promise<ModelsResponse>;
  logs(query: LogsQuery): Promise<LogsResponse>;
  logDetail(id: string): Promise<LogDetail>;
  spend(query: SpendQuery): Promise<SpendResponse>;
  spendCsvUrl(query: SpendQuery): string;
  localStatus(): Promise<LocalStatusResponse>;
  hardware(): Promise<HardwareResponse>;
  localModels(): Promise<LocalModelsResponse>;
  pull(model: string): Promise<PullStartedResponse>;
  cancelPull(model: string): Promise<void>;
  loadModel(name: string): Promise<void>;
  unloadModel(name: string): Promise<void>;
  deleteModel(name: string): Promise<void>;
  exposeModel(name: string, request: ExposeRequest): Promise<void>;
  fit(query: FitQuery): Promise<FitResponse>;
  catalog(): Promise<CatalogResponse>;
  startBench(request: BenchRequest): Promise<{ id: string }>;
  benchResults(): Promise<BenchResultsResponse>;
  deleteBench(id: string): Promise<void>;
  claudeCodePlan(reveal?: boolean): Promise<ClaudeCodePlan>;
  applyClaudeCode(request: ClaudeCodeApplyRequest): Promise<ClaudeCodeApplyResponse>;
  undoClaudeCode(): Promise<ClaudeCodeUndoResponse>;
  doctor(): Promise<DoctorResponse>;
  settings(): Promise<SettingsResponse>;
  updateSettings(request: SettingsUpdateRequest): Promise<SettingsUpdateResponse>;
}

export interface AdminClientOptions {
  /** Origin of the gateway, e.g. `http://127.0.0.1:4747`; '' for same-origin. */
  baseUrl: string;
  /** Sent as a bearer token when known (desktop); in a browser the session cookie does the work. */
  token: string | null;
  fetch?: typeof fetch;
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function createAdminClient({ baseUrl, token, fetch: fetchImpl = globalThis.fetch.bind(globalThis) }: AdminClientOptions): AdminApi {
  async function request<Result>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<Result> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetchImpl(`${baseUrl}${path}${queryString(options.query ?? {})}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (response.status === 204) return undefined as Result;
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (payload as { error?: { type?: string; message?: string } } | null)?.error;
      throw new AdminRequestError(response.status, error?.type ?? 'gateway_internal', error?.message ?? `${method} ${path} failed with HTTP ${response.status}`);
    }
    return payload as Result;
  }
  const segment = encodeURIComponent;

  return {
    status: () => request('GET', '/admin/status'),
    config: () => request('GET', '/admin/config'),
    updateConfig: (yaml, dryRun) => request('PUT', '/admin/config', { body: { yaml, dryRun } }),
    routes: () => request('GET', '/admin/routes'),
    toggleRoute: (name, enabled) => request('POST', `/admin/routes/${segment(name)}`, { body: { enabled } }),
    updateClaudeCodeRules: (rules) => request('PUT', '/admin/claude-code/rules', { body: rules }),
    deployments: () => request('GET', '/admin/deployments'),
    models: () => request('GET', '/admin/models'),
    logs: (query) => request('GET', '/admin/logs', { query: { ...query } }),
    logDetail: (id) => request('GET', `/admin/logs/${segment(id)}`),
    spend: (query) => request('GET', '/admin/spend', { query: { ...query } }),
    spendCsvUrl: (query) => `${baseUrl}/admin/spend.csv${queryString({ ...query })}`,
    localStatus: () => request('GET', '/admin/local/status'),
    hardware: () => request('GET', '/admin/local/hardware'),
    localModels: () => request('GET', '/admin/local/models'),
    pull: (model) => request('POST', '/admin/local/pull', { body: { model } }),
    cancelPull: (model) => request('DELETE', `/admin/local/pull/${segment(model)}`),
    loadModel: (name) => request('POST', `/admin/local/models/${segment(name)}/load`, { body: {} }),
    unloadModel: (name) => request('POST', `/admin/local/models/${segment(name)}/unload`, { body: {} }),
    deleteModel: (name) => request('DELETE', `/admin/local/models/${segment(name)}`),
    exposeModel: (name, body) => request('POST', `/admin/local/models/${segment(name)}/expose`, { body }),
    fit: (query) => request('GET', '/admin/local/fit', { query: { ...query } }),
    catalog: () => request('GET', '/admin/local/catalog'),
    startBench: (body) => request('POST', '/admin/local/bench', { body }),
    benchResults: () => request('GET', '/admin/local/bench'),
    deleteBench: (id) => request('DELETE', `/admin/local/bench/${segment(id)}`),
    claudeCodePlan: (reveal) => request('GET', '/admin/claude-code/plan', { query: { reveal: reveal === true ? 'true' : undefined } }),
    applyClaudeCode: (body) => request('POST', '/admin/claude-code/apply', { body }),
    undoClaudeCode: () => request('POST', '/admin/claude-code/undo', { body: {} }),
    doctor: () => request('GET', '/admin/claude-code/doctor'),
    settings: () => request('GET', '/admin/settings'),
    updateSettings: (body) => request('PUT', '/admin/settings', { body }),
  };
}
