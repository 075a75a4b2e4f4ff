import { parseArgs } from 'node:util';
import { DEFAULT_OLLAMA_CONTEXT } from '../config/schema.ts';
import { OllamaClient } from '../local/ollama/ollama-client.ts';
import { parseOllamaHost } from '../local/ollama/ollama-host.ts';
import { HardwareProbe } from '../local/hardware/hardware-probe.ts';
import { runOllamaBenchmark } from '../local/bench/run-ollama-benchmark.ts';
import { MAX_BENCHMARK_RUNS } from '../local/bench/benchmark-session.ts';
import type { BenchmarkPhase, BenchmarkResult, BenchmarkRun, ToolCallCheck } from '../local/bench/benchmark-types.ts';
import { openDatabase } from '../store/sqlite-database.ts';
import { SqliteBenchmarkStore } from '../store/sqlite-benchmark-store.ts';
import type { CliIo } from './cli-io.ts';
import { formatBytes, formatNumber, formatTable } from './format-table.ts';

const USAGE = `Usage: bench --model NAME [--runs N] [--num-ctx N] [--no-depth] [--ollama URL] [--json] [--data-dir DIR]
  Loads the model, warms it up, then runs a ~512-token prompt and 128 generated tokens N times (default 3),
  one run with a prompt as long as Claude Code's opening context (16k tokens, at most half of num_ctx),
  and a tool-call smoke test (does the model call a Read tool when asked to?).
  --no-depth skips the long-prompt run, which can take minutes on a CPU.
  --num-ctx should be the num_ctx of the deployment serving the model (default ${DEFAULT_OLLAMA_CONTEXT}, the gateway's):
  speed depends on it, and Ollama reloads the model for a request with another one.
  --data-dir stores the result with the other benchmarks.`;

const EXIT_CANCELLED = 130;

/** What stderr says as each step starts; `generate` follows `prompt` within a run and says nothing new. */
const PROGRESS_LINES: Partial<Record<BenchmarkPhase, (run: number, runs: number) => string>> = {
  load: () => 'load',
  warmup: () => 'warmup',
  prompt: (run, runs) => `run ${run}/${runs}`,
  depth: () => 'depth run (long prompt)',
  tools: () => 'tool-call smoke test',
};

function positiveInteger(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new Error(`${flag} must be a whole number from 1 to ${max}, not "${value}"`);
  return parsed;
}

function runRow(label: string, run: BenchmarkRun): string[] {
  return [label, formatNumber(run.promptTokens, 0), formatNumber(run.promptTokensPerSecond), formatNumber(run.generatedTokens, 0),
    formatNumber(run.generationTokensPerSecond), formatNumber(run.ttftMs, 0), formatNumber(run.totalMs, 0)];
}

function describeToolCall(check: ToolCallCheck): string {
  return `tools (${check.tool}): ${check.verdict}${check.reason === null ? '' : ` — ${check.reason}`}`;
}

/** `depthSkipped`: asked for with --no-depth, so the missing depth row is said, not silently absent. */
function describe(result: BenchmarkResult, depthSkipped: boolean): string {
  const outcome = result.error ? `${result.status === 'cancelled' ? 'Cancelled' : 'Failed'}: ${result.error}` : undefined;
  // Nothing measured (Ollama not answering, the model missing): a table of "?" would bury the reason.
  if (outcome && result.runs.length === 0) return `${outcome}\n`;
  const rows = [
    ['run', 'prompt tok', 'prompt t/s', 'gen tok', 'gen t/s', 'TTFT ms', 'total ms'],
    ...result.runs.map((run) => runRow(String(run.index), run)),
    ['median', '', formatNumber(result.summary.promptTokensPerSecond?.median), '', formatNumber(result.summary.generationTokensPerSecond?.median), formatNumber(result.summary.ttftMs?.median, 0), ''],
    ...(result.depth === null ? [] : [runRow(`depth ${Math.round(result.depth.targetTokens / 1024)}k`, result.depth.run)]),
  ];
  const placement = result.placement;
  const where = placement
    ? `${formatBytes(placement.sizeBytes)} loaded, ${placement.gpuFraction === null ? 'GPU share unknown' : `${Math.round(placement.gpuFraction * 100)}% on GPU`}, context ${placement.contextLength ?? '?'}`
    : 'placement unknown';
  const facts = [`${result.model}${result.quantization ? ` (${result.quantization})` : ''}`, `num_ctx ${result.numCtx ?? '?'}`, `load ${formatNumber(result.loadMs, 0)} ms`, where, `Ollama ${result.ollamaVersion ?? '?'}`];
  const lines = [formatTable(rows), facts.join(' · ')];
  if (depthSkipped) lines.push('depth run: skipped (--no-depth)');
  if (result.toolCall !== null) lines.push(describeToolCall(result.toolCall));
  if (outcome) lines.push(outcome);
  return `${lines.join('\n')}\n`;
}

/** `bench --model NAME …`: benchmarks one Ollama model and prints a table (or JSON). */
export async function run(args: string[], io: CliIo): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args,
      options: {
        model: { type: 'string' },
        runs: { type: 'string' },
        'num-ctx': { type: 'string' },
        'no-depth': { type: 'boolean', default: false },
        ollama: { type: 'string' },
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!values.model) throw new Error('--model is required, e.g. --model qwen3:8b');
    options = {
      model: values.model,
      runs: positiveInteger(values.runs, '--runs', MAX_BENCHMARK_RUNS),
      numCtx: positiveInteger(values['num-ctx'], '--num-ctx', 1_048_576),
      baseUrl: values.ollama ?? parseOllamaHost(io.env.OLLAMA_HOST).baseUrl,
      depth: values['no-depth'] !== true,
      json: values.json === true,
      dataDir: values['data-dir'],
    };
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }

  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  try {
    const result = await runOllamaBenchmark({
      client: new OllamaClient({ baseUrl: options.baseUrl }),
      model: options.model,
      runs: options.runs,
      numCtx: options.numCtx,
      depth: options.depth,
      hardware: await new HardwareProbe().get().catch(() => null),
      signal: controller.signal,
      onProgress: (progress) => {
        const line = PROGRESS_LINES[progress.phase]?.(progress.run, progress.runs);
        if (line !== undefined) io.stderr.write(`${line}…\n`);
      },
    });
    io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : describe(result, !options.depth));
    if (options.dataDir !== undefined) {
      const database = openDatabase(options.dataDir);
      try {
        const store = new SqliteBenchmarkStore(database);
        store.migrate();
        store.save(result);
      } finally {
        database.close();
      }
      io.stderr.write(`Saved as ${result.id}.\n`);
    }
    return result.status === 'done' ? 0 : result.status === 'cancelled' ? EXIT_CANCELLED : 1;
  } finally {
    process.off('SIGINT', cancel);
  }
}
