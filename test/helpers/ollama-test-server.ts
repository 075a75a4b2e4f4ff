/**
 * An in-test Ollama: a real HTTP server on 127.0.0.1 that answers the native API the way
 * Ollama documents it (docs/api.md; reference/desktop.md §1), with models, loading, pulling and
 * chat replies scripted by the test. Durations are nanoseconds, streams are NDJSON, failures
 * mid-stream are `{"error"}` lines under HTTP 200, and metric fields can be left out as Ollama
 * does (`omitempty`).
 *
 * ```ts
 * const ollama = await startOllamaTestServer({ models: [createTestModel('qwen3:8b')] });
 * after(() => ollama.close());
 * ollama.scriptChat({ thinking: 'Let me run it.', toolCalls: [{ name: 'Bash', arguments: { command: 'ls' } }] });
 * ollama.scriptChat({ content: 'Done.', omitMetrics: ['prompt_eval_count'] });
 * // POST ollama.url + '/api/chat' ... ; then inspect ollama.requests
 * ```
 *
 * Also used by `fake-ollama-bin/ollama serve`, so it imports nothing from the gateway.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One installed (or pullable) model and the facts /api/tags, /api/ps and /api/show report about it. */
export interface OllamaTestModel {
  /** Full name with tag, such as `qwen3:8b`. A bare name means `:latest`. */
  name: string;
  family: string;
  /** GGUF architecture, the prefix of the model_info keys (`qwen3.block_count`). */
  architecture: string;
  parameterSize: string;
  parameterCount: number;
  quantizationLevel: string;
  sizeBytes: number;
  digest: string;
  blockCount: number;
  headCount: number;
  headCountKv: number;
  embeddingLength: number;
  contextLength: number;
  /** As /api/show reports them: `completion`, `tools`, `thinking`, `vision`, `embedding`. */
  capabilities: string[];
  modifiedAt: string;
}

/** A tool call the scripted model makes; Ollama sends it whole, with object arguments. */
export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Leave out to imitate Ollama versions that send no id. */
  id?: string;
}

/** The metric fields of a final chunk, any of which a reply can leave out. */
export type OllamaMetricField = 'total_duration' | 'load_duration' | 'prompt_eval_count' | 'prompt_eval_duration' | 'eval_count' | 'eval_duration';

/** What the model "says" for one /api/chat or /api/generate call. Every field is optional. */
export interface ScriptedReply {
  /** Streamed word by word before the content, in `message.thinking`. */
  thinking?: string;
  /** Streamed word by word in `message.content` (`response` for /api/generate). */
  content?: string;
  /** Sent whole in one chunk after the content. */
  toolCalls?: ScriptedToolCall[];
  /** Defaults to `stop`. Ollama says `stop` even after tool calls. */
  doneReason?: string;
  /** Defaults to an estimate of the request size in tokens. */
  promptEvalCount?: number;
  /** When set, the final chunk also carries `prompt_eval_cached_count`. */
  promptEvalCachedCount?: number;
  /** Defaults to the number of streamed pieces. */
  evalCount?: number;
  /** `true` leaves out every metric field; a list leaves out those. */
  omitMetrics?: true | OllamaMetricField[];
  /** After this many chunks, send `{"error": errorMessage}` and end (HTTP stays 200). */
  errorAfterChunks?: number;
  errorMessage?: string;
  /** After this many chunks, drop the connection without a final chunk. */
  destroyAfterChunks?: number;
  /** After this many chunks, end the body cleanly without the final `done` chunk (an answer cut short in between). */
  endAfterChunks?: number;
  /** Answer with this status and `{"error": httpError}` instead of a reply, before any body. */
  httpStatus?: number;
  httpError?: string;
  /** Wait before sending headers (first-byte timeouts). */
  headersDelayMs?: number;
  /** Wait between chunks (idle timeouts, live tokens/s). */
  chunkDelayMs?: number;
}

