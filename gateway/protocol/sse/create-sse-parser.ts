/**
 * Incremental Server-Sent Events parser: feed it decoded text as it arrives, in chunks split
 * anywhere, and it returns the events completed so far.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

export interface SseEvent {
  event?: string;
  data: string;
}

export interface SseParser {
  push(text: string): SseEvent[];
  /** Flushes at end of stream. Unlike the spec, an event missing its final blank line is still
   *  delivered: some upstreams close the connection right after the last `data:` line. */
  end(): SseEvent[];
}

const LINE_BREAKS = /\r\n?/g;

export function createSseParser(): SseParser {
  let unterminatedLine = '';
  // A chunk that ends in "\r" may be half of a "\r\n" that the next chunk completes.
  let endedWithCarriageReturn = false;
  let eventName: string | undefined;
  let dataLines: string[] = [];

  function dispatch(events: SseEvent[]): void {
    if (dataLines.length > 0) {
      const data = dataLines.length === 1 ? dataLines[0]! : dataLines.join('\n');
      events.push(eventName === undefined ? { data } : { event: eventName, data });
    }
    eventName = undefined;
    dataLines = [];
  }

  function processLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' comment */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* one optional space */) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
    else if (field === 'event') eventName = value;
    // `id` and `retry` only matter to EventSource reconnection, which a proxy never does.
  }

  return {
    push(text) {
      let input = text;
      if (endedWithCarriageReturn && input.charCodeAt(0) === 10) input = input.slice(1);
      endedWithCarriageReturn = false;
      if (input.includes('\r')) {
        endedWithCarriageReturn = input.endsWith('\r');
        input = input.replace(LINE_BREAKS, '\n');
      }
      const buffer = unterminatedLine + input;
      const events: SseEvent[] = [];
      let start = 0;
      let lineEnd = buffer.indexOf('\n');
      while (lineEnd !== -1) {
        processLine(buffer.slice(start, lineEnd), events);
        start = lineEnd + 1;
        lineEnd = buffer.indexOf('\n', start);
      }
      unterminatedLine = start === 0 ? buffer : buffer.slice(start);
      return events;
    },
    end() {
      const events: SseEvent[] = [];
      if (unterminatedLine !== '') processLine(unterminatedLine, events);
      unterminatedLine = '';
      dispatch(events);
      return events;
    },
  };
}
