/**
 * A stand-in for the gateway's /ui and /admin, answering from fixtures typed by the admin
 * contract, with a synthetic SSE traffic generator. It lets the dashboard be rendered and
 * screenshotted without upstreams, and pins what the contract promises the renderer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type {
  AdminEvent, BenchProgressEvent, BenchRequest, BenchResultsResponse, CatalogResponse, ClaudeCodeApplyResponse, ClaudeCodePlan, DoctorResponse, HardwareResponse, LocalModelsResponse,
  LocalStatusResponse, LogDetail, LogEntry, ModelsResponse, RoutesResponse, SettingsResponse, SpendResponse, StatusResponse,
} from '../../gateway/admin/contract.ts';

const ADMIN_TOKEN = 'mock-admin-token-0123456789';
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
const MODELS = ['claude-sonnet-4-5', 'qwen3:8b', 'gpt-4.1-mini'] as const;
/** The error each failing status in the log carries, worded as the gateway words it. */
const ERRORS: Record<number, NonNullable<LogDetail['error']>> = {
  529: { type: 'provider_overloaded', message: 'Anthropic is overloaded (529) after 2 retries; no fallback configured for claude-sonnet-4-5.' },
  503: { type: 'provider_overloaded', message: 'Anthropic is overloaded (529) after 2 retries; no fallback configured for claude-sonnet-4-5.' },
  // A proxy that split an SSE line mid-frame: the "event" the gateway quotes is the tail of a thinking block's signature.
  502: { type: 'provider_bad_response', message: 'Upstream "anthropic-main" (anthropic) sent a stream event that is not valid JSON: 8ZzQe5mFh6b+T3Yx9kVq2pL0aWcUuN/4Jr7sE1tGfD0HnMiOpQrStUvWxYzAbCdEfGhIjEqQBCkYIBxgCIkBRhZ1PqjvY3o7Y4dXw8ZzQe5mFh6b+T3Yx9kVq2pL0aW' },
};
const DEPLOYMENTS = { 'claude-sonnet-4-5': ['anthropic', 'anthropic-main'], 'qwen3:8b': ['local', 'ollama-qwen3'], 'gpt-4.1-mini': ['openai', 'openai-mini'] } as const;

