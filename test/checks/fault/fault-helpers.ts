import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import {
  setupDemoDatabase,
  startDemoTarget,
  type DemoTarget,
} from '../../../examples/demo-target/src/server.js';
import { startPgCluster, type PgCluster } from '../../../scripts/lib/pg-cluster.js';
import { pgTool } from '../../../src/engines/postgres/pg-binaries.js';
import { DEMO_PASSWORD } from '../../support/demo.js';
import type { RawConfig } from '../demo-check-context.js';

const root = path.resolve(import.meta.dirname, '../../..');
export const BYPASS = 'fault-test-bypass-token';

/**
 * A PostgreSQL cluster of its own: the fault drill stops and starts it, which the shared test
 * cluster (used by every other test file at the same time) must never see.
 */
export async function startScratchCluster(): Promise<
  PgCluster & { databaseUrl: string; remove(): Promise<void> }
> {
  const dataDir = path.join(root, '.opsgate', `fault-pg-${randomBytes(4).toString('hex')}`);
  const cluster = await startPgCluster({ dataDir });
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE demo_fault');
  await admin.end();
  const databaseUrl = cluster.url('demo_fault');
  await setupDemoDatabase(databaseUrl);
  return {
    ...cluster,
    databaseUrl,
    remove: async () => {
      await cluster.stop().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** pg_ctl as an argv list, run as the postgres OS user when the tests run as root (as initdb was). */
export function pgCtl(cluster: PgCluster, action: 'stop' | 'start'): string[] {
  const tool = pgTool(cluster.binDir, 'pg_ctl');
  const args =
    action === 'stop'
      ? [tool, 'stop', '-D', cluster.dataDir, '-m', 'fast', '-w', '-t', '30']
      : [
          tool,
          'start',
          '-D',
          cluster.dataDir,
          '-w',
          '-t',
          '30',
          '-l',
          path.join(cluster.dataDir, 'server.log'),
          '-o',
          `-p ${cluster.port}`,
        ];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args;
}

/** True when the cluster answers a query. */
export async function databaseUp(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export function startFaultDemo(cluster: { databaseUrl: string }, flaws: string[] = []): Promise<DemoTarget> {
  return startDemoTarget({ databaseUrl: cluster.databaseUrl, port: 0, flaws, rateLimitBypassToken: BYPASS });
}

/** The demo scenario: stop PostgreSQL under the target, probe /health and a cached list, start it again. */
export function databaseDownScenario(cluster: PgCluster & { databaseUrl: string }, name = 'database down') {
  return demoScenario(
    name,
    { command: pgCtl(cluster, 'stop'), timeout: '30s' },
    { command: pgCtl(cluster, 'start'), timeout: '30s' },
    cluster.databaseUrl,
  );
}

/** Probes and consistency checks of the demo scenarios, with any inject and recover. */
export function demoScenario(name: string, inject: unknown, recover: unknown, databaseUrl: string) {
  return {
    name,
    inject,
    recover,
    probe: {
      rate: 10,
      endpoints: [
        {
          name: 'health',
          path: '/health',
          detect: { status: [503] },
          expect: { during: { status: [200, 503], 'retry-after': true, 'max-latency': '2s' } },
        },
        {
          name: 'companies',
          path: '/api/companies',
          identity: 'viewer',
          expect: { during: { status: [200, 503], 'retry-after': true, p95: '1s' } },
        },
      ],
      phases: { before: '1s', during: '2s', after: '1s', 'recovery-timeout': '6s' },
      'healthy-after': 3,
    },
    'detect-within': '2s',
    'recover-within': '5s',
    consistency: [
      {
        name: 'seeded companies survive',
        sql: {
          url: databaseUrl,
          query: 'SELECT count(*) FROM companies',
          expect: { op: '>=', value: 1200 },
        },
      },
      {
        name: 'company 1 readable',
        http: { path: '/api/companies/1', identity: 'viewer', 'body-contains': '"id":1' },
      },
    ],
  };
}

/** target + the viewer identity + a fault section with the given scenarios. */
export function faultConfig(
  url: string,
  scenarios: unknown[],
  target: Record<string, unknown> = {},
): RawConfig {
  return {
    version: 1,
    target: {
      'base-url': url,
      'allow-hosts': ['127.0.0.1'],
      'allow-destructive': true,
      headers: { 'X-RateLimit-Bypass': BYPASS },
      ...target,
    },
    identities: {
      viewer: {
        kind: 'json-login',
        login: { path: '/api/auth/login', body: { email: 'viewer@demo.test', password: DEMO_PASSWORD } },
        'token-path': '$.token',
      },
    },
    fault: { enabled: true, scenarios },
  };
}
