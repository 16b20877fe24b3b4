/**
 * SIGTERM ends any command within 5 s: a headers check stuck on a target that accepts the
 * connection and never answers (timeout 60 s), and a 60 s k6 load run. Real child processes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let server: net.Server;
let url: string;
const sockets = new Set<net.Socket>();
let requests = 0;
const work = mkdtempSync(path.join(os.tmpdir(), 'opsgate-sigterm-'));

beforeAll(async () => {
  // Answers `/` (the load check's reachability request) and `/fast`; holds every other request forever.
  server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('data', (d) => {
      requests++;
      const line = d.toString('latin1').split('\r\n')[0] ?? '';
      if (/^GET \/(fast)? /.test(line)) s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

/** Start `opsgate <args>`, wait until `ready()` holds, send SIGTERM, return how long the exit took. */
async function terminate(args: string[], ready: () => boolean): Promise<{ ms: number; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, PATH: `/root/go/bin:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(ready(), stderr).toBe(true);
  await new Promise((r) => setTimeout(r, 500));
  const t0 = Date.now();
  child.kill('SIGTERM');
  const code = await exited;
  return { ms: Date.now() - t0, code };
}

describe('SIGTERM', () => {
  it('ends a headers check waiting on a silent target within 5 s, with its evidence written', async () => {
    const config = path.join(work, 'headers.yml');
    writeFileSync(
      config,
      `target:\n  base-url: ${url}\n  timeout-ms: 60000\nheaders:\n  paths: [/fast, /hang]\n`,
    );
    const out = path.join(work, 'out-headers');
    const before = requests;
    const r = await terminate(['headers', '--config', config, '--out', out], () => requests >= before + 2);
    expect(r.ms).toBeLessThan(5000);
    expect(r.code).not.toBe(0);
    const evidence = JSON.parse(readFileSync(path.join(out, 'evidence', 'headers.json'), 'utf8')) as {
      verdict: string;
    };
    expect(evidence.verdict).toBe('error');
  }, 120_000);

  it('ends a 60 s k6 load run within 5 s', async () => {
    const config = path.join(work, 'load.yml');
    writeFileSync(
      config,
      `target:\n  base-url: ${url}\nload:\n  engine: k6\n  vus: 2\n  duration: 60s\n  endpoints: [{ name: fast, path: /fast }]\n`,
    );
    const before = requests;
    const r = await terminate(
      ['load', '--config', config, '--out', path.join(work, 'out-load')],
      () => requests > before + 5,
    );
    expect(r.ms).toBeLessThan(5000);
  }, 120_000);
});