function day(offset: number): string {
  const date = new Date(Date.now() - offset * 86_400_000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export class MockAdminServer {
  readonly #server: Server;
  readonly #clients = new Set<ServerResponse>();
  readonly #routeEnabled: Record<string, boolean> = { anthropic: true, local: true, openai: true };
  readonly #logs: LogEntry[] = [];
  #sequence = 0;
  #session = 'gh_session=mock-session-0';
  #traffic: ReturnType<typeof setInterval> | undefined;
  url = '';
  /** The bodies of POST /admin/local/bench, oldest first; each started benchmark's id is `bench-<its index>`. */
  readonly benchRequests: BenchRequest[] = [];
  /** The OS the Setup page is told the gateway runs on; Windows adds PowerShell profiles and the cmd hint. */
  wiringPlatform: 'linux' | 'win32' = 'linux';

  constructor(private readonly uiDir: string) {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    for (let index = 0; index < 60; index += 1) this.#logs.push(this.#entry(Date.now() - index * 45_000, index % 11 === 3 ? 529 : index === 6 ? 502 : 200));
    // One tiny request (a title, say, which Claude Code asks for without streaming) on the cheap model: 16 tokens in, 7 out at $0.4 / $1.6 per million.
    const tiny = this.#logs.findIndex((entry) => entry.model === 'gpt-4.1-mini');
    const tinyEntry = this.#logs[tiny];
    if (tinyEntry !== undefined) this.#logs[tiny] = { ...tinyEntry, stream: false, inputTokens: 16, outputTokens: 7, cacheRead: 0, costUsd: 16 * 0.4e-6 + 7 * 1.6e-6 };
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  get dashboardUrl(): string {
    return `${this.url}/ui/#token=${ADMIN_TOKEN}`;
  }

  /** Emits synthetic traffic: `perSecond` requests, each streaming for ~1.5 s. */
  startTraffic(perSecond: number): void {
    this.#traffic = setInterval(() => this.#simulateRequest(), 1000 / perSecond);
  }

  /** What a gateway restart does to a dashboard: its session is unknown and its stream ends. */
  forgetSessions(): void {
    this.#session = `gh_session=mock-session-${Date.now()}`;
    for (const client of this.#clients) client.end();
  }

  /** Reports a step of a running benchmark as the gateway does; the mock runs none of its own. */
  benchProgress(progress: Omit<BenchProgressEvent, 'type' | 'at'>): void {
    this.#broadcast({ type: 'bench.progress', ...progress, at: Date.now() });
  }

  async close(): Promise<void> {
    clearInterval(this.#traffic);
    for (const client of this.#clients) client.end();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #entry(at: number, status: number): LogEntry {
    const model = MODELS[this.#sequence % MODELS.length] ?? 'qwen3:8b';
    const [route, deployment] = DEPLOYMENTS[model];
    this.#sequence += 1;
    const outputTokens = 200 + ((this.#sequence * 37) % 900);
    return {
      id: `req_${String(this.#sequence).padStart(6, '0')}`, at, model, group: model, route, deployment, protocol: 'anthropic', stream: true, status,
      errorType: ERRORS[status]?.type ?? null, inputTokens: 18_000 + this.#sequence * 13, outputTokens,
      cacheRead: 12_000, cacheWrite: 0, costUsd: route === 'local' ? 0 : outputTokens * 0.000015, latencyMs: 1400 + (this.#sequence % 7) * 210, ttftMs: 380,
    };
  }

  #broadcast(event: AdminEvent): void {
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const client of this.#clients) client.write(frame);
  }

  #simulateRequest(): void {
    const enabledModels = MODELS.filter((model) => this.#routeEnabled[DEPLOYMENTS[model][0]]);
    if (enabledModels.length === 0) return;
    const entry = this.#entry(Date.now(), this.#sequence % 29 === 0 ? 503 : 200);
    const model = enabledModels[this.#sequence % enabledModels.length] ?? entry.model;
    const [route, deployment] = DEPLOYMENTS[model];
    const request = { ...entry, model, group: model, route, deployment };
    this.#broadcast({ type: 'request.start', id: request.id, model, group: model, route, deployment, protocol: 'anthropic', stream: true, at: request.at });
    setTimeout(() => this.#broadcast({ type: 'request.first_token', id: request.id, at: Date.now() }), 300);
    for (const step of [1, 2, 3]) setTimeout(() => this.#broadcast({ type: 'request.progress', id: request.id, outputTokens: Math.round((request.outputTokens * step) / 4), at: Date.now() }), 300 + step * 300);
    setTimeout(() => {
      this.#logs.unshift(request);
      const { at, ...fields } = request;
      this.#broadcast({ ...fields, type: 'request.end', startedAt: at, at: Date.now() });
    }, 1500);
  }

  #simulatePull(model: string): void {
    const total = 5_200_000_000;
    let completed = 0;
    const timer = setInterval(() => {
      completed = Math.min(total, completed + 260_000_000);
      const done = completed >= total;
      this.#broadcast({ type: 'pull.progress', jobId: `pull-${model}`, model, status: done ? 'success' : 'downloading', completed, total, speed: 260_000_000, eta: (total - completed) / 260_000_000, done, error: null, at: Date.now() });
      if (done) clearInterval(timer);
    }, 250);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    if (url.pathname.startsWith('/ui')) return this.#serveUi(url, response);
    if (!url.pathname.startsWith('/admin/')) return this.#json(response, 404, { error: { type: 'caller_not_found', message: 'not found' } });
    let body: unknown = null;
    if (request.method === 'POST' || request.method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      body = chunks.length === 0 ? null : JSON.parse(Buffer.concat(chunks).toString('utf8'));
    }
    if (url.pathname === '/admin/session' && request.method === 'POST') {
      if ((body as { token?: string } | null)?.token !== ADMIN_TOKEN) return this.#json(response, 401, { error: { type: 'caller_unauthenticated', message: 'wrong admin token' } });
      response.writeHead(204, { 'set-cookie': `${this.#session}; HttpOnly; SameSite=Strict; Path=/` });
      return void response.end();
    }
    if (!(request.headers.cookie ?? '').includes(this.#session)) return this.#json(response, 401, { error: { type: 'caller_unauthenticated', message: 'no session' } });
    return this.#route(request.method ?? 'GET', url, body, response);
  }

  #serveUi(url: URL, response: ServerResponse): void {
    const relative = url.pathname.replace(/^\/ui\/?/, '') || 'index.html';
    const file = path.join(this.uiDir, relative);
    if (!file.startsWith(this.uiDir) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  }

  #json(response: ServerResponse, status: number, payload: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(payload));
  }

  #route(method: string, url: URL, body: unknown, response: ServerResponse): void {
    const key = `${method} ${url.pathname}`;
    const ok = (payload: unknown): void => this.#json(response, 200, payload);
    if (key === 'GET /admin/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(`event: stream.ready\ndata: ${JSON.stringify({ type: 'stream.ready', inFlight: [], at: Date.now() })}\n\n`);
      this.#clients.add(response);
      response.on('close', () => this.#clients.delete(response));
      return;
    }
    const toggle = /^POST \/admin\/routes\/([^/]+)$/.exec(key);
    if (toggle?.[1] !== undefined) {
      const name = decodeURIComponent(toggle[1]);
      this.#routeEnabled[name] = (body as { enabled: boolean }).enabled;
      this.#broadcast({ type: 'route.changed', name, enabled: this.#routeEnabled[name] ?? false, at: Date.now() });
      return ok(this.#routes().routes.find((route) => route.name === name));
    }
    if (key === 'POST /admin/local/pull') {
      const model = (body as { model: string }).model;
      this.#simulatePull(model);
      return this.#json(response, 202, { jobId: `pull-${model}`, model });
    }
    if (key === 'POST /admin/local/bench') {
      this.benchRequests.push(body as BenchRequest);
      return this.#json(response, 202, { id: `bench-${this.benchRequests.length - 1}` });
    }
    const detail = /^GET \/admin\/logs\/(.+)$/.exec(key);
    if (detail?.[1] !== undefined) {
      const entry = this.#logs.find((log) => log.id === detail[1]) ?? this.#logs[0];
      if (entry === undefined) return this.#json(response, 404, { error: { type: 'caller_not_found', message: 'no such request' } });
      const logDetail: LogDetail = {
        ...entry, upstreamProtocol: entry.route === 'local' ? 'ollama' : 'anthropic', timings: { queuedMs: 2, ttftMs: entry.ttftMs, totalMs: entry.latencyMs },
        attempts: entry.status >= 400 ? [{ deployment: 'anthropic-main', status: entry.status, errorType: entry.errorType, latencyMs: 220 }, { deployment: 'anthropic-main', status: entry.status, errorType: entry.errorType, latencyMs: 240 }] : [{ deployment: entry.deployment ?? '', status: 200, errorType: null, latencyMs: entry.latencyMs }],
        error: ERRORS[entry.status] ?? null,
        requestBody: null, responseBody: null,
      };
      return ok(logDetail);
    }
    const fixtures: Record<string, () => unknown> = {
      'GET /admin/status': () => this.#status(),
      'GET /admin/routes': () => this.#routes(),
      'GET /admin/models': () => this.#models(),
      'GET /admin/logs': () => ({ items: this.#logs.slice(0, 200), nextCursor: null }),
      'GET /admin/spend': () => this.#spend(url.searchParams.get('groupBy') ?? 'day'),
      'GET /admin/local/status': (): LocalStatusResponse => ({ state: 'running', version: '0.12.3', host: 'http://127.0.0.1:11434', binaryPath: '/usr/local/bin/ollama', managed: true, message: null, pulls: [] }),
      'GET /admin/local/hardware': (): HardwareResponse => ({ os: 'linux', arch: 'x64', cpu: { model: 'AMD Ryzen 9 7950X', cores: 16, threads: 32 }, ramBytes: 68_719_476_736, gpus: [{ vendor: 'NVIDIA', model: 'GeForce RTX 4090', vramBytes: 25_769_803_776, backend: 'cuda' }], unifiedMemory: false, usableGpuBytes: 24_000_000_000 }),
      'GET /admin/local/models': (): LocalModelsResponse => ({ models: [] }),
      'GET /admin/local/catalog': (): CatalogResponse => ({ models: [
        { name: 'qwen3:14b', description: 'Strong general model with thinking', parameterSize: '14B', sizeBytes: 9_300_000_000, contextLength: 40_960, fit: 'gpu', installed: false },
        { name: 'gpt-oss:20b', description: 'OpenAI open-weight reasoning model', parameterSize: '20B', sizeBytes: 13_800_000_000, contextLength: 131_072, fit: 'gpu', installed: false },
        { name: 'qwen3-coder:30b', description: 'Coding MoE, 3B active', parameterSize: '30B', sizeBytes: 19_000_000_000, contextLength: 262_144, fit: 'partial', installed: false },
        { name: 'llama3.3:70b', description: 'Large dense model', parameterSize: '70B', sizeBytes: 43_000_000_000, contextLength: 131_072, fit: 'cpu', installed: false },
      ] }),
      'GET /admin/local/bench': (): BenchResultsResponse => ({ results: [
        { id: 'b1', kind: 'ollama', model: 'qwen3:8b', at: Date.now() - 3_600_000, status: 'done', runs: 3, promptTokensPerSecond: 4120, generationTokensPerSecond: 128.4, ttftMs: 95, loadMs: 1800, numCtx: 32768, error: null,
          depth: { targetTokens: 16384, promptTokens: 16502, promptTokensPerSecond: 2710, generationTokensPerSecond: 97.5, ttftMs: 6_240 }, toolCall: { verdict: 'pass', reason: null, tool: 'Read' }, deployments: [] },
        { id: 'b2', kind: 'ollama', model: 'gemma3:4b', at: Date.now() - 7_200_000, status: 'done', runs: 3, promptTokensPerSecond: 6900, generationTokensPerSecond: 187.2, ttftMs: 61, loadMs: 1100, numCtx: 32768, error: null,
          depth: { targetTokens: 16384, promptTokens: 16496, promptTokensPerSecond: 4980, generationTokensPerSecond: 150.3, ttftMs: 3_410 },
          toolCall: { verdict: 'fail', reason: 'answered in text instead of calling Read: "To find the TypeScript version, open package.json and look under devDependencies."', tool: 'Read' }, deployments: [] },
        // A model group measured through the gateway: no load, no context, no depth run or tool check.
        { id: 'b3', kind: 'gateway', model: 'claude-sonnet-4-5', at: Date.now() - 10_800_000, status: 'done', runs: 3, promptTokensPerSecond: null, generationTokensPerSecond: 71.6, ttftMs: 840, loadMs: null, numCtx: null, error: null,
          depth: null, toolCall: null, deployments: ['anthropic-main'] },
      ] }),
      'GET /admin/claude-code/plan': () => this.#plan(url.searchParams.get('reveal') === 'true'),
      'POST /admin/claude-code/apply': (): ClaudeCodeApplyResponse => ({
        settingsPath: '/home/dev/.claude/settings.json', backupPath: '/home/dev/.claude/settings.json.gatehouse-backup', filesWritten: ['/home/dev/.claude/settings.json'],
        // Windows PowerShell 5.1 ships Restricted on Windows clients: the profile a user of both editions most often finds skipped.
        skippedProfiles: (body as { rc?: string[] } | null)?.rc?.includes('powershell') === true
          ? [{ edition: 'Windows PowerShell 5.1', path: 'C:\\Users\\dev\\Documents\\WindowsPowerShell\\Microsoft.PowerShell_profile.ps1', executionPolicy: 'Restricted', fix: 'Run `Set-ExecutionPolicy -Scope CurrentUser RemoteSigned` in Windows PowerShell 5.1, then apply again' }]
          : [],
      }),
      'POST /admin/claude-code/undo': () => ({ restored: true, filesRestored: ['/home/dev/.claude/settings.json'] }),
      'GET /admin/claude-code/doctor': (): DoctorResponse => ({ checks: [
        { id: 'claude-installed', status: 'pass', message: 'Claude Code 2.1.4 found at /usr/local/bin/claude', fix: null },
        { id: 'settings-env', status: 'pass', message: 'settings.json points ANTHROPIC_BASE_URL at this gateway', fix: null },
        { id: 'shell-override', status: 'warn', message: 'ANTHROPIC_API_KEY is set in this shell and overrides the gateway key', fix: 'unset ANTHROPIC_API_KEY' },
        { id: 'round-trip', status: 'pass', message: 'A test request through the gateway answered in 412 ms', fix: null },
      ] }),
      'GET /admin/settings': (): SettingsResponse => ({ host: '127.0.0.1', port: 4747, listeningPort: 4747, storeBodies: false, dataDir: '/home/dev/.config/Gatehouse', configPath: '/home/dev/.config/Gatehouse/config.yaml', providers: [
        { name: 'anthropic', envVar: 'ANTHROPIC_API_KEY', source: 'env', maskedKey: 'sk-ant-…x9Qa' },
        { name: 'openai', envVar: 'OPENAI_API_KEY', source: 'keychain', maskedKey: 'sk-…41bd' },
        { name: 'openrouter', envVar: 'OPENROUTER_API_KEY', source: 'none', maskedKey: null },
      ] }),
      'GET /admin/config': () => ({ path: '/home/dev/.config/Gatehouse/config.yaml', yaml: 'model_list:\n  - model_name: claude-sonnet-4-5\n    litellm_params: { model: anthropic/claude-sonnet-4-5, api_key: "********" }\n' }),
      // What the gateway answers when the YAML names a key whose environment variable is not set.
      'PUT /admin/config': () => ({ saved: false, errors: [{ path: 'model_list[0].litellm_params.api_key', message: 'environment variable ANTHROPIC_API_KEY is not set (the config says os.environ/ANTHROPIC_API_KEY)' }], warnings: [], problems: [] }),
      'PUT /admin/claude-code/rules': () => ({ saved: false, errors: [{ path: 'gatehouse.claude_code.think', message: 'no model group named "nope"' }], warnings: [], problems: [] }),
    };
    const fixture = fixtures[key];
    if (fixture === undefined) return this.#json(response, 404, { error: { type: 'caller_not_found', message: `${key} is not mocked` } });
    ok(fixture());
  }

  #status(): StatusResponse {
    return {
      version: '0.1.0', startedAt: Date.now() - 5_400_000, uptimeSeconds: 5400, url: 'http://127.0.0.1:4747', host: '127.0.0.1', port: 4747,
      configPath: '/home/dev/.config/Gatehouse/config.yaml', configErrors: [], configWarnings: [{ path: 'litellm_settings.success_callback', message: 'unknown key, ignored' }],
      configProblems: [],
      store: { ok: true, queued: 0, message: null }, ollama: { state: 'running', version: '0.12.3', host: 'http://127.0.0.1:11434', loadedModels: 1 },
      inFlight: 0, lastHour: { requests: 412, errors: 3 }, storeBodies: false,
    };
  }

  #routes(): RoutesResponse {
    const budget = (name: string, limitUsd: number, spentUsd: number) => ({ scope: 'route' as const, name, limitUsd, spentUsd, leftUsd: limitUsd - spentUsd, duration: 'month', resetsAt: Date.now() + 12 * 86_400_000 });
    return {
      routes: [
        { name: 'anthropic', enabled: this.#routeEnabled.anthropic ?? true, free: false, description: 'Claude via api.anthropic.com', deployments: ['anthropic-main'], budget: budget('anthropic', 100, 41.2) },
        { name: 'local', enabled: this.#routeEnabled.local ?? true, free: true, description: 'Ollama on this machine', deployments: ['ollama-qwen3'], budget: null },
        { name: 'openai', enabled: this.#routeEnabled.openai ?? true, free: false, description: null, deployments: ['openai-mini'], budget: null },
      ],
      claudeCode: { background: 'qwen3:8b', think: 'claude-sonnet-4-5', longContext: null, longContextThreshold: 60_000, webSearch: null, default: 'claude-sonnet-4-5' },
      groups: [...MODELS],
    };
  }

  #models(): ModelsResponse {
    const price = (inputPerMillion: number, outputPerMillion: number) => ({ inputPerMillion, outputPerMillion, cacheReadPerMillion: null, cacheWritePerMillion: null, perWebSearch: null });
    return { models: [
      { id: 'anthropic-main', source: 'cloud', name: 'anthropic/claude-sonnet-4-5', group: 'claude-sonnet-4-5', route: 'anthropic', health: 'healthy', cooldownUntil: null, contextWindow: 200_000, price: price(3, 15), sizeBytes: null, loaded: false, fit: null },
      { id: 'openai-mini', source: 'cloud', name: 'openai/gpt-4.1-mini', group: 'gpt-4.1-mini', route: 'openai', health: 'cooling_down', cooldownUntil: Date.now() + 25_000, contextWindow: 1_047_576, price: price(0.4, 1.6), sizeBytes: null, loaded: false, fit: null },
      { id: 'qwen3:8b', source: 'local', name: 'qwen3:8b', group: 'qwen3:8b', route: 'local', health: 'healthy', cooldownUntil: null, contextWindow: 40_960, price: price(0, 0), sizeBytes: 5_200_000_000, loaded: true, fit: 'gpu' },
      { id: 'gemma3:4b', source: 'local', name: 'gemma3:4b', group: null, route: null, health: null, cooldownUntil: null, contextWindow: 131_072, price: price(0, 0), sizeBytes: 3_300_000_000, loaded: false, fit: 'gpu' },
    ] };
  }

  #spend(groupBy: string): SpendResponse {
    const rows = groupBy === 'day'
      ? Array.from({ length: 30 }, (_, index) => ({ key: day(29 - index), costUsd: Math.round((2 + Math.sin(index / 3) * 1.6 + (index % 7 === 5 ? 3 : 0)) * 100) / 100, requests: 300 + index * 7, inputTokens: 4_000_000, outputTokens: 210_000 }))
      : groupBy === 'model'
        ? [{ key: 'claude-sonnet-4-5', costUsd: 61.3, requests: 4100, inputTokens: 0, outputTokens: 0 }, { key: 'gpt-4.1-mini', costUsd: 8.9, requests: 2200, inputTokens: 0, outputTokens: 0 }, { key: 'qwen3:8b', costUsd: 0, requests: 5200, inputTokens: 0, outputTokens: 0 }]
        : [{ key: 'anthropic', costUsd: 61.3, requests: 4100, inputTokens: 0, outputTokens: 0 }, { key: 'openai', costUsd: 8.9, requests: 2200, inputTokens: 0, outputTokens: 0 }, { key: 'local', costUsd: 0, requests: 5200, inputTokens: 0, outputTokens: 0 }];
    return {
      from: day(29), to: day(0), groupBy: groupBy as SpendResponse['groupBy'], rows, today: { costUsd: 2.41, requests: 412 }, month: { costUsd: 70.2, requests: 11_500 },
      budgets: [{ scope: 'global', name: 'global', limitUsd: 150, spentUsd: 70.2, leftUsd: 79.8, duration: 'month', resetsAt: Date.now() + 12 * 86_400_000 }, { scope: 'route', name: 'anthropic', limitUsd: 100, spentUsd: 87.5, leftUsd: 12.5, duration: 'month', resetsAt: Date.now() + 12 * 86_400_000 }],
    };
  }

  #plan(reveal: boolean): ClaudeCodePlan {
    const key = reveal ? 'gh-live-key-1234567890abcd' : 'gh-…abcd';
    const env = { ANTHROPIC_BASE_URL: 'http://127.0.0.1:4747', ANTHROPIC_AUTH_TOKEN: key, ANTHROPIC_API_KEY: '' };
    return {
      baseUrl: 'http://127.0.0.1:4747', settingsPath: '/home/dev/.claude/settings.json', env,
      changes: [{ key: 'ANTHROPIC_BASE_URL', from: null, to: env.ANTHROPIC_BASE_URL }, { key: 'ANTHROPIC_AUTH_TOKEN', from: null, to: 'gh-…abcd' }, { key: 'ANTHROPIC_API_KEY', from: 'sk-ant-…x9Qa', to: '' }],
      snippets: [
        { shell: 'powershell', session: `$env:ANTHROPIC_BASE_URL = 'http://127.0.0.1:4747'\n$env:ANTHROPIC_AUTH_TOKEN = '${key}'\n$env:ANTHROPIC_API_KEY = ''`, persist: `[Environment]::SetEnvironmentVariable('ANTHROPIC_BASE_URL', 'http://127.0.0.1:4747', 'User')\n[Environment]::SetEnvironmentVariable('ANTHROPIC_AUTH_TOKEN', '${key}', 'User')`, rcFile: null },
        { shell: 'cmd', session: `set ANTHROPIC_BASE_URL=http://127.0.0.1:4747\nset ANTHROPIC_AUTH_TOKEN=${key}\nset ANTHROPIC_API_KEY=`, persist: `setx ANTHROPIC_BASE_URL http://127.0.0.1:4747\nsetx ANTHROPIC_AUTH_TOKEN ${key}`, rcFile: null },
        { shell: 'bash', session: `export ANTHROPIC_BASE_URL='http://127.0.0.1:4747'\nexport ANTHROPIC_AUTH_TOKEN='${key}'\nexport ANTHROPIC_API_KEY=''`, persist: `# >>> gatehouse >>>\n# Claude Code through Gatehouse. Written by \`configure-claude --rc\`; \`configure-claude --undo\` removes it.\nexport ANTHROPIC_BASE_URL='http://127.0.0.1:4747'\nexport ANTHROPIC_AUTH_TOKEN='${key}'\n# <<< gatehouse <<<`, rcFile: '~/.bashrc' },
        { shell: 'zsh', session: `export ANTHROPIC_BASE_URL='http://127.0.0.1:4747'\nexport ANTHROPIC_AUTH_TOKEN='${key}'`, persist: `# >>> gatehouse >>>\nexport ANTHROPIC_BASE_URL='http://127.0.0.1:4747'\n# <<< gatehouse <<<`, rcFile: '~/.zshrc' },
        { shell: 'fish', session: `set -gx ANTHROPIC_BASE_URL 'http://127.0.0.1:4747'\nset -gx ANTHROPIC_AUTH_TOKEN '${key}'`, persist: `set -Ux ANTHROPIC_BASE_URL 'http://127.0.0.1:4747'`, rcFile: '~/.config/fish/conf.d/gatehouse.fish' },
      ],
      applied: false, canUndo: false, platform: this.wiringPlatform,
      profileShells: this.wiringPlatform === 'win32' ? ['powershell', 'bash', 'zsh', 'fish'] : ['bash', 'zsh', 'fish'],
    };
  }
}
