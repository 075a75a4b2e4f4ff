/** Where one SSE event ends: a blank line, in any of the line endings SSE allows. */
const EVENT_END = /\r\n\r\n|\n\n|\r\r/g;
const CHOICES_KEY = '"choices":';

/** Whether `text` has a `"choices":` key whose value is an empty array: the extra chunk `include_usage` adds. */
function hasEmptyChoices(text: string): boolean {
  for (let at = text.indexOf(CHOICES_KEY); at !== -1; at = text.indexOf(CHOICES_KEY, at + 1)) {
    let next = at + CHOICES_KEY.length;
    while (text.charCodeAt(next) === 0x20) next += 1;
    if (text.charCodeAt(next) !== 0x5b) continue;
    next += 1;
    while (text.charCodeAt(next) === 0x20) next += 1;
    if (text.charCodeAt(next) === 0x5d) return true;
  }
  return false;
}

const endsAnEvent = (text: string) => text.endsWith('\n\n') || text.endsWith('\r\n\r\n') || text.endsWith('\r\r');

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

  /** The text to send for this read; `text` itself when it passes unchanged (so its bytes can be sent as they came). */
  push(text: string): string {
    // The common read: whole events, none of them the usage chunk.
    if (this.#pending === '' && endsAnEvent(text) && !hasEmptyChoices(text)) return text;
    const all = this.#pending + text;
    let out = '';
    let start = 0;
    EVENT_END.lastIndex = 0;
    for (let match = EVENT_END.exec(all); match !== null; match = EVENT_END.exec(all)) {
      const end = match.index + match[0].length;
      const event = all.slice(start, end);
      if (!isUsageOnly(event)) out += event;
      start = end;
    }
    this.#pending = all.slice(start);
    return out;
  }

  /** What is left when the stream ends (an event without its blank line), as it came. */
  end(): string {
    const rest = this.#pending;
    this.#pending = '';
    return isUsageOnly(rest) ? '' : rest;
  }
}

const isUsageOnly = (event: string) => event.startsWith('data:') && hasEmptyChoices(event);
