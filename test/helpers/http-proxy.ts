/**
 * An HTTP proxy on 127.0.0.1, as a corporate proxy answers: http:// requests arrive in absolute
 * form and are forwarded, https:// ones arrive as CONNECT and are tunnelled. Whatever host a
 * request names, it goes to one local server, so an upstream can be given a host name no resolver
 * knows. Records each request's target (host:port) and Proxy-Authorization; can refuse them all
 * with a status.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  /** `CONNECT` for a tunnel, else the method of the forwarded request. */
  method: string;
  /** host:port the client asked for. */
  target: string;
  authorization: string | undefined;
}

export interface HttpProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: ProxiedRequest[];
  /** Answer every request with this status instead of passing it on (407 asks for credentials). */
  refuseWith(status: number | undefined): void;
  close(): Promise<void>;
}

export async function startHttpProxy(forwardTo: URL): Promise<HttpProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  let refusal: number | undefined;
  const refusalHead = (status: number) => `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Refused'}\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n`;
  const server = http.createServer((request, response) => {
    const target = new URL(request.url ?? '/');
    requests.push({ method: request.method ?? '', target: `${target.hostname}:${target.port || '80'}`, authorization: request.headers['proxy-authorization'] });
    if (refusal !== undefined) {
      response.writeHead(refusal, { 'proxy-authenticate': 'Basic realm="corp"' }).end();
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request({ host: forwardTo.hostname, port: forwardTo.port, method: request.method, path: target.pathname + target.search, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    requests.push({ method: 'CONNECT', target: request.url ?? '', authorization: request.headers['proxy-authorization'] });
    if (refusal !== undefined) {
      client.end(refusalHead(refusal));
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
    requests,
    refuseWith(status) {
      refusal = status;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
