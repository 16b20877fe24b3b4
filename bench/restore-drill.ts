/**
 * Restore drill overhead vs the raw tools, on the same dump of a few hundred MB.
 *
 *   npx tsx bench/restore-drill.ts [--rows 4000000] [--jobs N] [--reps 2]
 *
 * Starts a private cluster (.opsgate/bench-pg), generates a large database with generate_series,
 * dumps it once (custom format with the counts sidecar, and plain SQL gzipped), then times:
 *   1. the drill on the .dump (fetch + create + pg_restore -j + verify row counts) vs raw `createdb && pg_restore -j`
 *   2. the drill on the .sql.gz (gunzip streamed into psql ON_ERROR_STOP + verify) vs raw `gunzip -c | psql`
 * Everything it creates (databases, dumps) is removed afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { runRestoreDrill } from '../src/checks/restore/restore-drill.js';
import { parseConfigText } from '../src/core/config/load-config.js';
import { toolConnection, withDatabase } from '../src/engines/postgres/connection.js';
import { pgTool } from '../src/engines/postgres/pg-binaries.js';
import { pgDumpWithCounts } from '../src/engines/postgres/pg-dump.js';
import { startPgCluster } from '../scripts/lib/pg-cluster.js';

const execFileAsync = promisify(execFile);
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 4_000_000);
const JOBS = arg('jobs', os.availableParallelism());
const REPS = arg('reps', 2);
/** `--only custom` or `--only gz` to time one path (more reps in the same time). */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const SOURCE = 'opsgate_bench_source';
const say = (m: string): void => void process.stderr.write(`bench: ${m}\n`);

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const cluster = await startPgCluster({ dataDir: '.opsgate/bench-pg' });
const work = path.resolve('.opsgate/bench-restore');
const created: string[] = [SOURCE];
try {
  await mkdir(work, { recursive: true });
  const server = cluster.url('postgres');
  const bin = cluster.binDir;
  say(`generating ${ROWS.toLocaleString()} rows in ${SOURCE}…`);
  await admin(server, `DROP DATABASE IF EXISTS ${SOURCE} WITH (FORCE)`);
  await admin(server, `CREATE DATABASE ${SOURCE}`);
  const src = cluster.url(SOURCE);
  await admin(
    src,
    `CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL);
     INSERT INTO accounts SELECT g, 'account ' || g, now() - g * interval '1 minute' FROM generate_series(1, ${Math.ceil(ROWS / 20)}) g;
     CREATE TABLE events (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts, kind text NOT NULL,
                          payload text NOT NULL, amount_cents bigint NOT NULL, created_at timestamptz NOT NULL);
     INSERT INTO events SELECT g, 1 + g % ${Math.ceil(ROWS / 20)}, (ARRAY['login','payment','refund','export'])[1 + g % 4],
            md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text), (g * 37) % 100000, now() - g * interval '1 second'
       FROM generate_series(1, ${ROWS}) g;
     CREATE INDEX events_account_idx ON events (account_id);
     CREATE INDEX events_created_idx ON events (created_at);`,
  );
  await admin(src, 'VACUUM ANALYZE');
  const dump = path.join(work, 'bench.dump');
  say('pg_dump -Fc (with row-count sidecar)…');
  const dumpRun = await pgDumpWithCounts({ sourceUrl: src, file: dump, binDir: bin });
  const gz = path.join(work, 'bench.sql.gz');
  say('pg_dump -Fp | gzip…');
  const conn = toolConnection(src);
  await execFileAsync('sh', ['-c', `"${pgTool(bin, 'pg_dump')}" -Fp -d "$DB" | gzip -1 > "${gz}"`], {
    env: { ...conn.env, DB: conn.dbname },
  });
  const sizes = { dump: dumpRun.sizeBytes, gz: (await stat(gz)).size };
  const dbSize = new pg.Client({ connectionString: src });
  await dbSize.connect();
  const { rows } = await dbSize.query<{ s: string }>(`SELECT pg_database_size('${SOURCE}')::text AS s`);
  await dbSize.end();

  const config = (backupPath: string) =>
    parseConfigText(
      `target: { base-url: 'http://127.0.0.1:9' }
restore:
  backup: { kind: path, path: '${backupPath}' }
  scratch: { url: '${server}' }
  jobs: ${JOBS}
  verify:
    row-counts: { tables: all, compare-with: recorded }
    assertions: [{ name: events restored, sql: 'SELECT count(*) FROM events', expect: { op: '=', value: ${ROWS} } }]`,
      'bench.yml',
      {},
    ).restore!;
  const drill = async (file: string) => {
    const r = await runRestoreDrill({
      config: config(file),
      configDir: work,
      workDir: work,
      signal: new AbortController().signal,
      log: () => undefined,
    });
    if (!r.restore.ok || r.verification?.assertions.some((a) => !a.ok))
      throw new Error(`drill failed: ${r.restore.stderr}`);
    return r;
  };
  const raw = async (name: string, restore: (url: string) => Promise<unknown>) => {
    created.push(name);
    const ms = await time(async () => {
      await admin(server, `CREATE DATABASE ${name} TEMPLATE template0`);
      await restore(withDatabase(server, name));
    });
    await admin(server, `DROP DATABASE ${name} WITH (FORCE)`);
    return ms;
  };

  const rawCustomRun = () =>
    raw('opsgate_bench_raw_custom', async (url) => {
      const c = toolConnection(url);
      await execFileAsync(
        pgTool(bin, 'pg_restore'),
        ['--no-owner', '--no-acl', '-j', String(JOBS), '-d', c.dbname, dump],
        { env: c.env },
      );
    });
  const rawGzRun = () =>
    raw('opsgate_bench_raw_gz', async (url) => {
      const c = toolConnection(url);
      await execFileAsync(
        'sh',
        ['-c', `gunzip -c "${gz}" | "${pgTool(bin, 'psql')}" -X -q -d "$DB" > /dev/null`],
        {
          env: { ...c.env, DB: c.dbname },
        },
      );
    });
  // Alternate the order (raw, drill, drill, raw, …) so cache warmth and neighbours' load even out.
  const rawCustom: number[] = [];
  const drillCustom: Awaited<ReturnType<typeof drill>>[] = [];
  const rawGz: number[] = [];
  const drillGz: Awaited<ReturnType<typeof drill>>[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const rawFirst = rep % 2 === 0;
    if (ONLY !== 'gz') {
      say(`rep ${rep + 1}/${REPS}: custom .dump (${rawFirst ? 'raw first' : 'drill first'})…`);
      if (rawFirst) rawCustom.push(await rawCustomRun());
      drillCustom.push(await drill(dump));
      if (!rawFirst) rawCustom.push(await rawCustomRun());
    }
    if (ONLY !== 'custom') {
      say(`rep ${rep + 1}/${REPS}: .sql.gz…`);
      if (rawFirst) rawGz.push(await rawGzRun());
      drillGz.push(await drill(gz));
      if (!rawFirst) rawGz.push(await rawGzRun());
    }
  }
  // Median: one neighbour's burst on a shared machine must not decide the ratio.
  const mean = (xs: number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const ttr = (ds: typeof drillCustom): number => mean(ds.map((d) => d.timeToRestoreMs));
  const phase = (ds: typeof drillCustom): number => mean(ds.map((d) => d.phases.restore!));

  const mb = (b: number): string => `${(b / 1_048_576).toFixed(0)} MiB`;
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const row = (what: string, drillMs: number, restoreMs: number, rawMs: number): string =>
    `| ${what} | ${s(drillMs)} | ${s(restoreMs)} | ${s(rawMs)} | ${(drillMs / rawMs).toFixed(2)}× | ${(restoreMs / rawMs).toFixed(2)}× |`;
  console.log(
    [
      `Restore drill vs raw tools — ${ROWS.toLocaleString()} event rows, database ${mb(Number(rows[0]!.s))}, ` +
        `dump ${mb(sizes.dump)} (-Fc), ${mb(sizes.gz)} (.sql.gz), ${JOBS} jobs, ${os.availableParallelism()} cores (shared machine: median of ${REPS} alternating runs, noisy)`,
      '',
      '| backup | drill time to restore (create+restore+verify) | drill restore phase | raw tool (createdb + restore) | drill / raw | restore phase / raw |',
      '|---|---:|---:|---:|---:|---:|',
      ...(drillCustom.length
        ? [row('custom .dump: pg_restore -j', ttr(drillCustom), phase(drillCustom), mean(rawCustom))]
        : []),
      ...(drillGz.length ? [row('.sql.gz: gunzip \\| psql', ttr(drillGz), phase(drillGz), mean(rawGz))] : []),
      '',
      `runs (s): raw pg_restore ${rawCustom.map(s).join(', ')}; drill .dump ${drillCustom.map((d) => s(d.timeToRestoreMs)).join(', ')}; ` +
        `raw gunzip|psql ${rawGz.map(s).join(', ')}; drill .sql.gz ${drillGz.map((d) => s(d.timeToRestoreMs)).join(', ')}`,
      ...drillCustom.map((d) => `drill phases (.dump): ${JSON.stringify(d.phases)}`),
      ...drillGz.map((d) => `drill phases (.sql.gz): ${JSON.stringify(d.phases)}`),
      ...(drillCustom.length && rawGz.length
        ? [`custom .dump drill vs raw gunzip | psql: ${(ttr(drillCustom) / mean(rawGz)).toFixed(2)}×`]
        : []),
    ].join('\n'),
  );
} finally {
  say('cleaning up…');
  for (const name of created)
    await admin(cluster.url('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(
      () => undefined,
    );
  await rm(work, { recursive: true, force: true });
  await cluster.stop();
}
