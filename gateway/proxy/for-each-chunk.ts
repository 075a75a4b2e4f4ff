import type { Readable } from 'node:stream';

/**
 * Hands the stream's data to `onChunk` until the stream ends: whatever has arrived by the time
 * the stream says it is readable, joined into one chunk (twenty SSE events read off one socket
 * read are one call and one client write, not twenty). A `readable` listener rather than
 * `for await`, which built an async iterator, a promise per chunk and an end-of-stream watcher
 * for every body (about 2.5% of the gateway's CPU under load, measured with --cpu-prof). When
 * `onChunk` returns a promise (a consumer waiting for its own reader to drain), nothing more is
 * read until it settles, so the stream's buffer fills and its source is paused. When `onChunk`
 * throws, reading stops (the stream is left paused, to its owner) and the promise rejects with
 * that error.
 */
export function forEachChunk(stream: Readable, onChunk: (chunk: Buffer) => void | Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.readableEnded) return resolve();
    if (stream.destroyed) return reject(stream.errored ?? prematureClose());
    let stopped = false;
    let waiting = false;
    const stop = () => {
      stopped = true;
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const fail = (error: unknown) => {
      stop();
      stream.pause();
      reject(error);
    };
    const readBuffered = () => {
      let chunk: Buffer | null;
      while (!stopped && (chunk = stream.read() as Buffer | null) !== null) {
        let wait: void | Promise<void>;
        try {
          wait = onChunk(chunk);
        } catch (error) {
          fail(error);
          return;
        }
        if (wait) {
          waiting = true;
          wait.then(() => {
            waiting = false;
            if (!stopped) readBuffered();
          }, fail);
          return;
        }
      }
    };
    const onReadable = () => {
      if (!waiting) readBuffered();
    };
    const onEnd = () => {
      stop();
      resolve();
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    // Destroyed without an error (an aborted client, a cancelled upstream): the body is incomplete.
    const onClose = () => {
      stop();
      reject(prematureClose());
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

const prematureClose = () => Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });

const ignoreError = () => {};

/**
 * Closes a stream nobody will read further, such as an upstream body left mid-answer, so it
 * does not hold its connection. Destroying an unfinished body makes it emit an abort error
 * (undici's does); with no reader left to listen, that would be an uncaught exception.
 */
export function abandon(stream: Readable): void {
  if (stream.destroyed) return;
  stream.on('error', ignoreError);
  stream.destroy();
}
