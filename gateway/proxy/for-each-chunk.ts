import type { Readable } from 'node:stream';

/**
 * Hands each chunk of a stream to `onChunk` until the stream ends. Listeners rather than
 * `for await`, which built an async iterator, a promise per chunk and an end-of-stream watcher
 * for every body (about 2.5% of the gateway's CPU under load, measured with --cpu-prof). When
 * `onChunk` throws, reading stops (the stream is paused, left to its owner) and the promise
 * rejects with that error.
 */
export function forEachChunk(stream: Readable, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.readableEnded) return resolve();
    if (stream.destroyed) return reject(stream.errored ?? prematureClose());
    const stop = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      try {
        onChunk(chunk);
      } catch (error) {
        stop();
        stream.pause();
        reject(error);
      }
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
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

const prematureClose = () => Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