/** How /api/pull behaves; change it with `setPullBehaviour`. */
export interface PullBehaviour {
  /** Progress lines per layer after the first one without `completed`. */
  stepsPerLayer: number;
  /** Wait between progress lines, so a UI can show them. */
  stepDelayMs: number;
  /** After this many lines, send `{"error": errorMessage}` instead of the rest. */
  failAfterLines?: number;
  errorMessage: string;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body was JSON, the raw text otherwise, undefined when empty. */
  body: unknown;
}

export interface OllamaTestServerOptions {
  /** Installed models; defaults to `qwen3:8b`. */
  models?: OllamaTestModel[];
  /** What /api/pull can fetch; by default any name, made with `createTestModel`. */
  registry?: OllamaTestModel[];
  /** Reported by /api/version; defaults to a release without the /v1/messages endpoint. */
  version?: string;
  /** The reply used when no scripted reply is queued. */
  defaultReply?: ScriptedReply;
  pull?: Partial<PullBehaviour>;
  /** Defaults to 127.0.0.1 and an ephemeral port. */
  host?: string;
  port?: number;
}

export interface OllamaTestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Replaces the installed models. */
  setModels(models: OllamaTestModel[]): void;
  /** The installed models, as /api/tags lists them. */
  models(): OllamaTestModel[];
  /** Names of the models currently loaded, as /api/ps lists them. */
  loadedModels(): string[];
  /** Queues replies for the next /api/chat or /api/generate calls, first in first out. */
  scriptChat(...replies: ScriptedReply[]): void;
  setPullBehaviour(behaviour: Partial<PullBehaviour>): void;
  setVersion(version: string): void;
  /** Stops listening and drops open connections, streams included. */
  close(): Promise<void>;
}

/** Ollama 0.14.0 added /v1/messages; an older version makes the gateway translate to /api/chat. */
const DEFAULT_VERSION = '0.13.5';
const CAPABILITIES_IN_SHOW_SINCE = '0.6.4';
const DEFAULT_KEEP_ALIVE_SECONDS = 300;
const DEFAULT_NUM_CTX = 4096;
const NANOSECONDS_PER_MILLISECOND = 1_000_000;

function hexDigest(seed: string): string {
  let hash = 2166136261;
  let hex = '';
  for (let round = 0; hex.length < 64; round += 1) {
    for (const character of `${seed}#${round}`) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
    hex += hash.toString(16).padStart(8, '0');
  }
  return hex.slice(0, 64);
}

export function normalizeModelName(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (text: string) => text.split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
  const [have, want] = [parts(version), parts(minimum)];
  for (let index = 0; index < 3; index += 1) if ((have[index] ?? 0) !== (want[index] ?? 0)) return (have[index] ?? 0) > (want[index] ?? 0);
  return true;
}

/** How Ollama names a model in errors: `registry.ollama.ai/library/qwen3:8b`, `registry.ollama.ai/user/model:tag`. */
function qualifiedName(name: string): string {
  return `registry.ollama.ai/${name.includes('/') ? name : `library/${name}`}`;
}

/**
 * A model with plausible facts derived from its name (`qwen3:8b` → family qwen3, 8B
 * parameters, Q4_K_M, about 5 GB); pass overrides for what a test cares about.
 */
export function createTestModel(name: string, overrides: Partial<OllamaTestModel> = {}): OllamaTestModel {
  const fullName = normalizeModelName(overrides.name ?? name);
  const [base = fullName, tag = 'latest'] = fullName.split(':');
  const family = base.replace(/[^a-z0-9]+$/i, '');
  const billions = Number.parseFloat(/^(\d+(?:\.\d+)?)b/i.exec(tag)?.[1] ?? '8');
  const parameterCount = Math.round(billions * 1e9);
  return {
    name: fullName,
    family,
    architecture: family,
    parameterSize: `${billions}B`,
    parameterCount,
    quantizationLevel: 'Q4_K_M',
    sizeBytes: Math.round(parameterCount * 0.61),
    digest: hexDigest(fullName),
    blockCount: 36,
    headCount: 32,
    headCountKv: 8,
    embeddingLength: 4096,
    contextLength: 40960,
    capabilities: ['completion', 'tools', 'thinking'],
    modifiedAt: '2025-06-01T10:00:00.000000000Z',
    ...overrides,
  };
}

