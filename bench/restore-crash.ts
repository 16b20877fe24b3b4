/**
 * kill -9 of real `opsgate restore` processes mid-restore, N times, then one drill to completion.
 *
 *   npx tsx bench/restore-crash.ts [--rows 1000000] [--kills 10] [--jobs 2]
 *
 * Starts a private cluster (.opsgate/bench-crash-pg), generates a database, dumps it once, then
 * for each kill: starts `opsgate restore` as a child process, waits until pg_restore writes into
 * the scratch database, waits a random 0.2-2 s, kill -9s the drill. It measures whether a
 * restore tool survived the drill (1 s later) and whether the next drill swept the database the
 * kill left. After the last drill: scratch databases and restore processes left (must be 0).
 * Everything it creates is removed afterwards.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { toolProcessesFor } from '../src/engines/postgres/leftover-tools.js';
import { pgDumpWithCounts } from '../src/engines/postgres/pg-dump.js';
import { listScratchDatabases } from '../src/engines/postgres/scratch-database.js';
import { startPgCluster } from '../scripts/lib/pg-cluster.js';
import { eventually, restoreBackends, startRestoreProcess } from '../test/checks/restore/restore-helpers.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 1_000_000);
const KILLS = arg('kills', 10);
const JOBS = arg('jobs', 2);
const SOURCE = 'opsgate_bench_crash_source';
const say = (m: string): void => void process.stderr.write(`bench: ${m}\n`);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

const cluster = await startPgCluster({ dataDir: '.opsgate/bench-crash-pg' });
const work = path.resolve('.opsgate/bench-crash');
try {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const server = cluster.url('postgres');
  say(`generating ${ROWS.toLocaleString()} rows…`);
  await query(server, `DROP DATABASE IF EXISTS ${SOURCE} WITH (FORCE)`);
  await query(server, `CREATE DATABASE ${SOURCE}`);
  const src = cluster.url(SOURCE);
  await query(
    src,
    `CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL);
     INSERT INTO events SELECT g, (ARRAY['login','payment','refund'])[1 + g % 3],
            md5(g::text) || md5((g * 7)::text), now() - g * interval '1 second' FROM generate_series(1, ${ROWS}) g;
     CREATE INDEX events_created_idx ON events (created_at);
     CREATE INDEX events_kind_idx ON events (kind, created_at);`,
  );
  const dump = path.join(work, 'bench.dump');
  await pgDumpWithCounts({ sourceUrl: src, file: dump, binDir: cluster.binDir });
  const config = path.join(work, 'opsgate.yml');
  await writeFile(
    config,
    `target: { base-url: 'http://127.0.0.1:9' }
restore:
  backup: { kind: path, path: bench.dump }
  scratch: { url: '${server}' }
  jobs: ${JOBS}
`,
  );
  const project = { config, out: path.join(work, 'out') };

  const rows: Array<{
    run: number;
    scratch: string;
    killedAfterMs: number;
    survivors: number;
    sweptPrevious: boolean | null;
  }> = [];
  let previous: string | undefined;
  for (let i = 1; i <= KILLS; i++) {
    const run = startRestoreProcess(project, {});
    const scratch = await run.scratch;
    if (!(await eventually(async () => (await restoreBackends(server, scratch)) > 0, 30_000)))
      throw new Error(`run ${i}: pg_restore never connected`);
    const delay = 200 + Math.floor(Math.random() * 1800);
    await new Promise((r) => setTimeout(r, delay));
    const midRestore = (await restoreBackends(server, scratch)) > 0;
    run.child.kill('SIGKILL');
    await run.exited;
    await new Promise((r) => setTimeout(r, 1000));
    const survivors = (await toolProcessesFor(scratch)).length;
    const sweptPrevious = previous ? run.stderr().includes(`swept ${previous} left by a dead run`) : null;
    rows.push({ run: i, scratch, killedAfterMs: midRestore ? delay : -1, survivors, sweptPrevious });
    say(
      `kill ${i}: ${midRestore ? `mid-restore after ${delay} ms` : 'restore had already finished'}, ${survivors} tool(s) left running, previous swept: ${sweptPrevious ?? '—'}`,
    );
    previous = scratch;
  }
  say('final drill to completion…');
  const last = startRestoreProcess(project, {});
  const code = await last.exited;
  const evidence = JSON.parse(await readFile(path.join(project.out, 'evidence', 'restore.json'), 'utf8')) as {
    findings: Array<{ ruleId?: string; title: string }>;
  };
  const sweptLine = evidence.findings.find((f) => f.ruleId === 'restore-swept-scratch')?.title ?? '(none)';
  const leftDatabases = await listScratchDatabases(server);
  const leftTools = (await Promise.all(rows.map((r) => toolProcessesFor(r.scratch)))).flat().length;

  console.log(`\n## kill -9 during restore: ${KILLS} kills, ${ROWS.toLocaleString()} rows, -j ${JOBS}\n`);
  console.log('| kill | killed mid-restore after | tools running 1 s later | previous database swept |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.run} | ${r.killedAfterMs < 0 ? 'finished first' : `${r.killedAfterMs} ms`} | ${r.survivors} | ${r.sweptPrevious ?? '—'} |`,
    );
  console.log(`\nfinal drill: exit ${code}; its evidence: "${sweptLine}"`);
  console.log(
    `scratch databases left: ${leftDatabases.length}; restore processes of killed drills left: ${leftTools}`,
  );
} finally {
  await query(cluster.url('postgres'), `DROP DATABASE IF EXISTS ${SOURCE} WITH (FORCE)`).catch(
    () => undefined,
  );
  for (const name of await listScratchDatabases(cluster.url('postgres')).catch(() => [] as string[]))
    await query(cluster.url('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(
      () => undefined,
    );
  await rm(work, { recursive: true, force: true });
  await cluster.stop();
}
