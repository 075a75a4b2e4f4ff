/**
 * The part of node:http's ServerResponse the proxy writes to. The proxy depends on this
 * shape, not on node:http (R5), which also lets tests drive it with a fake.
 */
export interface ClientResponse {
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
  writeHead(status: number, headers: Record<string, string | number | string[]>): unknown;
  write(chunk: string | Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
}

/**
 * Calls `leave` when the client goes away before the answer has ended (the response closing
 * unfinished; the request's own 'close' fires once its body is read, so it cannot tell).
 * Returns the function that stops watching, for when the answer is done.
 */
export function whenClientLeaves(response: ClientResponse, leave: () => void): () => void {
  const onClose = () => {
    if (!response.writableEnded) leave();
  };
  response.once('close', onClose);
  return () => response.removeListener('close', onClose);
}
