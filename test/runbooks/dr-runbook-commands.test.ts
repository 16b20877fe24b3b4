import { copyFile, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { freshDemoDatabase, pgUrl } from '../support/demo.js';
import { passwordOf, sql } from '../checks/restore/restore-helpers.js';
import { blocksOf, runBash } from './runbook-blocks.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The suite's cluster (global-setup), reached the way the demo's runbook reaches its own. */
const CLUSTER = '.opsgate/test-pg';
const PROCEDURE = ['Before you start', 'Restore, step by step', 'Verification checklist'];

function configYaml(recovery: boolean): string {
  return `target:
  base-url: http://127.0.0.1:9
restore:
  backup:
    kind: pg-dump
    url: \${DR_TEST_SOURCE_URL}
    dir: backups
  scratch:
    url: \${DR_TEST_SCRATCH_URL}
${
  recovery
    ? `  recovery:
    server-url: npm run --silent pg -- url --data-dir ${CLUSTER}
    server-start: npm run --silent pg -- start --data-dir ${CLUSTER}
`
    : ''
}  jobs: 2
  verify:
    assertions:
      - name: companies restored
        sql: SELECT count(*) FROM companies
        expect: { op: '>=', value: 1 }
      - name: no orphan leases
        sql: SELECT count(*) FROM leases l LEFT JOIN units u ON u.id = l.unit_id WHERE u.id IS NULL
        expect: { op: '=', value: 0 }
    row-counts: { tables: all }
    smoke-queries:
      - SELECT id, tenant FROM leases ORDER BY created_at DESC LIMIT 5
`;
}

/** A project inside the repository (as opsgate.yml is), its drill run and its runbook rendered. */
async function drilledProject(recovery: boolean) {
  // Inside the checkout (.opsgate/ is git-ignored), so the runbook says where to cd from the root.
  const dir = await mkdtemp(path.join(root, '.opsgate', 'dr-runbook-'));
  const config = path.join(dir, 'opsgate.yml');
  const out = path.join(dir, 'out');
  await writeFile(config, configYaml(recovery));
  expect(await main(['restore', '--config', config, '--out', out])).toBe(0);
  expect(await main(['runbooks', '--config', config, '--out', out, '--only', 'disaster-recovery'])).toBe(0);
  const runbook = await readFile(path.join(out, 'runbooks', 'disaster-recovery.md'), 'utf8');
  return { dir, config, out, runbook };
}

async function restoredDatabases(): Promise<string[]> {
  const rows = await sql<{ datname: string }>(
    pgUrl(),
    "SELECT datname FROM pg_database WHERE datname LIKE 'restored\\_%'",
  );
  return rows.map((r) => r.datname);
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['companies', 'units', 'leases', 'users'])
    out[t] = Number((await sql<{ n: string }>(url, `SELECT count(*) AS n FROM ${t}`))[0]!.n);
  return out;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

describe('the disaster-recovery runbook, run literally', () => {
  let source: Awaited<ReturnType<typeof freshDemoDatabase>>;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    source = await freshDemoDatabase();
    process.env.DR_TEST_SOURCE_URL = source.url;
    process.env.DR_TEST_SCRATCH_URL = pgUrl();
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    await source?.drop();
  });
  /** Drop the databases a script restored (parsed from its own output). */
  const dropRestored = (stdout: string) => async () => {
    for (const m of stdout.matchAll(/restoring into (restored_\w+)/g))
      await sql(pgUrl(), `DROP DATABASE IF EXISTS "${m[1]}" WITH (FORCE)`);
  };

  it('restores the newest backup to matching row counts, then rolls back to the previous one', async () => {
    const p = await drilledProject(true);
    cleanups.push(() => rm(p.dir, { recursive: true, force: true }));
    const rb = p.runbook;
    // No credential in the runbook: the server URL comes from a command the runbook names.
    expect(rb).not.toContain(passwordOf(pgUrl()));
    expect(rb).not.toMatch(/postgres(ql)?:\/\/[^\s"'`]*:[^\s"'`]*@/);
    expect(rb).toContain(`RECOVERY_SERVER_URL=$(npm run --silent pg -- url --data-dir ${CLUSTER})`);
    expect(rb).toContain(`npm run --silent pg -- start --data-dir ${CLUSTER}`);
    // The backup location is the configured one, relative to opsgate.yml, not this machine's path.
    expect(rb).toContain('ls -t backups/*.dump');
    expect(rb).not.toContain(p.dir);
    expect(rb).toContain(`cd ${path.relative(root, p.dir)}   # the directory of opsgate.yml`);
    // A fresh pg_dump says nothing about the RPO; every number cites its evidence.
    expect(rb).toMatch(/\| RPO \(backup age at drill time\) \| not measured: the drill took a fresh pg_dump/);
    expect(rb).toMatch(/Every number above is from `out\/evidence\/restore\.json`, run `[\w-]+`, /);

    const script = blocksOf(rb, PROCEDURE).join('\n');
    const run = await runBash(script, { cwd: root });
    cleanups.push(dropRestored(run.stdout));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain('row counts match');
    expect(run.stdout).toContain('smoke query ok');
    expect(run.stdout).toContain('exit code: 0');
    const [restored] = [...run.stdout.matchAll(/restoring into (restored_\w+)/g)].map((m) => m[1]!);
    expect(restored).toBeDefined();
    // Independently of what the script printed: the restored database holds the source's rows.
    expect(await tableCounts(withDatabase(pgUrl(), restored!))).toEqual(await tableCounts(source.url));
    expect(run.stdout + run.stderr).not.toContain(passwordOf(pgUrl()));

    // Rollback in the same shell: drop the attempt, pick the second newest backup.
    const backups = path.join(p.dir, 'backups');
    const [dump] = (await readdir(backups)).filter((f) => f.endsWith('.dump'));
    const older = path.join(backups, 'opsgate-older.dump');
    await copyFile(path.join(backups, dump!), older);
    await copyFile(path.join(backups, `${dump}.counts.json`), `${older}.counts.json`);
    const dayAgo = new Date(Date.now() - 86_400_000);
    await utimes(older, dayAgo, dayAgo);
    const withRollback = [...blocksOf(rb, PROCEDURE), ...blocksOf(rb, ['Rollback if the restore fails'])];
    const again = await runBash(withRollback.join('\n'), { cwd: root });
    cleanups.push(dropRestored(again.stdout));
    expect(again.code, again.stderr + again.stdout).toBe(0);
    const second = [...again.stdout.matchAll(/restoring into (restored_\w+)/g)].map((m) => m[1]!);
    expect(second).toHaveLength(1);
    expect(await restoredDatabases()).not.toContain(second[0]);
    expect(again.stdout).toMatch(/\S*backups\/opsgate-older\.dump\n*$/);
  });

  it('asks for the server URL when no command prints it, and shows a lost row', async () => {
    const p = await drilledProject(false);
    cleanups.push(() => rm(p.dir, { recursive: true, force: true }));
    expect(p.runbook).toContain(
      "read -rsp 'URL of the recovery server (from your secret store): ' RECOVERY_SERVER_URL",
    );
    // The recorded counts say one more unit existed than the backup holds: a lost row.
    const backups = path.join(p.dir, 'backups');
    const [counts] = (await readdir(backups)).filter((f) => f.endsWith('.counts.json'));
    const sidecar = JSON.parse(await readFile(path.join(backups, counts!), 'utf8'));
    sidecar.tables['public.units'] += 1;
    await writeFile(path.join(backups, counts!), JSON.stringify(sidecar));

    const run = await runBash(blocksOf(p.runbook, PROCEDURE).join('\n'), {
      cwd: root,
      stdin: `${pgUrl()}\n`,
    });
    cleanups.push(dropRestored(run.stdout));
    expect(run.stdout).toContain('restoring into restored_');
    expect(run.stdout).toContain('exit code: 0');
    expect(run.stdout).not.toContain('row counts match');
    expect(run.stdout).toMatch(/^< public\.units\|\d+$/m);
    expect(run.stdout + run.stderr).not.toContain(passwordOf(pgUrl()));
  });
});
