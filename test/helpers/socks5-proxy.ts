/**
 * A SOCKS5 proxy on 127.0.0.1 (no authentication, CONNECT only), as `ALL_PROXY=socks5://…`
 * names one: every connection, whatever host it asks for, goes to one local server, so an
 * upstream can be given a host name no resolver knows. Records the host:port each client asked for.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Socks5Proxy {
  /** socks5://127.0.0.1:PORT */
  url: string;
  targets: string[];
  close(): Promise<void>;
}

/** The requested host:port in a SOCKS5 CONNECT request (RFC 1928 §4), or undefined until it is whole. */
function requestedTarget(request: Buffer): { target: string; length: number } | undefined {
  if (request.length < 5) return undefined;
  const addressType = request[3];
  let host: string;
  let end: number;
  if (addressType === 1) {
    end = 8;
    host = [...request.subarray(4, 8)].join('.');
  } else if (addressType === 3) {
    end = 5 + request[4]!;
    host = request.subarray(5, end).toString('latin1');
  } else {
    end = 20;
    host = request.subarray(4, 20).toString('hex');
  }
  if (request.length < end + 2) return undefined;
  return { target: `${host}:${request.readUInt16BE(end)}`, length: end + 2 };
}

export async function startSocks5Proxy(forwardTo: URL): Promise<Socks5Proxy> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    let stage: 'greeting' | 'request' = 'greeting';
    const onData = (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      if (stage === 'greeting') {
        if (buffered.length < 2 || buffered.length < 2 + buffered[1]!) return;
        buffered = buffered.subarray(2 + buffered[1]!);
        stage = 'request';
        client.write(Buffer.from([5, 0]));
      }
      const request = requestedTarget(buffered);
      if (request === undefined) return;
      client.removeListener('data', onData);
      targets.push(request.target);
      const rest = buffered.subarray(request.length);
      const upstream = net.connect(Number(forwardTo.port), forwardTo.hostname, () => {
        client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `socks5://127.0.0.1:${port}`,
    targets,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
