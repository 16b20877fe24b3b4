import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  url: string;
  /** Every token value seen in a login response (`$.token`). */
  tokens: Set<string>;
  close(): Promise<void>;
}

/**
 * A loopback reverse proxy in front of the demo target that remembers the tokens the target
 * hands out, so a test can prove none of them reached any file opsgate wrote.
 */
export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const tokens = new Set<string>();
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', upstream);
    const out = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          if (req.url?.startsWith('/api/auth/login')) {
            try {
              const token = (JSON.parse(body.toString('utf8')) as { token?: string }).token;
              if (token) tokens.add(token);
            } catch {
              // not JSON: nothing to remember
            }
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(body);
        });
      },
    );
    out.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
