/**
 * An HTTP CONNECT proxy on 127.0.0.1, as a corporate proxy answers: every tunnel, whatever host it
 * names, is connected to one local server, so an upstream can be given a host name no resolver
 * knows. Records each tunnel's target and Proxy-Authorization; can refuse tunnels with a status.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Tunnel {
  target: string;
  authorization: string | undefined;
}

export interface ConnectProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  tunnels: Tunnel[];
  /** Answer every CONNECT with this status instead of opening the tunnel (407 asks for credentials). */
  refuseWith(status: number | undefined): void;
  close(): Promise<void>;
}

export async function startConnectProxy(forwardTo: URL): Promise<ConnectProxy> {
  const tunnels: Tunnel[] = [];
  const sockets = new Set<net.Socket>();
  let refusal: number | undefined;
  const server = http.createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    tunnels.push({ target: request.url ?? '', authorization: request.headers['proxy-authorization'] });
    if (refusal !== undefined) {
      client.end(`HTTP/1.1 ${refusal} ${http.STATUS_CODES[refusal] ?? 'Refused'}\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const upstream = net.connect(Number(forwardTo.port), forwardTo.hostname, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => { sockets.delete(upstream); client.destroy(); });
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    refuseWith(status) {
      refusal = status;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
