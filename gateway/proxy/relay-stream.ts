import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { GatewayError } from '../errors/index.ts';
import { StreamAccumulator } from '../protocol/anthropic/accumulate-stream.ts';
import type { AnthropicStreamEvent } from '../protocol/anthropic/types.ts';
import type { ClientResponse } from './client-response.ts';
import { elapsedSince, gatewayHeaders, upstreamLabel, type AttemptContext } from './attempt-context.ts';
import { createClientEncoder, createUpstreamDecoder, PartialDecodeError, type UpstreamDecoder } from './stream-codecs.ts';
import { createPassthroughObserver } from './passthrough-observer.ts';
import { CanonicalStreamObserver } from './usage-tracker.ts';
import { abandon, forEachChunk } from './for-each-chunk.ts';
import { streamOpeningError } from './upstream-error.ts';
import { UsageChunkFilter } from './usage-chunk-filter.ts';

const PROGRESS_INTERVAL_MS = 250;
const CHARS_PER_TOKEN = 4;

/** Until the client takes more, or goes away (its 'close' also cancels the upstream). */
function waitForDrain(response: ClientResponse): Promise<void> {
  if (response.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      response.removeListener('drain', done);
      response.removeListener('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

/**
 * A streamed answer. Same protocol: the upstream's bytes are written as they arrive while an
 * observer reads usage from them. Different protocols: each upstream chunk is decoded to
 * canonical events, encoded for the client and written at once. Nothing waits for the end.
 */
export async function relayStream(context: AttemptContext, body: Readable): Promise<void> {
  const { call, attempt, identity, response, signal, progress, services } = context;
  const passthrough = attempt.target.protocol === call.clientProtocol ? createPassthroughObserver(call.clientProtocol) : undefined;
  const decoder = passthrough ? undefined : createUpstreamDecoder(attempt.target.protocol, identity);
  const encoder = passthrough ? undefined : createClientEncoder(call.clientProtocol, identity, call.body);
  const observer = passthrough?.state ?? new CanonicalStreamObserver();
  // The response cache needs the whole message; pass-through streams are decoded a second time only then.
  const accumulator = context.keepFinalMessage ? new StreamAccumulator() : undefined;
  const cacheDecoder: UpstreamDecoder | undefined = accumulator && passthrough ? createUpstreamDecoder(attempt.target.protocol, identity) : undefined;
  // The upstream was asked for usage on the gateway's behalf; a client that did not ask does not get the extra chunk.
  const usageFilter = passthrough && call.clientProtocol === 'openai' && !identity.includeUsage ? new UsageChunkFilter() : undefined;
  let previousEndedAtLineBreak = true;
  const accumulate = (events: readonly AnthropicStreamEvent[]) => {
    if (accumulator) for (const event of events) accumulator.push(event);
  };
  // A chunk may end inside a multi-byte character; StringDecoder carries it over (and is faster than TextDecoder's streaming mode).
  const utf8 = new StringDecoder('utf8');
  let lastProgressAt = 0;

  const scrubber = services.scrubber();
  // A Responses stream's failed response repeats the output sent so far, which is scrubbed as it was.
  if (encoder?.fail) progress.failStream = (error) => scrubber.outbound(encoder.fail!(error)) as string;
  /** Writes at once; true when the client's buffer is full and the relay should wait for it to drain. */
  const writeOut = (raw: string | Uint8Array): boolean => {
    if (raw.length === 0) return false;
    const chunk = scrubber.outbound(raw);
    if (!response.headersSent) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        ...gatewayHeaders(call, attempt.target, context.upstreamRequestId, context.adjusted),
      });
    }
    return !response.write(chunk);
  };
  const noteProgress = () => {
    if (progress.ttftMs === null && observer.sawFirstToken) {
      progress.ttftMs = elapsedSince(call.startedMark);
      services.observer.firstToken(call.id, Date.now());
    }
    const now = performance.now();
    if (observer.sawFirstToken && now - lastProgressAt >= PROGRESS_INTERVAL_MS) {
      lastProgressAt = now;
      services.observer.progress(call.id, Math.round(observer.outputChars / CHARS_PER_TOKEN), Date.now());
    }
  };

  /** Follows decoded events; an error among them, before anything reached the client, fails the attempt with its status. */
  const observeDecoded = (events: readonly AnthropicStreamEvent[]) => {
    for (const event of events) observer.observe(event);
    if (observer.streamError && !response.headersSent) throw streamOpeningError(observer.streamError, upstreamLabel(attempt));
    accumulate(events);
  };

  /**
   * Encodes decoded events for the client and writes them. The OpenAI and Responses encoders
   * throw on the upstream's error event (the handler then writes the error chunk or events, and
   * nothing follows them); what
   * the same read decoded before that event is written first, or the client would miss the last
   * of the text before the error. One event at a time, so the text encoded before the throw is
   * not lost with it.
   */
  const writeEncoded = (events: readonly AnthropicStreamEvent[], trailer = ''): boolean => {
    let text = '';
    try {
      for (const event of events) text += encoder!.encode([event]);
    } catch (error) {
      writeOut(text);
      throw error;
    }
    return writeOut(text + trailer);
  };

  /**
   * A read that fails part-way: once the client has the stream, what the read decoded before the
   * failure is written first (the error event then follows it); before that, nothing is written,
   * so the failed attempt can still be retried or fall back.
   */
  const decodeOrWritePart = (decode: () => AnthropicStreamEvent[]): AnthropicStreamEvent[] => {
    try {
      return decode();
    } catch (error) {
      if (!(error instanceof PartialDecodeError)) throw error;
      if (response.headersSent) {
        observeDecoded(error.decoded);
        writeEncoded(error.decoded);
      }
      throw error;
    }
  };

  const relayChunk = (bytes: Buffer): Promise<void> | undefined => {
    const text = utf8.write(bytes);
    if (passthrough) {
      passthrough.push(text);
      // Nothing has reached the client yet: the attempt failed, and may be retried or fall back.
      if (observer.streamError && !response.headersSent) throw streamOpeningError(observer.streamError, upstreamLabel(attempt));
      if (cacheDecoder) accumulate(cacheDecoder.push(text));
      noteProgress();
      if (!usageFilter) return writeOut(bytes) ? waitForDrain(response) : undefined;
      const kept = usageFilter.push(text);
      // The read's own bytes when the filter kept it whole and the UTF-8 decoder holds nothing on
      // either side of it (both reads end in a line break); otherwise the decoded text.
      const endsAtLineBreak = bytes[bytes.length - 1] === 0x0a || bytes[bytes.length - 1] === 0x0d;
      const sendBytes = kept === text && previousEndedAtLineBreak && endsAtLineBreak;
      previousEndedAtLineBreak = endsAtLineBreak;
      return writeOut(sendBytes ? bytes : kept) ? waitForDrain(response) : undefined;
    }
    const events = decodeOrWritePart(() => decoder!.push(text));
    observeDecoded(events);
    noteProgress();
    return writeEncoded(events) ? waitForDrain(response) : undefined;
  };

  try {
    await forEachChunk(body, relayChunk);
    if (passthrough) {
      passthrough.end();
      if (usageFilter && writeOut(usageFilter.end())) await waitForDrain(response);
      if (cacheDecoder) accumulate(cacheDecoder.end());
    } else {
      const events = decodeOrWritePart(() => decoder!.end());
      observeDecoded(events);
      // An OpenAI client reads [DONE] as "complete": a stream cut short gets the error below instead.
      const whole = observer.sawMessageStop && !observer.streamError;
      if (writeEncoded(events, whole ? encoder!.end() : '')) await waitForDrain(response);
    }
  } catch (caught) {
    // Whatever stopped the relay (an unreadable event, a failed write), the upstream must not keep its connection mid-answer.
    abandon(body);
    const error = caught instanceof PartialDecodeError ? caught.cause : caught;
    throw signal.aborted || GatewayError.isInstance(error) ? error : attempt.provider.describeFailure(error);
  } finally {
    Object.assign(progress.usage, observer.usage);
  }
  if (observer.streamError) {
    // The upstream's error event has reached the client, as it was sent or encoded for an
    // Anthropic client (an OpenAI or Responses client's encoder throws on it instead, and the
    // handler writes it); a second one of ours after it would be a duplicate. Ending here leaves
    // it to the record.
    response.end();
    throw new GatewayError('provider_stream_interrupted', 502, `The upstream reported an error mid-stream (${observer.streamError.type}): ${observer.streamError.message}`);
  }
  if (!observer.sawMessageStop) {
    throw new GatewayError('provider_stream_interrupted', 502, `${upstreamLabel(attempt)} ended the stream before it was complete.`);
  }
  progress.finalMessage = accumulator?.message() ?? null;
  response.end();
}
