import { GatewayError } from '../../errors/index.ts';

export interface NdjsonParser {
  /** Feeds decoded text; returns every value whose line is now complete. */
  push(text: string): unknown[];
  /** Parses a last line the upstream did not terminate with a newline. */
  end(): unknown[];
}

/** How much of a malformed line an error message quotes: enough to recognise, not a whole prompt. */
const QUOTED_LINE_LIMIT = 200;

/**
 * An incremental NDJSON reader for upstream streams (Ollama's /api/chat, /api/pull). Lines may
 * be split across chunks in any place; blank lines and `\r\n` endings are tolerated. A line that
 * is not JSON means the upstream is broken, so it fails the stream instead of being skipped.
 * @see https://github.com/ndjson/ndjson-spec
 */
export function createNdjsonParser(): NdjsonParser {
  let pending = '';

  function parseLine(line: string, values: unknown[]): void {
    const trimmed = line.trim();
    if (trimmed === '') return;
    try {
      values.push(JSON.parse(trimmed));
    } catch (error) {
      const quoted = trimmed.length > QUOTED_LINE_LIMIT ? `${trimmed.slice(0, QUOTED_LINE_LIMIT)}…` : trimmed;
      throw new GatewayError('provider_bad_response', 502, `The upstream sent a stream line that is not JSON: ${quoted}`, { cause: error });
    }
  }

  return {
    push(text) {
      const values: unknown[] = [];
      let start = 0;
      let newline = text.indexOf('\n');
      if (newline === -1) {
        pending += text;
        return values;
      }
      parseLine(pending + text.slice(0, newline), values);
      start = newline + 1;
      while ((newline = text.indexOf('\n', start)) !== -1) {
        parseLine(text.slice(start, newline), values);
        start = newline + 1;
      }
      pending = text.slice(start);
      return values;
    },
    end() {
      const values: unknown[] = [];
      const rest = pending;
      pending = '';
      parseLine(rest, values);
      return values;
    },
  };
}
