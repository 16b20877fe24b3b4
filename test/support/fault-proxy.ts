import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  /** Port the client (the demo target's pool) connects to instead of the upstream. */
  port: number;
  /** http://127.0.0.1:<port> of the control API: POST /cut, POST /restore. */
  controlUrl: string;
  close(): Promise<void>;
}

/**
 * A small TCP fault proxy in the manner of toxiproxy: bytes pass through to the upstream until
 * `POST /cut` drops every connection and refuses new ones; `POST /restore` lets them in again.
 * Only the tests start it, on loopback.
 */
export async function startFaultProxy(upstreamPort: number): Promise<FaultProxy> {
  let cut = false;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const control = http.createServer((req, res) => {
    if (req.method !== 'POST' || (req.url !== '/cut' && req.url !== '/restore')) {
      res.writeHead(404).end();
      return;
    }
    cut = req.url === '/cut';
    if (cut) for (const s of sockets) s.destroy();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cut }));
  });
  const listen = (server: net.Server) =>
    new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
  const port = await listen(proxy);
  const controlPort = await listen(control);
  return {
    port,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      control.closeAllConnections();
      await Promise.all([proxy, control].map((s) => new Promise((r) => s.close(r))));
    },
  };
}
