/**
 * The admin API contract: every request and response body of `/admin/*`, as zod schemas with
 * their `z.infer` types. The gateway validates request bodies and query strings with these
 * schemas; the renderer imports this file with `import type` only (R7), so the wire types have
 * exactly one source (R9).
 *
 * Conventions:
 * - Base path `/admin`, JSON bodies, `Authorization: Bearer <admin token>` or the session cookie
 *   obtained from `POST /admin/session`. The admin token never travels in a query string.
 * - Timestamps are epoch milliseconds (`at`, `...At`); calendar days are `YYYY-MM-DD` in the
 *   gateway's local time zone; money is USD as a float; sizes are bytes.
 * - Secrets never appear in responses: provider keys and the gateway key are masked
 *   (`sk-ant-…a1b2`) except where a field's doc says otherwise.
 * - Every error is `{ error: { type, message } }` with `type` from gateway/errors/error-type.ts.
 * - Response schemas are minimal on purpose (aesthetics §2.9): they list what the dashboard
 *   shows, not everything the gateway knows.
 */
import * as z from 'zod';
import { ERROR_TYPES } from '../errors/error-type.ts';

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** Every non-2xx admin response. */
export const adminErrorSchema = z.object({
  error: z.object({ type: z.enum(ERROR_TYPES), message: z.string() }),
});
export type AdminError = z.infer<typeof adminErrorSchema>;

/** A problem located by its YAML path, e.g. `model_list[0].litellm_params.model`. */
export const configIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ConfigIssueBody = z.infer<typeof configIssueSchema>;

/** Which wire protocol an upstream is spoken to in. */
export const wireProtocolSchema = z.enum(['anthropic', 'openai', 'ollama']);
export type WireProtocol = z.infer<typeof wireProtocolSchema>;

/** Which API a client spoke: Anthropic Messages, OpenAI Chat Completions or OpenAI Responses. */
export const clientProtocolSchema = z.enum(['anthropic', 'openai', 'responses']);

/**
 * USD per million tokens, and per web search; null fields are unknown, local models are all zero.
 * The token rates are null when only the search price is configured (the catalogue prices tokens).
 */
export const priceSchema = z.object({
  inputPerMillion: z.number().nonnegative().nullable(),
  outputPerMillion: z.number().nonnegative().nullable(),
  cacheReadPerMillion: z.number().nonnegative().nullable(),
  cacheWritePerMillion: z.number().nonnegative().nullable(),
  /** A server-side web search (Anthropic's), from the config's search_context_cost_per_query; null when the catalogue prices it. */
  perWebSearch: z.number().nonnegative().nullable(),
});
export type Price = z.infer<typeof priceSchema>;

/** Where a model would run on this machine (reference/desktop.md §3). */
export const fitVerdictSchema = z.enum(['gpu', 'partial', 'cpu', 'no']);
export type FitVerdict = z.infer<typeof fitVerdictSchema>;

/** The shells Claude Code wiring knows how to write for. */
export const SHELLS = ['powershell', 'cmd', 'bash', 'zsh', 'fish'] as const;
export const shellSchema = z.enum(SHELLS);
export type Shell = z.infer<typeof shellSchema>;
/** The shells with a profile file apply can write the marked block into; cmd has none (it persists with setx). */
export const profileShellSchema = z.enum(['powershell', 'bash', 'zsh', 'fish']);
export type ProfileShell = z.infer<typeof profileShellSchema>;

const epochMs = z.number().int().nonnegative();
const day = z.iso.date();
/** Query-string booleans arrive as text. */
const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

// ---------------------------------------------------------------------------------------------
// Session: POST /admin/session, DELETE /admin/session

/**
 * `POST /admin/session` exchanges the token from the dashboard URL's `#token=` fragment for an
 * HttpOnly, SameSite=Strict session cookie (204). A wrong token is 401 and counts towards the
 * auth-failure rate limit. `DELETE /admin/session` clears the cookie (204).
 */
export const sessionRequestSchema = z.object({ token: z.string().min(1).max(512) });
export type SessionRequest = z.infer<typeof sessionRequestSchema>;

// ---------------------------------------------------------------------------------------------
// GET /admin/status

export const ollamaStateSchema = z.enum(['running', 'starting', 'stopped', 'not_installed', 'error']);
export type OllamaState = z.infer<typeof ollamaStateSchema>;

