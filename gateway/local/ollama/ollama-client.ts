/**
 * A client for Ollama's native model-management API, over undici. Every method either
 * returns normalised data or throws a GatewayError from ollama-errors.ts; cancelling through
 * an AbortSignal rejects with the signal's reason instead, so callers can tell "the user
 * stopped it" from "Ollama failed".
 */
import type { Dispatcher } from 'undici';
import type * as Undici from 'undici';
import { GatewayError } from '../../errors/index.ts';
import type { OllamaChatChunk, OllamaChatRequest } from '../../protocol/ollama/types.ts';
import type { OllamaPsModel, OllamaPullLine, OllamaShowResponse, OllamaTagsModel } from './ollama-api-types.ts';
import { ollamaBadResponse, ollamaHttpError, ollamaStreamError, ollamaTimeout, ollamaUnreachable } from './ollama-errors.ts';
import { readNdjson } from './ndjson-lines.ts';
import { PullProgressTracker, type PullProgress } from './pull-progress.ts';

export interface LocalModel {
  name: string;
  sizeBytes: number;
  digest: string | null;
  modifiedAt: string | null;
  family: string | null;
  parameterSize: string | null;
  quantization: string | null;
}

export interface LoadedModel extends LocalModel {
  /** Bytes resident in GPU memory; unknown on servers that omit size_vram. */
  vramBytes: number | null;
  /** Bytes that spilled to system RAM (size - size_vram). */
  ramBytes: number | null;
  /** Share of the model on the GPU, 0..1; below 1 means Ollama offloaded part of it to the CPU. */
  gpuFraction: number | null;
  contextLength: number | null;
  expiresAt: string | null;
}

export interface OllamaClientOptions {
  baseUrl: string;
  dispatcher?: Dispatcher;
  /** Waiting for response headers on quick calls (tags, ps, show, delete). */
  requestTimeoutMs?: number;
  /** Waiting for a model to load, which reads gigabytes from disk. */
  loadTimeoutMs?: number;
  /** Silence allowed between two lines of a pull (verifying a large layer is silent). */
  pullIdleTimeoutMs?: number;
}

export interface PullOptions {
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export interface LoadOptions {
  /** Ollama duration ("10m"), seconds, or a negative number for "keep loaded". */
  keepAlive?: string | number;
  numCtx?: number;
  signal?: AbortSignal;
}

export interface LoadResult {
  /** Server-side load time, null when Ollama omitted it. */
  loadDurationMs: number | null;
  wallMs: number;
}

const nanosToMs = (nanos: unknown): number | null => (typeof nanos === 'number' && Number.isFinite(nanos) ? nanos / 1e6 : null);

const HEARTBEAT_TIMEOUT_MS = 1_500;

/**
 * undici's entry point loads all of undici (fetch, WebSocket, mocks, caches: 3 MiB of heap), so
 * it is imported with the first call to Ollama rather than with the gateway, which may never
 * talk to Ollama (the proxy's pools load only undici's parts: providers/undici-parts.ts).
 */
let undici: Promise<typeof Undici> | undefined;

function toLocalModel(model: OllamaTagsModel): LocalModel {
  return {
    name: model.name || model.model,
    sizeBytes: model.size,
    digest: model.digest ?? null,
    modifiedAt: model.modified_at ?? null,
    family: model.details?.family ?? null,
    parameterSize: model.details?.parameter_size ?? null,
    quantization: model.details?.quantization_level ?? null,
  };
}

export function toLoadedModel(model: OllamaPsModel): LoadedModel {
  const vramBytes = typeof model.size_vram === 'number' ? model.size_vram : null;
  return {
    ...toLocalModel(model),
    vramBytes,
    ramBytes: vramBytes === null ? null : Math.max(0, model.size - vramBytes),
    gpuFraction: vramBytes === null || model.size <= 0 ? null : Math.min(1, vramBytes / model.size),
    contextLength: typeof model.context_length === 'number' ? model.context_length : null,
    expiresAt: model.expires_at ?? null,
  };
}

export class OllamaClient {
  readonly baseUrl: string;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly requestTimeoutMs: number;
  private readonly loadTimeoutMs: number;
  private readonly pullIdleTimeoutMs: number;

