/**
 * Benchmark: a 1,000-cell RBAC matrix on loopback through the rbac check, against the same
 * requests (logins included) from a raw keep-alive HTTP client with the same concurrency.
 * Target: rbac check ≤ 1.3× the raw client. Run with `npx tsx bench/rbac-matrix.ts`.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { stringify } from 'yaml';
import { setupDemoDatabase, DEFAULT_USER_PASSWORD } from '../examples/demo-target/src/server.js';
import { startPgCluster } from '../scripts/lib/pg-cluster.js';
import { runRbac } from '../src/checks/rbac/rbac-check.js';
import type { CheckContext } from '../src/checks/check.js';
import { parseConfigText } from '../src/core/config/load-config.js';
import { FsEvidenceStore } from '../src/core/store/fs-evidence-store.js';

const ROWS = 250;
const CONCURRENCY = 8;
const ROUNDS = 7;
const ROLES = { admin: 'admin@demo.test', manager: 'manager@demo.test', viewer: 'viewer@demo.test' };

const cluster = await startPgCluster({ dataDir: '.opsgate/bench-pg' });
const admin = new pg.Client({ connectionString: cluster.url() });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS opsgate_bench_rbac WITH (FORCE)');
await admin.query('CREATE DATABASE opsgate_bench_rbac');
await admin.end();
const databaseUrl = cluster.url('opsgate_bench_rbac');
await setupDemoDatabase(databaseUrl);
// The target runs in its own process, as a deployed service would: client CPU does not steal its event loop.
const child = spawn(process.execPath, ['--import', 'tsx', 'examples/demo-target/src/main.ts'], {
  env: { ...process.env, DATABASE_URL: databaseUrl, DEMO_RATE_LIMIT: '1000000', DEMO_PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const target = {
  url: await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`demo target exited with ${code}: ${out}`)));
  }),
  close: async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  },
};

const paths = Array.from({ length: ROWS }, (_, i) => `/api/companies/${i + 1}`);
const expect = { admin: 200, manager: 200, viewer: 200, anonymous: 401 };
const raw = {
  version: 1,
  target: { 'base-url': target.url },
  identities: Object.fromEntries(
    Object.entries(ROLES).map(([name, email]) => [
      name,
      { kind: 'json-login', login: { path: '/api/auth/login', body: { email, password: '${PW}' } } },
    ]),
  ),
  rbac: {
    concurrency: CONCURRENCY,
    'max-duration': '5m',
    defaults: [{ match: { path: '/api/companies/*' }, expect }],
    matrix: paths.map((path) => ({ path })),
  },
};
const config = parseConfigText(stringify(raw), 'bench.yml', { PW: DEFAULT_USER_PASSWORD });

/** Client-side CPU per run: unlike wall time, not inflated by other load on a shared machine. */
const cpu = { raw: [] as number[], check: [] as number[] };
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

async function viaCheck(): Promise<number> {
  const ctx: CheckContext = {
    config,
    configDir: os.tmpdir(),
    outDir: os.tmpdir() + '/opsgate-bench-rbac-none',
    store: new FsEvidenceStore(os.tmpdir() + '/opsgate-bench-rbac-store-none'),
    log: () => undefined,
    signal: new AbortController().signal,
    options: {},
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const e = await runRbac(ctx);
  const ms = performance.now() - t0;
  cpu.check.push(cpuMs(process.cpuUsage(cpu0)));
  if (e.metrics.cells !== 1000 || e.metrics.enforced !== 1000)
    throw new Error(`unexpected result: ${e.summary}`);
  return ms;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${target.url}${path}`, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function viaRawClient(): Promise<number> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const tokens: Record<string, string> = {};
  await Promise.all(
    Object.entries(ROLES).map(async ([name, email]) => {
      const res = await rawRequest(
        'POST',
        '/api/auth/login',
        { 'content-type': 'application/json' },
        JSON.stringify({ email, password: DEFAULT_USER_PASSWORD }),
      );
      tokens[name] = (JSON.parse(res.text) as { token: string }).token;
    }),
  );
  const jobs = paths.flatMap((p) => Object.keys(expect).map((who) => ({ p, who })));
  let next = 0;
  let ok = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const { p, who } = jobs[next++]!;
        const res = await rawRequest('GET', p, tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {});
        if (res.status === expect[who as keyof typeof expect]) ok++;
      }
    }),
  );
  const ms = performance.now() - t0;
  cpu.raw.push(cpuMs(process.cpuUsage(cpu0)));
  if (ok !== 1000) throw new Error(`raw client: ${ok} of 1000 as expected`);
  return ms;
}

try {
  // Warm-up: connections, PostgreSQL caches, JIT (not counted).
  for (let i = 0; i < 2; i++) {
    await viaRawClient();
    await viaCheck();
  }
  const check: number[] = [];
  const rawMs: number[] = [];
  // Alternate which runner goes first, so neither always inherits the other's leftovers.
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2) {
      check.push(await viaCheck());
      rawMs.push(await viaRawClient());
    } else {
      rawMs.push(await viaRawClient());
      check.push(await viaCheck());
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  cpu.raw.splice(0, 2); // warm-up rounds
  cpu.check.splice(0, 2);
  const r = median(rawMs);
  const c = median(check);
  console.log(
    `rbac matrix: 1,000 cells (${ROWS} requests × 4 identities, 3 logins), concurrency ${CONCURRENCY}, loopback, median of ${ROUNDS}`,
  );
  console.log(`machine: ${os.cpus().length} cores, shared with other work — figures are indicative`);
  console.log('');
  console.log('| runner | median ms | cells/s | client CPU ms (median) | rounds ms |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(
    `| raw keep-alive http.Agent | ${r.toFixed(0)} | ${(1000 / (r / 1000)).toFixed(0)} | ${median(cpu.raw).toFixed(0)} | ${rawMs.map((x) => x.toFixed(0)).join(', ')} |`,
  );
  console.log(
    `| opsgate rbac check | ${c.toFixed(0)} | ${(1000 / (c / 1000)).toFixed(0)} | ${median(cpu.check).toFixed(0)} | ${check.map((x) => x.toFixed(0)).join(', ')} |`,
  );
  console.log('');
  console.log(
    `ratio rbac / raw (wall): ${(c / r).toFixed(2)}× (target ≤ 1.30×) ${c / r <= 1.3 ? 'OK' : 'OVER'}`,
  );
  console.log(`ratio rbac / raw (client CPU): ${(median(cpu.check) / median(cpu.raw)).toFixed(2)}×`);
} finally {
  agent.destroy();
  await target.close();
  await cluster.stop();
}