/** GET /admin/status: the one call the overview and the tray need to say "all is well" or not. */
export const statusResponseSchema = z.object({
  version: z.string(),
  startedAt: epochMs,
  uptimeSeconds: z.number().nonnegative(),
  /** The proxy's base URL, e.g. `http://127.0.0.1:4747`. */
  url: z.string(),
  host: z.string(),
  port: z.number().int(),
  /** null when running on built-in defaults. */
  configPath: z.string().nullable(),
  /** Errors in the file on disk; the gateway keeps running on the last good config. */
  configErrors: z.array(configIssueSchema),
  configWarnings: z.array(configIssueSchema),
  /** model_list entries the running config loads without (an unsupported provider, a duplicate id); the rest runs. */
  configProblems: z.array(configIssueSchema),
  store: z.object({
    ok: z.boolean(),
    /** Records waiting for the store to become writable again. */
    queued: z.number().int().nonnegative(),
    message: z.string().nullable(),
  }),
  ollama: z.object({
    state: ollamaStateSchema,
    version: z.string().nullable(),
    host: z.string(),
    loadedModels: z.number().int().nonnegative(),
  }),
  inFlight: z.number().int().nonnegative(),
  /** Rolling last 60 minutes. */
  lastHour: z.object({ requests: z.number().int().nonnegative(), errors: z.number().int().nonnegative() }),
  storeBodies: z.boolean(),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /admin/config, PUT /admin/config

/** GET /admin/config: the file as written, with secret values replaced by `REDACTED_PLACEHOLDER`. */
export const configResponseSchema = z.object({
  path: z.string().nullable(),
  yaml: z.string(),
});
export type ConfigResponse = z.infer<typeof configResponseSchema>;

/** Written in place of every literal secret; a PUT that still contains it keeps the old value. */
export const REDACTED_PLACEHOLDER = '********';

/** PUT /admin/config: validate, and when valid save atomically and reload. */
export const configUpdateRequestSchema = z.object({
  yaml: z.string().max(1_000_000),
  /** Validate only; nothing is written. */
  dryRun: z.boolean().optional(),
});
export type ConfigUpdateRequest = z.infer<typeof configUpdateRequestSchema>;

/** 200 whether or not it saved: `saved: false` with `errors` is a normal answer, not an HTTP error. */
export const configUpdateResponseSchema = z.object({
  saved: z.boolean(),
  errors: z.array(configIssueSchema),
  warnings: z.array(configIssueSchema),
  /** model_list entries the config (saved, or valid in a dry run) loads without; it still saves, the rest runs. */
  problems: z.array(configIssueSchema),
});
export type ConfigUpdateResponse = z.infer<typeof configUpdateResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Routes and Claude Code rules

export const budgetSchema = z.object({
  /** `global`, or the route or deployment the budget belongs to. */
  scope: z.enum(['global', 'route', 'deployment']),
  name: z.string(),
  limitUsd: z.number().nonnegative(),
  spentUsd: z.number().nonnegative(),
  leftUsd: z.number(),
  duration: z.string(),
  resetsAt: epochMs,
});
export type Budget = z.infer<typeof budgetSchema>;

export const routeSchema = z.object({
  name: z.string(),
  enabled: z.boolean(),
  /** Costs nothing (local): where budgets fall back to. */
  free: z.boolean(),
  description: z.string().nullable(),
  /** Deployment ids in this route. */
  deployments: z.array(z.string()),
  budget: budgetSchema.nullable(),
});
export type Route = z.infer<typeof routeSchema>;

/** The `gatehouse.claude_code` section: which model group serves each kind of request. */
export const claudeCodeRulesSchema = z.object({
  background: z.string().nullable(),
  think: z.string().nullable(),
  longContext: z.string().nullable(),
  longContextThreshold: z.number().int().positive(),
  webSearch: z.string().nullable(),
  default: z.string().nullable(),
});
export type ClaudeCodeRules = z.infer<typeof claudeCodeRulesSchema>;

/** GET /admin/routes */
export const routesResponseSchema = z.object({
  routes: z.array(routeSchema),
  claudeCode: claudeCodeRulesSchema,
  /** Model group names, for the rule pickers. */
  groups: z.array(z.string()),
});
export type RoutesResponse = z.infer<typeof routesResponseSchema>;

/** POST /admin/routes/:name → the updated route. Takes effect for the next request and persists. */
export const routeToggleRequestSchema = z.object({ enabled: z.boolean() });
export type RouteToggleRequest = z.infer<typeof routeToggleRequestSchema>;

/**
 * PUT /admin/claude-code/rules: written into the config file's `gatehouse.claude_code` section.
 * Answers with configUpdateResponseSchema; an unknown group is an error at `gatehouse.claude_code.<rule>`.
 */
export const claudeCodeRulesUpdateSchema = claudeCodeRulesSchema;

// ---------------------------------------------------------------------------------------------
// GET /admin/deployments, GET /admin/models

export const deploymentHealthSchema = z.enum(['healthy', 'cooling_down', 'route_disabled', 'unreachable']);
export type DeploymentHealth = z.infer<typeof deploymentHealthSchema>;

const usageAgainstLimit = z.object({ used: z.number().nonnegative(), limit: z.number().positive().nullable() });

export const deploymentSchema = z.object({
  /** model_info.id, or a stable generated one. */
  id: z.string(),
  /** model_name: what clients ask for. */
  group: z.string(),
  route: z.string(),
  /** provider/model as in litellm_params.model. */
  model: z.string(),
  protocol: wireProtocolSchema,
  health: deploymentHealthSchema,
  cooldownUntil: epochMs.nullable(),
  inFlight: z.number().int().nonnegative(),
  /** Current minute. */
  rpm: usageAgainstLimit,
  tpm: usageAgainstLimit,
  price: priceSchema.nullable(),
  contextWindow: z.number().int().positive().nullable(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/** GET /admin/deployments */
export const deploymentsResponseSchema = z.object({ deployments: z.array(deploymentSchema) });
export type DeploymentsResponse = z.infer<typeof deploymentsResponseSchema>;

/** One row of the merged model list: a cloud deployment, or a model Ollama has on disk. */
export const modelEntrySchema = z.object({
  /** Deployment id for cloud rows; the Ollama tag (`qwen3:8b`) for local rows. */
  id: z.string(),
  source: z.enum(['cloud', 'local']),
  /** Display name: the upstream model id. */
  name: z.string(),
  /** null for a local model not yet exposed as a deployment. */
  group: z.string().nullable(),
  route: z.string().nullable(),
  health: deploymentHealthSchema.nullable(),
  cooldownUntil: epochMs.nullable(),
  contextWindow: z.number().int().positive().nullable(),
  price: priceSchema.nullable(),
  /** Local only. */
  sizeBytes: z.number().nonnegative().nullable(),
  loaded: z.boolean(),
  fit: fitVerdictSchema.nullable(),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

/** GET /admin/models */
export const modelsResponseSchema = z.object({ models: z.array(modelEntrySchema) });
export type ModelsResponse = z.infer<typeof modelsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /admin/logs, GET /admin/logs/:id

/** `ok` = 2xx, `error` = anything else, or one HTTP status. */
export const logStatusFilterSchema = z.union([z.enum(['ok', 'error']), z.coerce.number().int().min(100).max(599)]);

/** GET /admin/logs query. Newest first; `cursor` is the `nextCursor` of the previous page. */
export const logsQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().optional(),
  until: z.coerce.number().int().nonnegative().optional(),
  route: z.string().optional(),
  /** Matches the requested model or the group. */
  model: z.string().optional(),
  status: logStatusFilterSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().optional(),
});
/** What a client sends: every field optional, numbers as numbers. */
export type LogsQuery = Partial<z.infer<typeof logsQuerySchema>>;

export const logEntrySchema = z.object({
  id: z.string(),
  /** Request start. */
  at: epochMs,
  /** What the client asked for. */
  model: z.string(),
  group: z.string().nullable(),
  route: z.string().nullable(),
  deployment: z.string().nullable(),
  protocol: clientProtocolSchema,
  stream: z.boolean(),
  /** The HTTP status the client saw; 499 when the client went away. */
  status: z.number().int(),
  errorType: z.enum(ERROR_TYPES).nullable(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheRead: z.number().int().nonnegative(),
  cacheWrite: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  latencyMs: z.number().nonnegative(),
  ttftMs: z.number().nonnegative().nullable(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const logsResponseSchema = z.object({
  items: z.array(logEntrySchema),
  nextCursor: z.string().nullable(),
});
export type LogsResponse = z.infer<typeof logsResponseSchema>;

/** One upstream try: retries and fallbacks show up as several. */
export const logAttemptSchema = z.object({
  deployment: z.string(),
  status: z.number().int().nullable(),
  errorType: z.enum(ERROR_TYPES).nullable(),
  latencyMs: z.number().nonnegative(),
});

/** GET /admin/logs/:id */
export const logDetailSchema = logEntrySchema.extend({
  upstreamProtocol: wireProtocolSchema.nullable(),
  timings: z.object({
    /** Waiting for a parallel-request slot or a rate-limit window. */
    queuedMs: z.number().nonnegative().nullable(),
    ttftMs: z.number().nonnegative().nullable(),
    totalMs: z.number().nonnegative(),
  }),
  attempts: z.array(logAttemptSchema),
  error: z.object({ type: z.enum(ERROR_TYPES), message: z.string() }).nullable(),
  /** Bodies as text, present only when store_bodies was on for this request. */
  requestBody: z.string().nullable(),
  responseBody: z.string().nullable(),
});
export type LogDetail = z.infer<typeof logDetailSchema>;

// ---------------------------------------------------------------------------------------------
// GET /admin/spend, GET /admin/spend.csv

export const SPEND_GROUPINGS = ['day', 'model', 'route'] as const;

/** GET /admin/spend and /admin/spend.csv query. Defaults: the last 30 days, by day. */
export const spendQuerySchema = z.object({
  from: day.optional(),
  to: day.optional(),
  groupBy: z.enum(SPEND_GROUPINGS).default('day'),
});
export type SpendQuery = z.input<typeof spendQuerySchema>;

const spendTotals = z.object({ costUsd: z.number().nonnegative(), requests: z.number().int().nonnegative() });

export const spendRowSchema = z.object({
  /** The day, model group or route, by `groupBy`. */
  key: z.string(),
  costUsd: z.number().nonnegative(),
  requests: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type SpendRow = z.infer<typeof spendRowSchema>;

/** GET /admin/spend. Rows by day include days with no spend, so charts have no gaps. */
export const spendResponseSchema = z.object({
  from: day,
  to: day,
  groupBy: z.enum(SPEND_GROUPINGS),
  rows: z.array(spendRowSchema),
  today: spendTotals,
  month: spendTotals,
  budgets: z.array(budgetSchema),
});
export type SpendResponse = z.infer<typeof spendResponseSchema>;

/**
 * GET /admin/spend.csv: `text/csv`, `Content-Disposition: attachment`, header row
 * `day,route,model,requests,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd`,
 * one row per day × route × model in [from, to].
 */
export const SPEND_CSV_COLUMNS = ['day', 'route', 'model', 'requests', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'cost_usd'] as const;

// ---------------------------------------------------------------------------------------------
// Local models: /admin/local/*

/** A `pull.progress` event; also listed by GET /admin/local/status. */
export const pullProgressEventSchema = z.object({
  type: z.literal('pull.progress'),
  jobId: z.string(),
  model: z.string(),
  /** Ollama's status line (`pulling manifest`, `downloading`, `verifying sha256 digest`), or `success`, `error`, `cancelled`. */
  status: z.string(),
  completed: z.number().nonnegative(),
  total: z.number().nonnegative(),
  /** Bytes per second over the last few seconds. */
  speed: z.number().nonnegative(),
  /** Seconds left; null when unknown. */
  eta: z.number().nonnegative().nullable(),
  done: z.boolean(),
  error: z.string().nullable(),
  at: epochMs,
});
export type PullProgressEvent = z.infer<typeof pullProgressEventSchema>;

/** GET /admin/local/status */
export const localStatusResponseSchema = z.object({
  state: ollamaStateSchema,
  version: z.string().nullable(),
  host: z.string(),
  binaryPath: z.string().nullable(),
  /** Gatehouse started `ollama serve` and will stop it on quit. */
  managed: z.boolean(),
  message: z.string().nullable(),
  /** Pulls in progress, so a dashboard opened mid-pull shows them before the next event. */
  pulls: z.array(pullProgressEventSchema),
});
export type LocalStatusResponse = z.infer<typeof localStatusResponseSchema>;

export const gpuSchema = z.object({
  vendor: z.string(),
  model: z.string(),
  vramBytes: z.number().nonnegative().nullable(),
  backend: z.enum(['cuda', 'rocm', 'metal', 'vulkan', 'none']),
});
export type Gpu = z.infer<typeof gpuSchema>;

/** GET /admin/local/hardware (cached by the probe). */
export const hardwareResponseSchema = z.object({
  os: z.string(),
  arch: z.string(),
  cpu: z.object({ model: z.string(), cores: z.number().int(), threads: z.number().int() }),
  ramBytes: z.number().nonnegative(),
  gpus: z.array(gpuSchema),
  /** Apple silicon: GPU and CPU share RAM. */
  unifiedMemory: z.boolean(),
  /** What models may occupy on the GPU after the probe's corrections. */
  usableGpuBytes: z.number().nonnegative(),
});
export type HardwareResponse = z.infer<typeof hardwareResponseSchema>;

export const localModelSchema = z.object({
  /** Ollama tag, e.g. `qwen3:8b`. */
  name: z.string(),
  sizeBytes: z.number().nonnegative(),
  parameterSize: z.string().nullable(),
  quantization: z.string().nullable(),
  modifiedAt: epochMs.nullable(),
  loaded: z.boolean(),
  /** Bytes of the loaded model in VRAM; null when not loaded. */
  vramBytes: z.number().nonnegative().nullable(),
  contextLength: z.number().int().positive().nullable(),
  /** Deployment group serving it, when exposed. */
  group: z.string().nullable(),
  fit: fitVerdictSchema.nullable(),
});
export type LocalModel = z.infer<typeof localModelSchema>;

/** GET /admin/local/models */
export const localModelsResponseSchema = z.object({ models: z.array(localModelSchema) });
export type LocalModelsResponse = z.infer<typeof localModelsResponseSchema>;

/** Ollama model names: `name[:tag]`, optionally namespaced; kept strict because they reach URLs and CLIs. */
export const ollamaModelNameSchema = z.string().min(1).max(200).regex(/^\w[\w./-]*(:[\w.-]+)?$/, 'not an Ollama model name, e.g. "qwen3:8b"');

/** POST /admin/local/pull → 202 pullStartedResponse; progress arrives as `pull.progress` events. */
export const pullRequestSchema = z.object({ model: ollamaModelNameSchema });
export type PullRequest = z.infer<typeof pullRequestSchema>;
export const pullStartedResponseSchema = z.object({ jobId: z.string(), model: z.string() });
export type PullStartedResponse = z.infer<typeof pullStartedResponseSchema>;

/** DELETE /admin/local/pull/:model → whether a pull was running. */
export const pullCancelResponseSchema = z.object({ cancelled: z.boolean() });

/**
 * POST /admin/local/models/:name/load|unload → the model's new state.
 * DELETE /admin/local/models/:name → 204.
 */
export const loadRequestSchema = z.object({
  /** Ollama keep_alive, e.g. `30m`; default from config. */
  keepAlive: z.string().optional(),
});
export type LoadRequest = z.infer<typeof loadRequestSchema>;
export const loadResponseSchema = z.object({ name: z.string(), loaded: z.boolean() });

/** GET /admin/local/fit?model&context */
export const fitQuerySchema = z.object({
  model: ollamaModelNameSchema,
  context: z.coerce.number().int().positive().max(10_000_000).optional(),
});
export type FitQuery = z.infer<typeof fitQuerySchema>;
export const fitResponseSchema = z.object({
  model: z.string(),
  context: z.number().int().positive(),
  verdict: fitVerdictSchema,
  requiredBytes: z.number().nonnegative(),
  availableBytes: z.number().nonnegative(),
  /** Largest context that still fits on the GPU; null when even the weights do not. */
  maxGpuContext: z.number().int().nonnegative().nullable(),
  weightsBytes: z.number().nonnegative(),
  kvCacheBytes: z.number().nonnegative(),
});
export type FitResponse = z.infer<typeof fitResponseSchema>;

export const catalogEntrySchema = z.object({
  name: z.string(),
  description: z.string(),
  parameterSize: z.string(),
  sizeBytes: z.number().nonnegative(),
  contextLength: z.number().int().positive(),
  fit: fitVerdictSchema,
  installed: z.boolean(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

/** GET /admin/local/catalog: suggested models with their fit on this machine. */
export const catalogResponseSchema = z.object({ models: z.array(catalogEntrySchema) });
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;

/**
 * POST /admin/local/bench → 202 `{ id }`; progress as `bench.progress` events. Exactly one of
 * `model` (an Ollama model, measured directly) or `group` (a configured model group, measured
 * through the gateway's own /v1/messages with its key: logged and charged like any request).
 * `depth: false` skips an Ollama benchmark's long-prompt run (minutes on a CPU); a group
 * benchmark has none.
 */
export const benchRequestSchema = z.object({
  model: ollamaModelNameSchema.optional(),
  group: z.string().min(1).optional(),
  runs: z.number().int().min(1).max(20).default(3),
  depth: z.boolean().default(true),
}).transform(({ model, group, runs, depth }, context): { model: string; runs: number; depth: boolean } | { group: string; runs: number } => {
  if (model !== undefined && group === undefined) return { model, runs, depth };
  if (group !== undefined && model === undefined) return { group, runs };
  context.addIssue({ code: 'custom', message: 'give exactly one of "model" (an Ollama model) or "group" (a configured model group)' });
  return z.NEVER;
});
export type BenchRequest = z.input<typeof benchRequestSchema>;
export const benchStartedResponseSchema = z.object({ id: z.string() });

/** `ollama`: measured against Ollama directly; `gateway`: a model group through the gateway's proxy (routing, translation and upstream included). */
export const benchKindSchema = z.enum(['ollama', 'openai', 'anthropic', 'gateway']);

export const benchResultSchema = z.object({
  id: z.string(),
  kind: benchKindSchema,
  /** The Ollama model, or the group when `kind` is `gateway`. */
  model: z.string(),
  at: epochMs,
  status: z.enum(['running', 'done', 'error', 'cancelled']),
  runs: z.number().int().positive(),
  /** Medians over the runs, from Ollama's own counters; null until known. */
  promptTokensPerSecond: z.number().nonnegative().nullable(),
  generationTokensPerSecond: z.number().nonnegative().nullable(),
  /** Client-side. */
  ttftMs: z.number().nonnegative().nullable(),
  loadMs: z.number().nonnegative().nullable(),
  /** The num_ctx the model was loaded and measured with: its deployment's, else the gateway default. Null for results stored without one. */
  numCtx: z.number().int().positive().nullable(),
  error: z.string().nullable(),
  /** One run with a prompt about as long as Claude Code's opening context (16k tokens, at most half of numCtx). Null when not run (skipped with `depth: false`, a group benchmark), or stored before it existed. */
  depth: z.object({
    targetTokens: z.number().int().positive(),
    /** As Ollama counted them; rates from its counters, null when it left them out. */
    promptTokens: z.number().int().nonnegative().nullable(),
    promptTokensPerSecond: z.number().nonnegative().nullable(),
    generationTokensPerSecond: z.number().nonnegative().nullable(),
    /** Client-side: mostly the time to read the long prompt. */
    ttftMs: z.number().nonnegative().nullable(),
  }).nullable(),
  /** Did the model call a Claude-Code-like tool (`Read`) when asked to? `error`: Ollama says it cannot call tools. Null when not run. */
  toolCall: z.object({
    verdict: z.enum(['pass', 'fail', 'error']),
    /** Why it did not pass; null on a pass. */
    reason: z.string().nullable(),
    tool: z.string(),
  }).nullable(),
  /** The deployments that answered a `gateway` benchmark, in the order first seen; empty otherwise. */
  deployments: z.array(z.string()),
});
export type BenchResult = z.infer<typeof benchResultSchema>;

/** GET /admin/local/bench, newest first. DELETE /admin/local/bench/:id → 204 (cancels if running). */
export const benchResultsResponseSchema = z.object({ results: z.array(benchResultSchema) });
export type BenchResultsResponse = z.infer<typeof benchResultsResponseSchema>;

/** POST /admin/local/models/:name/expose: add the model to the config as a deployment. */
export const exposeRequestSchema = z.object({
  /** Model group; defaults to the Ollama tag. */
  group: z.string().min(1).optional(),
  route: z.string().min(1).default('local'),
  contextLength: z.number().int().positive().optional(),
});
export type ExposeRequest = z.input<typeof exposeRequestSchema>;
export const exposeResponseSchema = z.object({ deployment: deploymentSchema });

// ---------------------------------------------------------------------------------------------
// Claude Code wiring: /admin/claude-code/*

/** GET /admin/claude-code/plan query. `reveal=true` puts the real gateway key in `env` and snippets, for copy buttons. */
export const claudeCodePlanQuerySchema = z.object({ reveal: queryBoolean.optional() });

export const shellSnippetSchema = z.object({
  shell: shellSchema,
  /** Sets the variables for the current session. */
  session: z.string(),
  /** Makes them stick (setx, [Environment]::SetEnvironmentVariable, an rc block). */
  persist: z.string(),
  /**
   * The profile file `persist` is for; null when it persists in the user environment instead
   * (cmd, and PowerShell on Windows, whose profile only PowerShell itself can locate).
   */
  rcFile: z.string().nullable(),
});
export type ShellSnippet = z.infer<typeof shellSnippetSchema>;

/** GET /admin/claude-code/plan: what apply would do. */
export const claudeCodePlanSchema = z.object({
  baseUrl: z.string(),
  settingsPath: z.string(),
  /** Masked gateway key unless `reveal=true`. */
  env: z.record(z.string(), z.string()),
  /** Changes to settings.json `env`; `from: null` adds, `to: null` removes. */
  changes: z.array(z.object({ key: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  snippets: z.array(shellSnippetSchema),
  applied: z.boolean(),
  canUndo: z.boolean(),
  /** The gateway's OS (Node's process.platform: win32, darwin, linux, ...), which decides the shells and their files. */
  platform: z.string(),
  /** The shells apply can write a profile block for on this OS (`rc`), the usual one first. */
  profileShells: z.array(profileShellSchema),
});
export type ClaudeCodePlan = z.infer<typeof claudeCodePlanSchema>;

/** POST /admin/claude-code/apply: writes settings.json (merged, backed up) and the chosen rc files. */
export const claudeCodeApplyRequestSchema = z.object({
  /** PowerShell on Windows: the profile of each installed edition whose execution policy runs it. */
  rc: z.array(profileShellSchema).optional(),
});
export type ClaudeCodeApplyRequest = z.infer<typeof claudeCodeApplyRequestSchema>;

/** A PowerShell edition on Windows whose profile apply left alone, because its execution policy would not run it. */
export const skippedProfileSchema = z.object({
  /** "PowerShell 7" or "Windows PowerShell 5.1". */
  edition: z.string(),
  path: z.string(),
  executionPolicy: z.string(),
  /** What to run so that the next apply writes this profile too. */
  fix: z.string(),
});
export type SkippedProfile = z.infer<typeof skippedProfileSchema>;

export const claudeCodeApplyResponseSchema = z.object({
  settingsPath: z.string(),
  backupPath: z.string().nullable(),
  filesWritten: z.array(z.string()),
  skippedProfiles: z.array(skippedProfileSchema),
});
export type ClaudeCodeApplyResponse = z.infer<typeof claudeCodeApplyResponseSchema>;

/** POST /admin/claude-code/undo: restores exactly what apply replaced. */
export const claudeCodeUndoResponseSchema = z.object({
  restored: z.boolean(),
  filesRestored: z.array(z.string()),
});
export type ClaudeCodeUndoResponse = z.infer<typeof claudeCodeUndoResponseSchema>;

export const doctorCheckSchema = z.object({
  id: z.string(),
  status: z.enum(['pass', 'warn', 'fail']),
  /** One line: what is wrong, or that it is fine. */
  message: z.string(),
  fix: z.string().nullable(),
});
export type DoctorCheck = z.infer<typeof doctorCheckSchema>;

/** GET /admin/claude-code/doctor */
export const doctorResponseSchema = z.object({ checks: z.array(doctorCheckSchema) });
export type DoctorResponse = z.infer<typeof doctorResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /admin/settings, PUT /admin/settings

export const providerKeySchema = z.object({
  /** Provider id: anthropic, openai, openrouter, deepseek, ... */
  name: z.string(),
  envVar: z.string(),
  /** Where the key came from; `keychain` = the desktop app's safeStorage. */
  source: z.enum(['env', 'config', 'keychain', 'none']),
  maskedKey: z.string().nullable(),
});
export type ProviderKey = z.infer<typeof providerKeySchema>;

/** GET /admin/settings */
export const settingsResponseSchema = z.object({
  host: z.string(),
  /** The port saved in the config; `--port` at start (or, in the desktop app, a taken port) can override it. */
  port: z.number().int(),
  /** The port the gateway is listening on right now. */
  listeningPort: z.number().int(),
  storeBodies: z.boolean(),
  dataDir: z.string(),
  configPath: z.string().nullable(),
  providers: z.array(providerKeySchema),
});
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;

/**
 * PUT /admin/settings: host/port changes apply on restart (`restartRequired`). Binding a
 * non-loopback host without a master_key is an error at `host`. Provider keys are not set here:
 * headless they come from the environment; the desktop app stores them with safeStorage.
 */
export const settingsUpdateRequestSchema = z.object({
  host: z.string().min(1).max(255).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  storeBodies: z.boolean().optional(),
});
export type SettingsUpdateRequest = z.infer<typeof settingsUpdateRequestSchema>;
export const settingsUpdateResponseSchema = z.object({
  settings: settingsResponseSchema,
  errors: z.array(configIssueSchema),
  restartRequired: z.boolean(),
});
export type SettingsUpdateResponse = z.infer<typeof settingsUpdateResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /admin/events (SSE)

export const requestStartEventSchema = z.object({
  type: z.literal('request.start'),
  id: z.string(),
  model: z.string(),
  group: z.string().nullable(),
  route: z.string().nullable(),
  deployment: z.string().nullable(),
  protocol: clientProtocolSchema,
  stream: z.boolean(),
  at: epochMs,
});
export type RequestStartEvent = z.infer<typeof requestStartEventSchema>;

export const requestFirstTokenEventSchema = z.object({ type: z.literal('request.first_token'), id: z.string(), at: epochMs });
export type RequestFirstTokenEvent = z.infer<typeof requestFirstTokenEventSchema>;

/** Cumulative output tokens so far; sent at most every 250 ms per request. */
export const requestProgressEventSchema = z.object({
  type: z.literal('request.progress'),
  id: z.string(),
  outputTokens: z.number().int().nonnegative(),
  at: epochMs,
});
export type RequestProgressEvent = z.infer<typeof requestProgressEventSchema>;

/** Carries the routing fields again so a client that connected mid-request still has a full row. */
export const requestEndEventSchema = logEntrySchema.omit({ at: true }).extend({
  type: z.literal('request.end'),
  /** Request start, so the row sorts with logs fetched over HTTP. */
  startedAt: epochMs,
  at: epochMs,
});
export type RequestEndEvent = z.infer<typeof requestEndEventSchema>;

export const routeChangedEventSchema = z.object({ type: z.literal('route.changed'), name: z.string(), enabled: z.boolean(), at: epochMs });
export type RouteChangedEvent = z.infer<typeof routeChangedEventSchema>;

export const benchProgressEventSchema = z.object({
  type: z.literal('bench.progress'),
  id: z.string(),
  /** As in the result: `gateway` when `model` is a model group measured through the gateway. */
  kind: benchKindSchema,
  model: z.string(),
  /** `depth` (the long-prompt run) and `tools` (the tool-call smoke test) follow the last `generate`. */
  phase: z.enum(['load', 'warmup', 'prompt', 'generate', 'depth', 'tools', 'done', 'error', 'cancelled']),
  run: z.number().int().nonnegative(),
  runs: z.number().int().positive(),
  /** During `depth`: the long prompt's size aimed at (16k, at most half of num_ctx); null in other phases. */
  depthTokens: z.number().int().positive().nullable(),
  /** Present when `phase` is `done`. */
  result: benchResultSchema.nullable(),
  at: epochMs,
});
export type BenchProgressEvent = z.infer<typeof benchProgressEventSchema>;

export const configReloadedEventSchema = z.object({
  type: z.literal('config.reloaded'),
  /** False when the new file was rejected and the old config stays in force. */
  applied: z.boolean(),
  errors: z.array(configIssueSchema),
  warnings: z.array(configIssueSchema),
  at: epochMs,
});
export type ConfigReloadedEvent = z.infer<typeof configReloadedEventSchema>;

/** First event on every connection: the requests already in flight, so counts are right after a reconnect. */
export const streamReadyEventSchema = z.object({
  type: z.literal('stream.ready'),
  inFlight: z.array(requestStartEventSchema),
  at: epochMs,
});
export type StreamReadyEvent = z.infer<typeof streamReadyEventSchema>;

/**
 * GET /admin/events: `text/event-stream`. Each frame is `event: <type>` plus `data: <JSON>` where
 * the JSON is one of these (its `type` repeats the event name), and a `: heartbeat` comment every
 * 15 s keeps proxies and the browser from timing out. Events are not replayed after a reconnect;
 * `stream.ready` and the HTTP endpoints restore state.
 */
export const adminEventSchema = z.discriminatedUnion('type', [
  streamReadyEventSchema,
  requestStartEventSchema,
  requestFirstTokenEventSchema,
  requestProgressEventSchema,
  requestEndEventSchema,
  routeChangedEventSchema,
  pullProgressEventSchema,
  benchProgressEventSchema,
  configReloadedEventSchema,
]);
export type AdminEvent = z.infer<typeof adminEventSchema>;
export type AdminEventType = AdminEvent['type'];

// ---------------------------------------------------------------------------------------------
// The endpoint table: one row per route, for the server's router and the README.

interface EndpointSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Absent for 204 answers, CSV and SSE. */
  response?: z.ZodType;
}

export const adminEndpoints = {
  sessionCreate: { method: 'POST', path: '/admin/session', body: sessionRequestSchema },
  sessionDelete: { method: 'DELETE', path: '/admin/session' },
  status: { method: 'GET', path: '/admin/status', response: statusResponseSchema },
  config: { method: 'GET', path: '/admin/config', response: configResponseSchema },
  configUpdate: { method: 'PUT', path: '/admin/config', body: configUpdateRequestSchema, response: configUpdateResponseSchema },
  routes: { method: 'GET', path: '/admin/routes', response: routesResponseSchema },
  routeToggle: { method: 'POST', path: '/admin/routes/:name', body: routeToggleRequestSchema, response: routeSchema },
  deployments: { method: 'GET', path: '/admin/deployments', response: deploymentsResponseSchema },
  models: { method: 'GET', path: '/admin/models', response: modelsResponseSchema },
  logs: { method: 'GET', path: '/admin/logs', query: logsQuerySchema, response: logsResponseSchema },
  logDetail: { method: 'GET', path: '/admin/logs/:id', response: logDetailSchema },
  spend: { method: 'GET', path: '/admin/spend', query: spendQuerySchema, response: spendResponseSchema },
  spendCsv: { method: 'GET', path: '/admin/spend.csv', query: spendQuerySchema },
  events: { method: 'GET', path: '/admin/events' },
  localStatus: { method: 'GET', path: '/admin/local/status', response: localStatusResponseSchema },
  localHardware: { method: 'GET', path: '/admin/local/hardware', response: hardwareResponseSchema },
  localModels: { method: 'GET', path: '/admin/local/models', response: localModelsResponseSchema },
  localPull: { method: 'POST', path: '/admin/local/pull', body: pullRequestSchema, response: pullStartedResponseSchema },
  localPullCancel: { method: 'DELETE', path: '/admin/local/pull/:model', response: pullCancelResponseSchema },
  localLoad: { method: 'POST', path: '/admin/local/models/:name/load', body: loadRequestSchema, response: loadResponseSchema },
  localUnload: { method: 'POST', path: '/admin/local/models/:name/unload', response: loadResponseSchema },
  localDelete: { method: 'DELETE', path: '/admin/local/models/:name' },
  localExpose: { method: 'POST', path: '/admin/local/models/:name/expose', body: exposeRequestSchema, response: exposeResponseSchema },
  localFit: { method: 'GET', path: '/admin/local/fit', query: fitQuerySchema, response: fitResponseSchema },
  localCatalog: { method: 'GET', path: '/admin/local/catalog', response: catalogResponseSchema },
  benchStart: { method: 'POST', path: '/admin/local/bench', body: benchRequestSchema, response: benchStartedResponseSchema },
  benchResults: { method: 'GET', path: '/admin/local/bench', response: benchResultsResponseSchema },
  benchDelete: { method: 'DELETE', path: '/admin/local/bench/:id' },
  claudeCodePlan: { method: 'GET', path: '/admin/claude-code/plan', query: claudeCodePlanQuerySchema, response: claudeCodePlanSchema },
  claudeCodeApply: { method: 'POST', path: '/admin/claude-code/apply', body: claudeCodeApplyRequestSchema, response: claudeCodeApplyResponseSchema },
  claudeCodeUndo: { method: 'POST', path: '/admin/claude-code/undo', response: claudeCodeUndoResponseSchema },
  claudeCodeDoctor: { method: 'GET', path: '/admin/claude-code/doctor', response: doctorResponseSchema },
  claudeCodeRules: { method: 'PUT', path: '/admin/claude-code/rules', body: claudeCodeRulesUpdateSchema, response: configUpdateResponseSchema },
  settings: { method: 'GET', path: '/admin/settings', response: settingsResponseSchema },
  settingsUpdate: { method: 'PUT', path: '/admin/settings', body: settingsUpdateRequestSchema, response: settingsUpdateResponseSchema },
} as const satisfies Record<string, EndpointSpec>;
export type AdminEndpointName = keyof typeof adminEndpoints;
