import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentLedgerScope, recordRequest } from '../http/request-ledger.js';

/**
 * The forward proxy every wapiti request goes through. It is the scan's request policy: only
 * absolute `http://` requests to the target origin pass; every other host is refused (and
 * counted), `CONNECT` tunnels are refused, and in passive mode only GET/HEAD pass, so no attack
 * request can reach the target even if a module tried one. The identity's auth header is added
 * here, so the credential never appears in the scanner's argv or files. Redirects are passed back
 * to the scanner as answers, never followed by the proxy.
 */
export interface ScopeProxy {
  url: string;
  stats: { forwarded: number; refused: number; refusedHosts: string[] };
  close(): Promise<void>;
}

export interface ScopeProxyOptions {
  /** The only origin requests may go to, e.g. `http://127.0.0.1:8080`. */
  origin: string;
  passiveOnly: boolean;
  authHeader?: { name: string; value: string };
  /** Ledger identity of the scan's requests. */
  identity?: string;
}

const PASSIVE_METHODS = new Set(['GET', 'HEAD']);

export async function startScopeProxy(opts: ScopeProxyOptions): Promise<ScopeProxy> {
  const origin = new URL(opts.origin);
  // Captured here: the server's callbacks do not run inside the check's ledger scope.
  const ledger = currentLedgerScope();
  const stats = { forwarded: 0, refused: 0, refusedHosts: [] as string[] };
  const refuse = (res: http.ServerResponse, why: string, host: string): void => {
    stats.refused++;
    if (!stats.refusedHosts.includes(host) && stats.refusedHosts.length < 20) stats.refusedHosts.push(host);
    res.writeHead(403, { 'Content-Type': 'text/plain' }).end(`opsgate scope: ${why}`);
  };
  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      return refuse(res, 'not an absolute URL', '?');
    }
    if (url.protocol !== 'http:' || url.host !== origin.host)
      return refuse(res, 'outside the target', url.host);
    if (opts.passiveOnly && !PASSIVE_METHODS.has(req.method ?? ''))
      return refuse(res, `${req.method} refused in a passive scan`, url.host);
    stats.forwarded++;
    const headers: http.OutgoingHttpHeaders = { ...req.headers, host: origin.host };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    if (opts.authHeader) headers[opts.authHeader.name.toLowerCase()] = opts.authHeader.value;
    const upstream = http.request(
      {
        host: origin.hostname,
        port: origin.port || 80,
        method: req.method,
        path: url.pathname + url.search,
        headers,
      },
      (up) => {
        const status = up.statusCode ?? 502;
        recordRequest(
          { url: url.toString(), identity: opts.identity ?? '-', method: req.method ?? 'GET', status },
          ledger,
        );
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.setTimeout(30_000, () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    stats.refused++;
    const host = req.url ?? '?';
    if (!stats.refusedHosts.includes(host) && stats.refusedHosts.length < 20) stats.refusedHosts.push(host);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
