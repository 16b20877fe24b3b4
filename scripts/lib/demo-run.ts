import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { parseFlaws } from '../../examples/demo-target/src/flaws.js';
import {
  DEFAULT_USER_PASSWORD,
  setupDemoDatabase,
  startDemoTarget,
} from '../../examples/demo-target/src/server.js';
import { main } from '../../src/cli/main.js';
import { ensureWapiti } from './ensure-wapiti.js';
import { ConfigError } from '../../src/core/errors.js';
import { startPgCluster } from './pg-cluster.js';

export interface DemoOptions {
  /** Where evidence and reports go (default `opsgate-out`). */
  outDir: string;
  /** Demo target flaws (`DEMO_FLAWS`), to watch the gate fail. */
  flaws: string[];
  config?: string;
  /** Demo target profile (`DEMO_PROFILE`): `default` or `strict`. */
  profile?: 'default' | 'strict';
}

const DEMO_DATABASE = 'opsgate_demo';
/** The demo's cluster; the fault scenario in opsgate.demo.yml stops and starts it by this path. */
const DEMO_PG_DIR = '.opsgate/demo-pg';

/**
 * The monthly drill against the embedded demo target: a private PostgreSQL cluster, the demo
 * database freshly seeded, the target on a free loopback port, `opsgate drill`, then the runbooks.
 * Returns the drill's exit code; everything it started is stopped again.
 */
export async function runDemo(opts: DemoOptions): Promise<number> {
  let flaws: string[];
  try {
    flaws = [...parseFlaws(opts.flaws)];
  } catch (err) {
    throw new ConfigError(`DEMO_FLAWS: ${(err as Error).message}`);
  }
  const say = (m: string): void => void process.stderr.write(`demo: ${m}\n`);
  const outDir = path.resolve(opts.outDir);
  await rm(path.join(outDir, 'evidence'), { recursive: true, force: true });
  // A fresh request ledger: the run's budget accounting starts at zero.
  await rm(path.join(outDir, 'ledger'), { recursive: true, force: true });
  const strict = opts.profile === 'strict';
  await mkdir(outDir, { recursive: true });

  say(`starting a private PostgreSQL cluster (${DEMO_PG_DIR})…`);
  await ensureWapiti((line) => console.error(line));
  const cluster = await startPgCluster({ dataDir: DEMO_PG_DIR });
  let stopTarget: (() => Promise<void>) | undefined;
  try {
    await recreateDatabase(cluster.url(), DEMO_DATABASE);
    const databaseUrl = cluster.url(DEMO_DATABASE);
    const userPassword = process.env.DEMO_USER_PASSWORD || DEFAULT_USER_PASSWORD;
    say('seeding the demo database…');
    await setupDemoDatabase(databaseUrl, { userPassword });
    await enableStatementStatistics(databaseUrl);
    // Load and probes pass the global limiter with this header (as real load tests do); abuse does not.
    const bypass = randomBytes(18).toString('base64url');
    const target = await startDemoTarget({
      databaseUrl,
      port: 0,
      flaws,
      profile: opts.profile ?? 'default',
      // Strict: one per-IP limiter counts the whole drill, so its promise is sized for one drill.
      rateLimit: strict ? 3000 : 100,
      rateWindowMs: 15 * 60_000,
      rateLimitBypassToken: strict ? undefined : bypass,
      requestLogPath: path.join(outDir, 'demo-target-requests.jsonl'),
    });
    stopTarget = () => target.close();
    say(`demo target on ${target.url}${flaws.length ? ` with flaws: ${flaws.join(', ')}` : ''}`);

    Object.assign(process.env, {
      DEMO_URL: target.url,
      DEMO_USER_PASSWORD: userPassword,
      DEMO_DATABASE_URL: databaseUrl,
      DEMO_PG_URL: cluster.url('postgres'),
      DEMO_RATE_LIMIT_BYPASS: bypass,
    });
    const config =
      opts.config ?? `examples/demo-target/${strict ? 'opsgate.strict.yml' : 'opsgate.demo.yml'}`;
    const code = await main(['drill', '--config', config, '--out', outDir, '--drill', 'drills/monthly.yml']);
    if (code === 0 || code === 1) {
      const runbooks = await main(['runbooks', '--config', config, '--out', outDir]);
      if (runbooks !== 0) say(`runbooks exited ${runbooks}`);
      say(`report: ${path.join(outDir, 'report.md')} — gate ${code === 0 ? 'passed' : 'failed'}`);
    }
    return code;
  } finally {
    await stopTarget?.();
    await cluster.stop();
  }
}

/** The db check's top queries need pg_stat_statements in the demo database (the cluster preloads it). */
async function enableStatementStatistics(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements'",
    );
    if (!rows.length) return;
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    // Start the statistics window after seeding, so the top queries are the drill's traffic.
    await client.query('SELECT pg_stat_statements_reset()');
  } finally {
    await client.end();
  }
}

async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}
