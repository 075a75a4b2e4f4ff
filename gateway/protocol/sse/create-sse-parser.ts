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

/**
 * The value of `field` when the line text[start, end) is that field (`name: value`, `name:value`
 * or a bare `name`), else undefined. Lines are read in place, so the value is the only string
 * made: every stream event passes through here, and three slices per line were the gateway's
 * largest allocation in a relayed stream.
 */
function fieldValue(text: string, start: number, end: number, field: string): string | undefined {
  const afterName = start + field.length;
  if (afterName > end || !text.startsWith(field, start)) return undefined;
  if (afterName === end) return '';
  if (text.charCodeAt(afterName) !== 58 /* ':' */) return undefined;
  const valueStart = text.charCodeAt(afterName + 1) === 32 /* one optional space */ ? afterName + 2 : afterName + 1;
  return valueStart >= end ? '' : text.slice(valueStart, end);
}

export function createSseParser(): SseParser {
  let unterminatedLine = '';
  // A chunk that ends in "\r" may be half of a "\r\n" that the next chunk completes.
  let endedWithCarriageReturn = false;
  let eventName: string | undefined;
  let data: string | undefined;

  function dispatch(events: SseEvent[]): void {
    if (data !== undefined) events.push(eventName === undefined ? { data } : { event: eventName, data });
    eventName = undefined;
    data = undefined;
  }

  function processLine(text: string, start: number, end: number, events: SseEvent[]): void {
    if (start === end) {
      dispatch(events);
      return;
    }
    if (text.charCodeAt(start) === 58 /* ':' comment */) return;
    const dataValue = fieldValue(text, start, end, 'data');
    if (dataValue !== undefined) {
      data = data === undefined ? dataValue : `${data}\n${dataValue}`;
      return;
    }
    const eventValue = fieldValue(text, start, end, 'event');
    if (eventValue !== undefined) eventName = eventValue;
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
      const events: SseEvent[] = [];
      let lineEnd = input.indexOf('\n');
      if (lineEnd === -1) {
        unterminatedLine += input;
        return events;
      }
      let start = 0;
      if (unterminatedLine !== '') {
        // Only the line the last chunk cut is joined; the rest of this chunk is read in place.
        const line = unterminatedLine + input.slice(0, lineEnd);
        unterminatedLine = '';
        processLine(line, 0, line.length, events);
        start = lineEnd + 1;
        lineEnd = input.indexOf('\n', start);
      }
      while (lineEnd !== -1) {
        processLine(input, start, lineEnd, events);
        start = lineEnd + 1;
        lineEnd = input.indexOf('\n', start);
      }
      if (start < input.length) unterminatedLine = start === 0 ? input : input.slice(start);
      return events;
    },
    end() {
      const events: SseEvent[] = [];
      if (unterminatedLine !== '') processLine(unterminatedLine, 0, unterminatedLine.length, events);
      unterminatedLine = '';
      dispatch(events);
      return events;
    },
  };
}
