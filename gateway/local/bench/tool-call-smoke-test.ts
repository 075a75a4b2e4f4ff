/**
 * The tool-call smoke test: one request offering one tool shaped like Claude Code's Read, with a
 * message that cannot be answered without calling it. Claude Code does all of its work through
 * tool calls (every file read, edit and command is one), so a model that answers in prose
 * instead, names another tool or leaves out a required argument is unusable however fast it is
 * (reference/competitors.md §6, pain 5: small models don't call tools).
 */
import { GatewayError } from '../../errors/index.ts';
import type { OllamaChatChunk, OllamaTool } from '../../protocol/ollama/types.ts';
import type { OllamaClient } from '../ollama/ollama-client.ts';
import type { ToolCallCheck } from './benchmark-types.ts';

type ArgumentType = 'string' | 'number' | 'integer';

/** The JSON Schema subset Claude Code's tool inputs use: flat objects of typed fields. */
interface ToolInputSchema {
  type: 'object';
  properties: Record<string, { type: ArgumentType; description: string }>;
  required: string[];
  additionalProperties: false;
}

interface SmokeTestTool {
  name: string;
  description: string;
  parameters: ToolInputSchema;
}

/** Claude Code's Read tool, its description shortened: the model sees the same name, fields and rules. */
export const READ_TOOL: SmokeTestTool = {
  name: 'Read',
  description: [
    'Reads a file from the local filesystem. You can access any file directly by using this tool.',
    'If the user gives a path to a file, assume that path is valid; reading a file that does not exist returns an error.',
    '',
    'Usage:',
    '- The file_path parameter must be an absolute path, not a relative path',
    '- By default it reads up to 2000 lines from the start of the file',
    '- You can give a line offset and limit for long files, but reading the whole file is recommended',
  ].join('\n'),
  parameters: {
    type: 'object',
    properties: {
      file_path: { type: 'string', description: 'The absolute path to the file to read' },
      offset: { type: 'number', description: 'The line number to start reading from. Only provide if the file is too large to read at once' },
      limit: { type: 'number', description: 'The number of lines to read. Only provide if the file is too large to read at once' },
    },
    required: ['file_path'],
    additionalProperties: false,
  },
};

const SYSTEM_PROMPT = 'You are an interactive command-line tool that helps users with software engineering tasks. Use the tools available to you to do what the user asks.';
const USER_PROMPT = 'Read /home/user/project/package.json and tell me which version of typescript the project depends on.';

/** Room for a thinking model to reason its way to the call; running out is reported as such. */
export const SMOKE_TEST_MAX_TOKENS = 1024;

const EXCERPT_CHARACTERS = 80;

export interface ToolCallSmokeTestOptions {
  client: OllamaClient;
  model: string;
  numCtx: number;
  keepAlive?: string | number;
  signal?: AbortSignal;
}

const cannotCallTools = (tool: SmokeTestTool, why: string): ToolCallCheck => ({
  verdict: 'error',
  reason: `the model cannot call tools (${why}), so Claude Code cannot use it`,
  tool: tool.name,
});

const isToolRefusal = (error: unknown): boolean =>
  GatewayError.isInstance(error) && error.upstreamStatus === 400 && /does not support tools/.test(error.message);

export async function runToolCallSmokeTest(options: ToolCallSmokeTestOptions, tool: SmokeTestTool = READ_TOOL): Promise<ToolCallCheck> {
  const { client, model, signal } = options;
  // Ollama lists "tools" among a model's capabilities when its template can call them; older
  // servers send no list, and then only the request itself can tell.
  const capabilities = await client.show(model).then((shown) => shown.capabilities, () => undefined);
  signal?.throwIfAborted();
  if (Array.isArray(capabilities) && !capabilities.includes('tools')) {
    return cannotCallTools(tool, `Ollama lists its capabilities as ${capabilities.join(', ') || 'none'}, without "tools"`);
  }
  let answer: OllamaChatChunk;
  try {
    answer = await client.chatOnce({
      model,
      messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: USER_PROMPT }],
      tools: [toOllamaTool(tool)],
      options: { temperature: 0, seed: 42, num_predict: SMOKE_TEST_MAX_TOKENS, num_ctx: options.numCtx },
      ...(options.keepAlive === undefined ? {} : { keep_alive: options.keepAlive }),
    }, signal);
  } catch (error) {
    if (!signal?.aborted && isToolRefusal(error)) return cannotCallTools(tool, 'Ollama says it "does not support tools"');
    throw error;
  }
  return judgeToolCall(answer, tool);
}

function toOllamaTool(tool: SmokeTestTool): OllamaTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: { ...tool.parameters } } };
}

/** Judges a finished /api/chat answer to the smoke test's request. */
export function judgeToolCall(answer: Pick<OllamaChatChunk, 'message' | 'done_reason'>, tool: SmokeTestTool = READ_TOOL): ToolCallCheck {
  const fail = (reason: string): ToolCallCheck => ({ verdict: 'fail', reason, tool: tool.name });
  const calls = answer.message?.tool_calls ?? [];
  if (calls.length === 0) {
    if (answer.done_reason === 'length') return fail(`ran out of its ${SMOKE_TEST_MAX_TOKENS} tokens before calling ${tool.name}`);
    const text = (answer.message?.content ?? '').trim().replace(/\s+/g, ' ');
    if (text === '') return fail(`ended without calling ${tool.name} or answering`);
    const excerpt = text.length > EXCERPT_CHARACTERS ? `${text.slice(0, EXCERPT_CHARACTERS)}…` : text;
    return fail(`answered in text instead of calling ${tool.name}: "${excerpt}"`);
  }
  const call = calls.find((candidate) => candidate.function.name === tool.name);
  if (!call) return fail(`called ${calls.map((candidate) => `"${candidate.function.name}"`).join(', ')} instead of ${tool.name}`);
  const input = parseArguments(call.function.arguments);
  if (input === null) return fail(`called ${tool.name} with arguments that are not a JSON object`);
  const problem = argumentProblem(input, tool.parameters);
  return problem === null ? { verdict: 'pass', reason: null, tool: tool.name } : fail(`called ${tool.name} ${problem}`);
}

/** Ollama parses the model's arguments into an object; a string means it could not, or a server passed the raw text on. */
function parseArguments(value: unknown): Record<string, unknown> | null {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
}

function hasType(value: unknown, type: ArgumentType): boolean {
  if (type === 'string') return typeof value === 'string';
  return typeof value === 'number' && Number.isFinite(value) && (type === 'number' || Number.isInteger(value));
}

function argumentProblem(input: Record<string, unknown>, schema: ToolInputSchema): string | null {
  const missing = schema.required.filter((field) => input[field] === undefined || input[field] === null);
  if (missing.length > 0) return `without the required ${missing.join(', ')}`;
  for (const [field, value] of Object.entries(input)) {
    const expected = schema.properties[field];
    if (expected === undefined) return `with "${field}", which it does not take`;
    if (!hasType(value, expected.type)) return `with ${field} as ${JSON.stringify(value)}, not a ${expected.type}`;
  }
  return null;
}