  constructor(options: OllamaClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.dispatcher = options.dispatcher;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.loadTimeoutMs = options.loadTimeoutMs ?? 300_000;
    this.pullIdleTimeoutMs = options.pullIdleTimeoutMs ?? 600_000;
  }

  /** True when an Ollama server answers `HEAD /`, the same check the Ollama CLI makes. */
  async isRunning(): Promise<boolean> {
    try {
      const response = await this.send('HEAD', '/', undefined, { timeoutMs: HEARTBEAT_TIMEOUT_MS });
      await response.body.dump();
      return response.statusCode < 500;
    } catch {
      return false;
    }
  }

  async version(): Promise<string> {
    const body = await this.json<{ version?: unknown }>('GET', '/api/version');
    if (typeof body.version !== 'string') throw ollamaBadResponse(this.baseUrl, '/api/version answer');
    return body.version;
  }

  async listModels(): Promise<LocalModel[]> {
    const body = await this.json<{ models?: OllamaTagsModel[] }>('GET', '/api/tags');
    return (body.models ?? []).map(toLocalModel);
  }

  async listLoaded(): Promise<LoadedModel[]> {
    const body = await this.json<{ models?: OllamaPsModel[] }>('GET', '/api/ps');
    return (body.models ?? []).map(toLoadedModel);
  }

  async show(model: string): Promise<OllamaShowResponse> {
    return this.json<OllamaShowResponse>('POST', '/api/show', { model }, model);
  }

  async deleteModel(model: string): Promise<void> {
    const response = await this.send('DELETE', '/api/delete', { model });
    await this.ensureOk(response, model);
    await response.body.dump();
  }

  /**
   * Pulls a model, reporting progress summed over its layers. Pulling again after a cancel
   * or a failure resumes: Ollama keeps the partial blobs.
   */
  async pull(model: string, options: PullOptions = {}): Promise<PullProgress> {
    const tracker = new PullProgressTracker(options.now);
    const response = await this.send('POST', '/api/pull', { model, stream: true }, {
      signal: options.signal,
      timeoutMs: this.requestTimeoutMs,
      bodyIdleMs: this.pullIdleTimeoutMs,
    });
    await this.ensureOk(response, model);
    try {
      for await (const value of readNdjson(response.body)) {
        const line = value as OllamaPullLine;
        if (typeof line.error === 'string') throw ollamaStreamError(this.baseUrl, `the pull of ${model}`, line.error);
        // Update even without a listener: `?.` would skip evaluating the argument.
        const progress = tracker.update(line);
        options.onProgress?.(progress);
      }
    } catch (error) {
      throw this.mapFailure(error, `send pull progress for ${model}`, options.signal, `the pull of ${model}`);
    }
    const final = tracker.snapshot();
    if (!final.done) throw ollamaStreamError(this.baseUrl, `the pull of ${model}`, 'the progress stream ended before "success"');
    return final;
  }

  /** Loads a model into memory: an empty prompt makes Ollama load it and answer at once. */
  async load(model: string, options: LoadOptions = {}): Promise<LoadResult> {
    const started = performance.now();
    const body: Record<string, unknown> = { model, prompt: '', stream: false };
    if (options.keepAlive !== undefined) body.keep_alive = options.keepAlive;
    if (options.numCtx !== undefined) body.options = { num_ctx: options.numCtx };
    const answer = await this.json<{ load_duration?: number }>('POST', '/api/generate', body, model, {
      signal: options.signal,
      timeoutMs: this.loadTimeoutMs,
    });
    return { loadDurationMs: nanosToMs(answer.load_duration), wallMs: performance.now() - started };
  }

  /** Unloads a model now (`keep_alive: 0`), freeing its VRAM. */
  async unload(model: string): Promise<void> {
    await this.json('POST', '/api/generate', { model, prompt: '', keep_alive: 0, stream: false }, model);
  }

