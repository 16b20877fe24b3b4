import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test server saw: enough to prove what reached it and with which credentials. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface RecordingServer {
  url: string;
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

function closer(server: http.Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

/** The "other host": every request it receives is recorded; a test asserts it got none. */
export async function startOtherHost(): Promise<RecordingServer> {
  const seen: SeenRequest[] = [];
  const { server, port } = await listen((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"stolen","id":1}');
  });
  return { url: `http://127.0.0.1:${port}`, port, seen, close: closer(server) };
}

/**
 * A hostile target on loopback: it answers every request with a 302 to the other host — to
 * another port on 127.0.0.1, or (paths under /to-localhost/) to `localhost` — except `/` (200, so
 * a reachability check passes). Every request it receives is recorded, DELETEs included.
 */
export async function startRedirectingTarget(other: RecordingServer): Promise<RecordingServer> {
  const seen: SeenRequest[] = [];
  const { server, port } = await listen((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    const url = req.url ?? '/';
    if (url === '/') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    const host = url.startsWith('/to-localhost/') ? `localhost:${other.port}` : `127.0.0.1:${other.port}`;
    res.writeHead(302, { location: `http://${host}/stolen${url}`, 'content-length': '0' }).end();
  });
  return { url: `http://127.0.0.1:${port}`, port, seen, close: closer(server) };
}
