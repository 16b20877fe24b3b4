/**
 * Real k6 against a counting server on loopback: K6_* variables in the environment cannot change
 * the planned load (they are removed from k6's environment and named in the evidence), and a run
 * that sent 0 requests is an `error` verdict that never becomes a baseline.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runLoadCli } from './load-test-kit.js';

process.env.PATH = `/root/go/bin:${process.env.PATH ?? ''}`;
let server: http.Server;
let url: string;
let received = 0;
const dirs: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received++;
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const PLAN_CHANGERS = {
  K6_VUS: '50',
  K6_DURATION: '1m',
  K6_ITERATIONS: '5000',
  K6_STAGES: '10s:100',
  K6_MAX_REDIRECTS: '10',
  K6_NEW_MACHINE_READABLE_SUMMARY: 'true',
  OPSGATE_BASE_URL: 'http://127.0.0.1:9',
};
afterEach(() => {
  for (const k of Object.keys(PLAN_CHANGERS)) Reflect.deleteProperty(process.env, k);
});

function yaml(load: string, storeDir: string, engine = 'k6'): string {
  return `version: 1
target:
  base-url: ${url}
store:
  dir: ${storeDir}
load:
  engine: ${engine}
${load}
  endpoints:
    - { name: ping, path: /ping }
`;
}

describe('k6 hygiene', () => {
  it('K6_VUS, K6_DURATION, K6_ITERATIONS, … set: the planned 30 iterations run, the variables are named', async () => {
    Object.assign(process.env, PLAN_CHANGERS);
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-k6-env-'));
    dirs.push(storeDir);
    const before = received;
    const r = await runLoadCli(yaml('  iterations: 30\n  vus: 2', storeDir));
    expect(r.code, r.stdout).toBe(0);
    // 30 planned requests plus the one reachability check; not 5,000 iterations nor 50 VUs for 1 m.
    expect(received - before).toBe(31);
    const data = r.evidence.data as { total: { requests: number }; removedEnv: string[] };
    expect(data.total.requests).toBe(30);
    expect(data.removedEnv).toEqual(Object.keys(PLAN_CHANGERS).sort());
  }, 120_000);

  for (const engine of ['k6', 'embedded']) {
    it(`${engine}: a run that sends 0 requests is an error verdict (exit 3), never a baseline`, async () => {
      const storeDir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-k6-zero-'));
      dirs.push(storeDir);
      const r = await runLoadCli(yaml('  stages: [{ duration: 0s, target: 2 }]', storeDir, engine));
      expect(r.evidence.verdict).toBe('error');
      expect(r.code).toBe(3);
      expect(r.evidence.error?.message).toMatch(/sent 0 requests/);
      const stored = await readdir(storeDir, { recursive: true }).catch(() => []);
      expect(stored.filter((f) => String(f).endsWith('.json'))).toEqual([]);
    }, 120_000);
  }
});