function modelDetails(model: OllamaTestModel) {
  return { parent_model: '', format: 'gguf', family: model.family, families: [model.family], parameter_size: model.parameterSize, quantization_level: model.quantizationLevel };
}

/** `5m`, `30s`, `1h`, `-1`, a number of seconds, or 0; see Ollama's docs/faq.mdx. */
function keepAliveSeconds(keepAlive: unknown): number {
  if (typeof keepAlive === 'number') return keepAlive;
  if (typeof keepAlive !== 'string' || keepAlive === '') return DEFAULT_KEEP_ALIVE_SECONDS;
  const match = /^(-?\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(keepAlive.trim());
  if (!match) return DEFAULT_KEEP_ALIVE_SECONDS;
  const unitSeconds = { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] ?? 's'] ?? 1;
  return Number(match[1]) * unitSeconds;
}

/** Ollama's allowedHostsMiddleware: a loopback-bound server refuses foreign Host headers with 403. */
function isAllowedHost(hostHeader: string | undefined): boolean {
  if (hostHeader === undefined || hostHeader === '') return true;
  const hostname = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  if (hostname === 'localhost' || hostname === '::1' || /\.(localhost|local|internal)$/.test(hostname)) return true;
  return /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(hostname);
}

/** Words with their trailing space, as a tokenizer-ish stream of pieces. */
function splitIntoPieces(text: string | undefined): string[] {
  return text ? (text.match(/\S+\s*|\s+/g) ?? []) : [];
}

interface ChunkPlan {
  /** Streamed chunks before the final one, as `message` (chat) or `response` fields (generate). */
  pieces: { thinking?: string; content?: string; tool_calls?: unknown[] }[];
  metrics: Record<string, number>;
}

function planReply(reply: ScriptedReply, requestBody: unknown, wasLoaded: boolean): ChunkPlan {
  const pieces: ChunkPlan['pieces'] = [
    ...splitIntoPieces(reply.thinking).map((thinking) => ({ thinking })),
    ...splitIntoPieces(reply.content).map((content) => ({ content })),
  ];
  if (reply.toolCalls && reply.toolCalls.length > 0) {
    pieces.push({
      tool_calls: reply.toolCalls.map((call, index) => ({ ...(call.id === undefined ? {} : { id: call.id }), function: { index, name: call.name, arguments: call.arguments } })),
    });
  }
  const promptEvalCount = reply.promptEvalCount ?? Math.max(1, Math.ceil(JSON.stringify(requestBody ?? '').length / 4));
  const evalCount = reply.evalCount ?? pieces.length;
  const loadDuration = wasLoaded ? 2_100_000 : 1_480_000_000;
  const promptEvalDuration = promptEvalCount * 250_000;
  const evalDuration = evalCount * 20 * NANOSECONDS_PER_MILLISECOND;
  const metrics: Record<string, number> = {
    total_duration: loadDuration + promptEvalDuration + evalDuration + 3_000_000,
    load_duration: loadDuration,
    prompt_eval_count: promptEvalCount,
    prompt_eval_duration: promptEvalDuration,
    eval_count: evalCount,
    eval_duration: evalDuration,
  };
  if (reply.promptEvalCachedCount !== undefined) metrics.prompt_eval_cached_count = reply.promptEvalCachedCount;
  const omitted = reply.omitMetrics === true ? Object.keys(metrics) : (reply.omitMetrics ?? []);
  for (const field of omitted) delete metrics[field];
  return { pieces, metrics };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(value));
}

function startNdjson(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
}

function writeLine(response: ServerResponse, value: unknown): void {
  response.write(`${JSON.stringify(value)}\n`);
}

