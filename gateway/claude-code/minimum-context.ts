/**
 * The least context Claude Code can work in; Ollama recommends at least 64000 tokens for it
 * (docs.ollama.com/context-length). Claude Code compacts at its window less up to 20k tokens kept
 * for the summary and a 13k buffer, and its own prompt and tools take ~20k: in a 32k window that
 * threshold falls below its first request, and without compaction Ollama drops the start of the
 * conversation instead. The hardware estimator sizes num_ctx to it; the doctor checks it.
 */
export const CLAUDE_CODE_MIN_CONTEXT = 64_000;
