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

export interface RawServer extends RecordingServer {
  /** Stop listening and drop every connection: later requests are refused (a killed target). */
  kill(): Promise<void>;
}

/**
 * A target speaking raw HTTP/1.1 so it can misbehave the way a broken proxy does:
 * `/big` answers a 1 MB header, `/ctl` a header with a NUL byte, `/reset` drops the connection,
 * anything else answers 200 with a complete set of security headers. POST /records creates #77;
 * DELETE /records/77 answers 500 (the record is not deleted). After `killAfter` requests the
 * server kills itself.
 */
export async function startRawTarget(opts: { killAfter?: number } = {}): Promise<RawServer> {
  const net = await import('node:net');
  const seen: SeenRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const secure =
    "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n";
  const reply = (status: string, extra = '', body = 'ok'): string =>
    `HTTP/1.1 ${status}\r\n${extra}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  let killed = false;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = '';
    socket.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [line] = buf.split('\r\n');
      const [method = '', url = ''] = line!.split(' ');
      seen.push({ method, url, headers: {} });
      if (opts.killAfter !== undefined && seen.length > opts.killAfter) {
        socket.destroy();
        if (!killed) void kill();
        return;
      }
      if (url.startsWith('/reset')) return void socket.resetAndDestroy();
      if (url.startsWith('/big'))
        return void socket.end(reply('200 OK', `X-Big: ${'a'.repeat(1 << 20)}\r\n`));
      if (url.startsWith('/ctl')) return void socket.end(reply('200 OK', 'X-Bad: a\u0000b\r\n'));
      if (method === 'POST' && url === '/records')
        return void socket.end(reply('201 Created', '', '{"id":77}'));
      if (method === 'DELETE' && url === '/records/77')
        return void socket.end(reply('500 Internal Server Error'));
      socket.end(reply('200 OK', secure, '{"ok":true}'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const kill = async (): Promise<void> => {
    killed = true;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    kill,
    close: () => (killed ? Promise.resolve() : kill()),
  };
}

/** Lines a hostile exporter writes: markup, mentions and control characters among a few valid samples. */
export const HOSTILE_EXPOSITION = [
  '# HELP process_resident_memory_bytes Resident memory <b>size</b> @everyone',
  '# TYPE process_resident_memory_bytes gauge',
  'process_resident_memory_bytes 1048576',
  'this is { not a metric line',
  '# TYPE broken',
  'evil\u0007name{x="<img src=x onerror=alert(1)>"} 1',
  'db_pool_open_connections{pool="main",note="\u001b[31m@org/team #12 `|`"} 3',
  'value_not_a_number{a="b"} twelve',
  '<html><body>not metrics</body></html>',
  '',
].join('\n');

export interface MetricsTarget extends RecordingServer {
  /** Bytes /metrics/huge wrote before the client went away. */
  hugeBytesWritten(): number;
}

/**
 * A target whose load endpoints answer 200 but whose metrics endpoint is hostile:
 * `/metrics/huge` streams 64 MB, `/metrics/garbage` mixes valid samples with garbage,
 * `/metrics/redirect` answers 302 to the other host, `/metrics/html` a web page.
 */
export async function startHostileMetricsTarget(other: RecordingServer): Promise<MetricsTarget> {
  const seen: SeenRequest[] = [];
  let written = 0;
  const { server, port } = await listen((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    const url = req.url ?? '/';
    if (url === '/metrics/redirect')
      return void res
        .writeHead(302, { location: `http://127.0.0.1:${other.port}/stolen`, 'content-length': '0' })
        .end();
    if (url === '/metrics/garbage')
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(HOSTILE_EXPOSITION);
    if (url === '/metrics/html')
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html>\n<html><body>hi</body></html>\n');
    if (url === '/metrics/huge') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const line = Buffer.from(`${'x'.repeat(60)}_total 1\n`.repeat(1024));
      let left = 64 * 1024 * 1024;
      const pump = (): void => {
        while (left > 0 && !res.destroyed) {
          left -= line.length;
          written += line.length;
          if (!res.write(line)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (left = 0));
      return pump();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: closer(server),
    hugeBytesWritten: () => written,
  };
}