interface LoadedModel {
  expiresAt: number;
  contextLength: number;
}

/** Starts the server; resolves once it listens. Close it in `after`. */
export async function startOllamaTestServer(options: OllamaTestServerOptions = {}): Promise<OllamaTestServer> {
  let installed = new Map((options.models ?? [createTestModel('qwen3:8b')]).map((model) => [model.name, model]));
  const registry = options.registry && new Map(options.registry.map((model) => [model.name, model]));
  const loaded = new Map<string, LoadedModel>();
  const replies: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  let version = options.version ?? DEFAULT_VERSION;
  let pullBehaviour: PullBehaviour = { stepsPerLayer: 4, stepDelayMs: 0, errorMessage: 'max retries exceeded: unexpected EOF', ...options.pull };
  let closed = false;

  function pruneExpired(): void {
    const now = Date.now();
    for (const [name, model] of loaded) if (model.expiresAt <= now) loaded.delete(name);
  }

  function findInstalled(name: unknown): OllamaTestModel | undefined {
    return typeof name === 'string' ? installed.get(normalizeModelName(name)) : undefined;
  }

  /** Marks the model loaded (or unloads it for keep_alive 0) and says whether it was loaded before. */
  function touchModel(model: OllamaTestModel, body: Record<string, unknown>): boolean {
    pruneExpired();
    const wasLoaded = loaded.has(model.name);
    const seconds = keepAliveSeconds(body.keep_alive);
    if (seconds === 0) {
      loaded.delete(model.name);
      return wasLoaded;
    }
    const requestOptions = (body.options ?? {}) as Record<string, unknown>;
    const contextLength = typeof requestOptions.num_ctx === 'number' ? requestOptions.num_ctx : (loaded.get(model.name)?.contextLength ?? DEFAULT_NUM_CTX);
    loaded.set(model.name, { expiresAt: seconds < 0 ? Number.MAX_SAFE_INTEGER : Date.now() + seconds * 1000, contextLength });
    return wasLoaded;
  }

  async function pace(milliseconds: number | undefined): Promise<void> {
    if (milliseconds !== undefined && milliseconds > 0 && !closed) await sleep(milliseconds);
  }

  async function answerCompletion(response: ServerResponse, body: Record<string, unknown>, kind: 'chat' | 'generate'): Promise<void> {
    const model = findInstalled(body.model ?? body.name);
    if (!model) return sendJson(response, 404, { error: `model "${String(body.model)}" not found, try pulling it first` });
    const createdAt = () => new Date().toISOString();
    const emptyPrompt = kind === 'chat' ? !Array.isArray(body.messages) || body.messages.length === 0 : typeof body.prompt !== 'string' || body.prompt === '';
    if (emptyPrompt) {
      touchModel(model, body);
      const doneReason = keepAliveSeconds(body.keep_alive) === 0 ? 'unload' : 'load';
      const output = kind === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' };
      return sendJson(response, 200, { model: model.name, created_at: createdAt(), ...output, done_reason: doneReason, done: true });
    }

    // Ollama refuses `think` (true or a level) for a model without the thinking capability; `false` is accepted (server/routes.go).
    if (body.think !== undefined && body.think !== false && !model.capabilities.includes('thinking')) {
      return sendJson(response, 400, { error: `"${String(body.model)}" does not support thinking` });
    }
    // Tools need the tools capability, checked before loading; the error names the model fully qualified (server/sched.go, routes.go).
    if (Array.isArray(body.tools) && body.tools.length > 0 && !model.capabilities.includes('tools')) {
      return sendJson(response, 400, { error: `${qualifiedName(model.name)} does not support tools` });
    }
    const reply = replies.shift() ?? options.defaultReply ?? { content: 'Hello from the test Ollama.' };
    await pace(reply.headersDelayMs);
    if (reply.httpStatus !== undefined) return sendJson(response, reply.httpStatus, { error: reply.httpError ?? 'scripted failure' });
    const wasLoaded = touchModel(model, body);
    const plan = planReply(reply, kind === 'chat' ? body.messages : body.prompt, wasLoaded);
    const toChunk = (piece: ChunkPlan['pieces'][number]) =>
      kind === 'chat'
        ? { message: { role: 'assistant', content: piece.content ?? '', ...(piece.thinking ? { thinking: piece.thinking } : {}), ...(piece.tool_calls ? { tool_calls: piece.tool_calls } : {}) } }
        : { response: piece.content ?? '', ...(piece.thinking ? { thinking: piece.thinking } : {}) };
    const finalFields = { done: true, done_reason: reply.doneReason ?? 'stop', ...plan.metrics };
    const errorMessage = reply.errorMessage ?? 'an error was encountered while running the model: unexpected EOF';

    if (body.stream === false) {
      if (reply.errorAfterChunks !== undefined) return sendJson(response, 500, { error: errorMessage });
      const whole = {
        content: plan.pieces.map((piece) => piece.content ?? '').join(''),
        thinking: plan.pieces.map((piece) => piece.thinking ?? '').join('') || undefined,
        tool_calls: plan.pieces.find((piece) => piece.tool_calls)?.tool_calls,
      };
      return sendJson(response, 200, { model: model.name, created_at: createdAt(), ...toChunk(whole), ...finalFields });
    }

    startNdjson(response);
    for (const [index, piece] of plan.pieces.entries()) {
      if (closed || response.destroyed) return;
      if (index === reply.destroyAfterChunks) return void response.destroy();
      if (index === reply.endAfterChunks) return void response.end();
      if (index === reply.errorAfterChunks) return void response.end(`${JSON.stringify({ error: errorMessage })}\n`);
      writeLine(response, { model: model.name, created_at: createdAt(), ...toChunk(piece), done: false });
      await pace(reply.chunkDelayMs);
    }
    if (reply.destroyAfterChunks !== undefined) return void response.destroy();
    if (reply.endAfterChunks !== undefined) return void response.end();
    if (reply.errorAfterChunks !== undefined) return void response.end(`${JSON.stringify({ error: errorMessage })}\n`);
    response.end(`${JSON.stringify({ model: model.name, created_at: createdAt(), ...toChunk({ content: '' }), ...finalFields })}\n`);
  }

  function pullLines(model: OllamaTestModel): Record<string, unknown>[] {
    const layerSizes = [Math.max(1, model.sizeBytes - 12_087), 1_542, 11_345, 487];
    const lines: Record<string, unknown>[] = [{ status: 'pulling manifest' }];
    layerSizes.forEach((total, layer) => {
      const digest = `sha256:${hexDigest(`${model.name}/layer${layer}`)}`;
      const status = `pulling ${digest.slice(7, 19)}`;
      lines.push({ status, digest, total });
      for (let step = 1; step <= pullBehaviour.stepsPerLayer; step += 1) {
        lines.push({ status, digest, total, completed: Math.round((total * step) / pullBehaviour.stepsPerLayer) });
      }
    });
    lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'removing any unused layers' }, { status: 'success' });
    return lines;
  }

  async function answerPull(response: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const name = normalizeModelName(String(body.model ?? body.name ?? ''));
    const model = registry ? registry.get(name) : (installed.get(name) ?? createTestModel(name));
    const lines = model ? pullLines(model) : [{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }];
    const failAt = model ? pullBehaviour.failAfterLines : 1;
    const failure = { error: pullBehaviour.errorMessage };
    if (body.stream === false) {
      if (failAt !== undefined) return sendJson(response, 500, model ? failure : lines[1]);
      installed.set(model!.name, model!);
      return sendJson(response, 200, { status: 'success' });
    }
    startNdjson(response);
    for (const [index, line] of lines.entries()) {
      if (closed || response.destroyed) return;
      if (index === failAt) return void response.end(`${JSON.stringify(model ? failure : line)}\n`);
      if (line.status === 'success') installed.set(model!.name, model!);
      writeLine(response, line);
      await pace(pullBehaviour.stepDelayMs);
    }
    response.end();
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const body = await readBody(request);
    requests.push({ method, path, headers: request.headers, body });
    if (!isAllowedHost(request.headers.host)) {
      response.writeHead(403);
      return void response.end();
    }
    const pathname = path.split('?')[0];
    const json = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;

    if (pathname === '/' && (method === 'GET' || method === 'HEAD')) {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return void response.end(method === 'HEAD' ? undefined : 'Ollama is running');
    }
    if (pathname === '/api/version' && method === 'GET') return sendJson(response, 200, { version });
    if (pathname === '/api/tags' && method === 'GET') {
      return sendJson(response, 200, {
        models: [...installed.values()].map((model) => ({
          name: model.name, model: model.name, modified_at: model.modifiedAt, size: model.sizeBytes, digest: model.digest, details: modelDetails(model),
        })),
      });
    }
    if (pathname === '/api/ps' && method === 'GET') {
      pruneExpired();
      return sendJson(response, 200, {
        models: [...loaded.entries()].flatMap(([name, state]) => {
          const model = installed.get(name);
          if (!model) return [];
          const expiresAt = new Date(Math.min(state.expiresAt, Date.UTC(2318, 0))).toISOString();
          return [{ name, model: name, size: model.sizeBytes, digest: model.digest, details: modelDetails(model), expires_at: expiresAt, size_vram: model.sizeBytes, context_length: state.contextLength }];
        }),
      });
    }
    if (pathname === '/api/show' && method === 'POST') {
      const model = findInstalled(json.model ?? json.name);
      if (!model) return sendJson(response, 404, { error: `model '${String(json.model ?? json.name)}' not found` });
      const architecture = model.architecture;
      return sendJson(response, 200, {
        modelfile: `FROM ${model.name}\n`,
        parameters: 'temperature 0.6\ntop_k 20\ntop_p 0.95',
        template: '{{- range .Messages }}{{ .Role }}: {{ .Content }}\n{{ end }}',
        details: modelDetails(model),
        model_info: {
          'general.architecture': architecture,
          'general.parameter_count': model.parameterCount,
          'general.file_type': 15,
          [`${architecture}.block_count`]: model.blockCount,
          [`${architecture}.attention.head_count`]: model.headCount,
          [`${architecture}.attention.head_count_kv`]: model.headCountKv,
          [`${architecture}.embedding_length`]: model.embeddingLength,
          [`${architecture}.context_length`]: model.contextLength,
        },
        // Ollama 0.6.4 added the list; older servers still refuse what a model cannot do, they just do not say so up front.
        ...(versionAtLeast(version, CAPABILITIES_IN_SHOW_SINCE) ? { capabilities: model.capabilities } : {}),
        modified_at: model.modifiedAt,
      });
    }
    if (pathname === '/api/pull' && method === 'POST') return answerPull(response, json);
    if (pathname === '/api/delete' && method === 'DELETE') {
      const model = findInstalled(json.model ?? json.name);
      if (!model) return sendJson(response, 404, { error: `model '${String(json.model ?? json.name)}' not found` });
      installed.delete(model.name);
      loaded.delete(model.name);
      response.writeHead(200);
      return void response.end();
    }
    if (pathname === '/api/chat' && method === 'POST') return answerCompletion(response, json, 'chat');
    if (pathname === '/api/generate' && method === 'POST') return answerCompletion(response, json, 'generate');
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('404 page not found');
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests,
    setModels(models) {
      installed = new Map(models.map((model) => [model.name, model]));
    },
    models: () => [...installed.values()],
    loadedModels() {
      pruneExpired();
      return [...loaded.keys()];
    },
    scriptChat(...scripted) {
      replies.push(...scripted);
    },
    setPullBehaviour(behaviour) {
      pullBehaviour = { ...pullBehaviour, ...behaviour };
    },
    setVersion(next) {
      version = next;
    },
    close() {
      closed = true;
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