  /** Streams /api/chat chunks; an `{"error"}` line in the stream becomes a thrown GatewayError. */
  async *chat(chatRequest: OllamaChatRequest, signal?: AbortSignal): AsyncGenerator<OllamaChatChunk> {
    const response = await this.send('POST', '/api/chat', { ...chatRequest, stream: true }, {
      signal,
      timeoutMs: this.loadTimeoutMs,
      bodyIdleMs: this.loadTimeoutMs,
    });
    await this.ensureOk(response, chatRequest.model);
    try {
      for await (const value of readNdjson(response.body)) {
        const chunk = value as OllamaChatChunk;
        if (typeof chunk.error === 'string') throw ollamaStreamError(this.baseUrl, `a chat with ${chatRequest.model}`, chunk.error);
        yield chunk;
      }
    } catch (error) {
      throw this.mapFailure(error, `stream a chat with ${chatRequest.model}`, signal, `a chat with ${chatRequest.model}`);
    }
  }

  /** One /api/chat answer whole (`stream: false`), for checks that judge the finished message rather than time it. */
  async chatOnce(chatRequest: OllamaChatRequest, signal?: AbortSignal): Promise<OllamaChatChunk> {
    const answer = await this.json<OllamaChatChunk>('POST', '/api/chat', { ...chatRequest, stream: false }, chatRequest.model, { signal, timeoutMs: this.loadTimeoutMs });
    if (typeof answer.error === 'string') throw ollamaStreamError(this.baseUrl, `a chat with ${chatRequest.model}`, answer.error);
    return answer;
  }

  private async json<T>(method: Dispatcher.HttpMethod, path: string, body?: unknown, model?: string, options: SendOptions = {}): Promise<T> {
    const response = await this.send(method, path, body, options);
    await this.ensureOk(response, model);
    try {
      return (await response.body.json()) as T;
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw ollamaBadResponse(this.baseUrl, `${path} answer`, error);
    }
  }

  private async send(method: Dispatcher.HttpMethod, path: string, body: unknown, options: SendOptions = {}): Promise<Dispatcher.ResponseData> {
    // Outside the try: a failed import is not an Ollama failure, and must not read as one.
    const { request } = await (undici ??= import('undici'));
    try {
      return await request(`${this.baseUrl}${path}`, {
        method,
        dispatcher: this.dispatcher,
        signal: options.signal,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        headersTimeout: options.timeoutMs ?? this.requestTimeoutMs,
        bodyTimeout: options.bodyIdleMs ?? options.timeoutMs ?? this.requestTimeoutMs,
      });
    } catch (error) {
      throw this.mapFailure(error, 'answer', options.signal);
    }
  }

  private async ensureOk(response: Dispatcher.ResponseData, model: string | undefined): Promise<void> {
    if (response.statusCode >= 200 && response.statusCode < 300) return;
    let message: string | undefined;
    try {
      const text = await response.body.text();
      const parsed: unknown = JSON.parse(text);
      message = typeof parsed === 'object' && parsed !== null && 'error' in parsed ? String(parsed.error) : text;
    } catch {
      message = undefined;
    }
    throw ollamaHttpError(this.baseUrl, response.statusCode, message, model);
  }

  /** Turns transport failures into GatewayErrors; `during` names the stream for mid-stream failures. */
  private mapFailure(error: unknown, what: string, signal: AbortSignal | undefined, during?: string): unknown {
    if (signal?.aborted) return signal.reason;
    if (GatewayError.isInstance(error)) return error;
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return ollamaTimeout(this.baseUrl, what, error);
    }
    if (error instanceof SyntaxError) return ollamaBadResponse(this.baseUrl, 'stream line', error);
    if (during !== undefined) return ollamaStreamError(this.baseUrl, during, error instanceof Error ? error.message : String(error));
    return ollamaUnreachable(this.baseUrl, error);
  }
}

interface SendOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
  bodyIdleMs?: number;
}
