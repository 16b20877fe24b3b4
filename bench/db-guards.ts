/**
 * `db` check overhead vs raw psql, on a database with 100 tables.
 *
 *   npx tsx bench/db-guards.ts [--tables 100] [--rows 5000] [--runs 50] [--reps 3]
 *
 * Starts a private cluster (.opsgate/bench-pg, pg_stat_statements preloaded), creates a database
 * with N indexed tables and some traffic in pg_stat_statements, then times, per repetition:
 *   1. one guard's EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) × R through the check's read-only session
 *      vs the same R statements in one raw `psql -X -f` session: p50/p95 of the execution time
 *      PostgreSQL reports, and wall time;
 *   2. the whole `db` check (session, privileges, top queries, the guard, baseline, store) vs that psql run.
 * The database is dropped afterwards. Figures measured with it are in docs/checks/db.md (Performance).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { dbCheck } from '../src/checks/db/db-check.js';
import { runQueryGuard, samplePercentile } from '../src/checks/db/query-guard.js';
import { parseConfigText } from '../src/core/config/load-config.js';
import { FsEvidenceStore } from '../src/core/store/fs-evidence-store.js';
import { toolConnection } from '../src/engines/postgres/connection.js';
import { pgTool } from '../src/engines/postgres/pg-binaries.js';
import { openReadOnlySession } from '../src/engines/postgres/read-only-session.js';
import { startPgCluster } from '../scripts/lib/pg-cluster.js';

const execFileAsync = promisify(execFile);
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TABLES = arg('tables', 100);
const ROWS = arg('rows', 5000);
const RUNS = arg('runs', 50);
const REPS = arg('reps', 3);
const DB = 'opsgate_bench_db';
// An aggregate over ~20 % of one table: long enough (≈1 ms) that timer noise does not dominate.
const GUARD_SQL = `SELECT k, count(*), max(v) FROM t${String(Math.ceil(TABLES / 2)).padStart(3, '0')} WHERE k < $1 GROUP BY k`;
const say = (m: string): void => void process.stderr.write(`bench: ${m}\n`);
const round = (n: number): number => Math.round(n * 1000) / 1000;

async function exec(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

const cluster = await startPgCluster({ dataDir: '.opsgate/bench-pg' });
const work = await mkdtemp(path.join(os.tmpdir(), 'opsgate-bench-db-'));
try {
  const server = cluster.url('postgres');
  await exec(server, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await exec(server, `CREATE DATABASE ${DB}`);
  const url = cluster.url(DB);
  say(`creating ${TABLES} tables × ${ROWS} rows…`);
  await exec(url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  for (let i = 1; i <= TABLES; i++) {
    const t = `t${String(i).padStart(3, '0')}`;
    await exec(
      url,
      `CREATE TABLE ${t} (id bigint PRIMARY KEY, k int NOT NULL, v text NOT NULL);
       INSERT INTO ${t} SELECT g, g % 500, md5(g::text) FROM generate_series(1, ${ROWS}) g;
       CREATE INDEX ${t}_k_idx ON ${t} (k);`,
    );
  }
  await exec(url, 'VACUUM ANALYZE');
  // Traffic: a few statements per table, so pg_stat_statements has hundreds of entries to rank.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (let i = 1; i <= TABLES; i++)
    for (let j = 0; j < 5; j++)
      await client.query(`SELECT count(*) FROM t${String(i).padStart(3, '0')} WHERE k = $1`, [j]);
  await client.end();

  // The raw tool: one psql session running the same EXPLAIN R times.
  const param = 100;
  const script = path.join(work, 'explain.sql');
  const literal = GUARD_SQL.replace('$1', String(param));
  await writeFile(
    script,
    `BEGIN READ ONLY;\n${`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${literal};\n`.repeat(RUNS)}ROLLBACK;\n`,
  );
  const conn = toolConnection(url);
  const psql = async () => {
    const { stdout } = await execFileAsync(
      pgTool(cluster.binDir, 'psql'),
      ['-X', '-q', '-At', '-f', script, '-d', conn.dbname],
      {
        env: conn.env,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const times = [...stdout.matchAll(/"Execution Time": ([\d.]+)/g)].map((m) => Number(m[1]));
    if (times.length !== RUNS) throw new Error(`psql returned ${times.length} plans`);
    return times.sort((a, b) => a - b);
  };

  const guard = {
    name: 'bench',
    sql: GUARD_SQL,
    params: [param],
    runs: RUNS,
    plan: { forbid: [], 'require-index': [] },
  };
  const config = parseConfigText(
    `target: { base-url: 'http://127.0.0.1:9' }
store: { dir: store }
db:
  url: '${url}'
  top-n: 10
  thresholds: { min-calls: 3, max-mean-ms: 1000 }
  queries:
    - { name: bench, sql: '${GUARD_SQL}', params: [${param}], runs: ${RUNS} }`,
    'bench.yml',
    {},
  );
  const rows: string[] = [];
  for (let rep = 1; rep <= REPS; rep++) {
    const raw = await time(psql);
    const session = await openReadOnlySession(url, { statementTimeoutMs: 30_000 });
    const viaGuard = await time(() => runQueryGuard(session, guard, new AbortController().signal));
    await session.close();
    if (!viaGuard.value.ok) throw new Error(viaGuard.value.message);
    const whole = await time(() =>
      dbCheck.run({
        config,
        configDir: work,
        outDir: path.join(work, 'out'),
        store: new FsEvidenceStore(path.join(work, 'store')),
        log: () => undefined,
        signal: new AbortController().signal,
        options: {},
      }),
    );
    const failed = whole.value.thresholds.filter((t) => !t.ok);
    if (failed.length) throw new Error(`check failed: ${failed.map((t) => t.name).join(', ')}`);
    rows.push(
      `| ${rep} | ${round(samplePercentile(raw.value, 50))} / ${round(samplePercentile(raw.value, 95))} | ${viaGuard.value.p50Ms} / ${viaGuard.value.p95Ms} | ${Math.round(raw.ms)} | ${Math.round(viaGuard.ms)} | ${Math.round(whole.ms)} |`,
    );
  }
  console.log(
    [
      `db guard vs raw psql: ${TABLES} tables × ${ROWS} rows, guard \`${GUARD_SQL}\` × ${RUNS} runs, ${os.availableParallelism()} cores`,
      '',
      '| Rep | psql p50 / p95 ms | guard p50 / p95 ms | psql wall ms | guard wall ms | whole db check wall ms |',
      '|---:|---|---|---:|---:|---:|',
      ...rows,
    ].join('\n'),
  );
} finally {
  await exec(cluster.url('postgres'), `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
  await cluster.stop();
}
