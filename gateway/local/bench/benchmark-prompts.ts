/**
 * Fixed benchmark prompts. Each run starts with a different nonce, so Ollama's KV prefix
 * cache cannot skip the prompt (O:cmd/bench uses a different prompt per epoch for the same
 * reason); the rest is the same prose so every run processes about the same number of tokens.
 */

const PASSAGE = [
  'The lighthouse keeper wrote down the weather every morning before the ships left the harbour.',
  'Most days the log said little more than the wind, the tide and the colour of the sea.',
  'On the third Monday of the month the supply boat brought flour, oil, letters and news from the town.',
  'The keeper read the letters twice, once quickly for the news and once slowly for the voices in them.',
  'In winter the fog came in from the west and stayed for days, and the horn sounded every thirty seconds.',
  'Children from the village sometimes climbed the hill to count the steps, and nobody ever got the same number.',
  'A retired engineer repaired the lamp mechanism with parts he made himself in a shed behind the cottage.',
  'He kept a notebook of every fault, the date it happened, what he tried, and what finally worked.',
];

/** About this many English words make one token each in common BPE vocabularies. */
const WORDS_PER_TOKEN = 0.75;

export function benchmarkPrompt(run: number, targetTokens = 512): string {
  const wordsWanted = Math.round(targetTokens * WORDS_PER_TOKEN);
  const words: string[] = [`Run ${run} (${(run * 7919) % 10007}).`];
  for (let sentence = 0; words.length < wordsWanted; sentence += 1) {
    words.push(...PASSAGE[sentence % PASSAGE.length]!.split(' '));
  }
  return `${words.slice(0, wordsWanted).join(' ')}\n\nContinue this story for several paragraphs.`;
}

/**
 * Claude Code's system prompt and tool definitions alone are about 20k tokens, so every request
 * it makes starts that deep: prompt speed at 512 tokens says little about the wait before its
 * first answer. 16k is close to that while keeping the run to seconds on a GPU (and a few minutes
 * on a CPU). Half of num_ctx caps it so that the prompt (whose token count is only estimated
 * here) and the generated tokens still fit the pinned context: Ollama would otherwise truncate
 * the prompt, or shift the context, and measure something else.
 */
export const DEPTH_PROMPT_TOKENS = 16_384;

export function depthPromptTokens(numCtx: number): number {
  return Math.min(DEPTH_PROMPT_TOKENS, Math.floor(numCtx / 2));
}
