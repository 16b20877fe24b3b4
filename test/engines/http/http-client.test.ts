import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetUnreachableError } from '../../../src/core/errors.js';
import { httpRequest } from '../../../src/engines/http/http-client.js';

let server: http.Server;
let base: string;
const connections = new Set<unknown>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    connections.add(req.socket);
    if (req.url === '/hang') return;
    if (req.url === '/redirect') return res.writeHead(302, { location: '/login' }).end();
    if (req.url === '/cookies')
      return res
        .writeHead(200, [
          ['set-cookie', 'a=1; Path=/'],
          ['set-cookie', 'b=2; Path=/'],
        ])
        .end();
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, body, contentType: req.headers['content-type'] ?? null }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('httpRequest', () => {
  it('sends JSON bodies, parses JSON answers and reuses one kept-alive connection', async () => {
    connections.clear();
    for (let i = 0; i < 5; i++) {
      const res = await httpRequest({ method: 'POST', url: `${base}/echo`, body: { n: i } });
      expect(res.json).toEqual({ method: 'POST', body: `{"n":${i}}`, contentType: 'application/json' });
    }
    expect(connections.size).toBe(1);
  });

  it('does not follow redirects and keeps every Set-Cookie header', async () => {
    const redirect = await httpRequest({ method: 'GET', url: `${base}/redirect` });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/login');
    const cookies = await httpRequest({ method: 'GET', url: `${base}/cookies` });
    expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('answers status 0 on a timeout and throws TargetUnreachableError when nothing listens', async () => {
    const slow = await httpRequest({ method: 'GET', url: `${base}/hang`, timeoutMs: 200 });
    expect(slow).toMatchObject({ status: 0, timedOut: true });
    const err = await httpRequest({ method: 'GET', url: 'http://127.0.0.1:9/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetUnreachableError);
    expect((err as Error).message).toContain('tried GET http://127.0.0.1:9/x');
  });
});
