/** The extra chunk `include_usage` adds: usage, and `choices` always empty. */
const USAGE_ONLY_CHUNK = /^data:\s*\{.*"choices":\s*\[\s*\]/s;
/** Where one SSE event ends: a blank line, in any of the line endings SSE allows. */
const EVENT_END = /\r\n\r\n|\n\n|\r\r/g;

/**
 * Takes the usage-only chunk out of an OpenAI stream passed through to a client that did not ask
 * for it. The gateway asks every OpenAI-compatible upstream for usage (the log and the budgets
 * need it), and that adds a last chunk whose `choices` is empty, which code written for streams
 * without it (`chunk.choices[0].delta`) fails on. Everything else goes out as it came; an event
 * split across reads is held until its end arrives (upstreams write whole events, so in practice
 * nothing waits).
 */
export class UsageChunkFilter {
  #pending = '';

  push(text: string): string {
    const all = this.#pending + text;
    let out = '';
    let start = 0;
    EVENT_END.lastIndex = 0;
    for (let match = EVENT_END.exec(all); match !== null; match = EVENT_END.exec(all)) {
      const end = match.index + match[0].length;
      const event = all.slice(start, end);
      if (!USAGE_ONLY_CHUNK.test(event)) out += event;
      start = end;
    }
    this.#pending = all.slice(start);
    return out;
  }

  /** What is left when the stream ends (an event without its blank line), as it came. */
  end(): string {
    const rest = this.#pending;
    this.#pending = '';
    return USAGE_ONLY_CHUNK.test(rest) ? '' : rest;
  }
}
