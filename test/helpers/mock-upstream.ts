/**
 * A scriptable Anthropic + OpenAI upstream on 127.0.0.1:0 for integration tests. It records
 * what the gateway sent and answers with real-shaped JSON or SSE, or fails on purpose.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export type MockReply =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  /** dropAfter: the socket is destroyed before that frame; stallAfter: the stream goes silent, open, before it. */
  | { kind: 'sse'; frames: string[]; delayMs?: number; dropAfter?: number; stallAfter?: number; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'reset' };

/** Undefined: the usual answer for that request. */
export type MockScript = (request: RecordedRequest) => MockReply | undefined;

export interface MockUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the default answer for the next requests. */
  script(handler: MockScript | undefined): void;
  /** Requests whose connection is still open: a `hang` stays open until the gateway gives up on it. */
  openRequests(): number;
  close(): Promise<void>;
}

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const openaiFrame = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

export function anthropicTextStream(text: string, model = 'claude-mock', usage = { input_tokens: 12, output_tokens: 5 }): string[] {
  const pieces = text.match(/.{1,5}/gs) ?? [''];
  return [
    sse('message_start', { type: 'message_start', message: { id: 'msg_mock', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } } }),
    sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    sse('ping', { type: 'ping' }),
    ...pieces.map((piece) => sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })),
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }),
    sse('message_stop', { type: 'message_stop' }),
  ];
}

export function anthropicToolUseStream(id: string, name: string, input: unknown): string[] {
  const json = JSON.stringify(input);
  return [
    sse('message_start', { type: 'message_start', message: { id: 'msg_tool', type: 'message', role: 'assistant', model: 'claude-mock', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 30, output_tokens: 1 } } }),
    sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id, name, input: {} } }),
    ...(json.match(/.{1,10}/gs) ?? []).map((part) => sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: part } })),
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } }),
    sse('message_stop', { type: 'message_stop' }),
  ];
}

export function openaiTextStream(text: string, withUsage = true): string[] {
  const base = { id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1, model: 'gpt-mock' };
  const pieces = text.match(/.{1,5}/gs) ?? [''];
  return [
    openaiFrame({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
    ...pieces.map((piece) => openaiFrame({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })),
    openaiFrame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
    ...(withUsage ? [openaiFrame({ ...base, choices: [], usage: { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27, prompt_tokens_details: { cached_tokens: 4 } } })] : []),
    'data: [DONE]\n\n',
  ];
}

/**
 * One tool call as OpenAI streams it: opened with its name, then its text in pieces of 8
 * characters. A function's text is its JSON arguments; a custom tool's is its raw input, typed
 * `custom` (openai/openai-openapi#576).
 */
function openaiStreamedToolCall(completionId: string, id: string, type: 'function' | 'custom', name: string, text: string): string[] {
  const base = { id: completionId, object: 'chat.completion.chunk', created: 1, model: 'gpt-mock' };
  const field = type === 'function' ? 'arguments' : 'input';
  return [
    openaiFrame({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id, type, [type]: { name, [field]: '' } }] }, finish_reason: null }] }),
    ...(text.match(/.{1,8}/gsu) ?? []).map((part) => openaiFrame({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, [type]: { [field]: part } }] }, finish_reason: null }] })),
    openaiFrame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
    openaiFrame({ ...base, choices: [], usage: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 } }),
    'data: [DONE]\n\n',
  ];
}

export const openaiToolCallStream = (id: string, name: string, input: unknown): string[] => openaiStreamedToolCall('chatcmpl-tool', id, 'function', name, JSON.stringify(input));

export const openaiCustomToolCallStream = (id: string, name: string, input: string): string[] => openaiStreamedToolCall('chatcmpl-custom', id, 'custom', name, input);

function defaultReply(request: RecordedRequest): MockReply {
  const stream = request.body.stream === true;
  // Anthropic's API under any base (Azure AI Foundry's is /anthropic); everything else is OpenAI's.
  const path = request.path.split('?')[0]!;
  if (path.endsWith('/v1/messages/count_tokens')) return { kind: 'json', body: { input_tokens: 4242 } };
  if (path.endsWith('/v1/messages')) {
    if (stream) return { kind: 'sse', frames: anthropicTextStream('Hello from the Anthropic mock') };
    return { kind: 'json', body: { id: 'msg_mock', type: 'message', role: 'assistant', model: String(request.body.model), content: [{ type: 'text', text: 'Hello from the Anthropic mock' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 6, cache_read_input_tokens: 3, cache_creation_input_tokens: 0 } } };
  }
  if (stream) return { kind: 'sse', frames: openaiTextStream('Hello from the OpenAI mock', (request.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true) };
  return { kind: 'json', body: { id: 'chatcmpl-mock', object: 'chat.completion', created: 1, model: String(request.body.model), choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the OpenAI mock' }, finish_reason: 'stop' }], usage: { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27 } } };
}

async function answer(reply: MockReply, response: ServerResponse): Promise<void> {
  switch (reply.kind) {
    case 'json': {
      const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      response.end(body);
      return;
    }
    case 'sse': {
      response.writeHead(200, { 'content-type': 'text/event-stream', ...reply.headers });
      for (const [index, frame] of reply.frames.entries()) {
        if (reply.dropAfter !== undefined && index >= reply.dropAfter) {
          response.destroy();
          return;
        }
        if (reply.stallAfter !== undefined && index >= reply.stallAfter) return;
        response.write(frame);
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      }
      response.end();
      return;
    }
    case 'hang':
      return;
    case 'reset':
      response.socket?.destroy();
      return;
  }
}

export async function startMockUpstream(): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  let handler: MockScript | undefined;
  let open = 0;
  const server = createServer((request, response) => {
    open += 1;
    response.once('close', () => {
      open -= 1;
    });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = { path: request.url ?? '/', headers: request.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      requests.push(recorded);
      void answer(handler?.(recorded) ?? defaultReply(recorded), response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openRequests: () => open,
    script: (next) => {
      handler = next;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
