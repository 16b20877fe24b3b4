import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { pgDumpWithCounts } from '../../../src/engines/postgres/pg-dump.js';
import { listScratchDatabases } from '../../../src/engines/postgres/scratch-database.js';
import { freshDemoDatabase, pgUrl } from '../../support/demo.js';
import { databaseExists, passwordOf, restoreProject, runRestore, sql } from './restore-helpers.js';

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops.splice(0)) await d();
});

const verifyYaml = `
backup:
  kind: pg-dump
  url: \${RESTORE_TEST_SOURCE_URL}
  dir: backups
scratch:
  url: \${RESTORE_TEST_SCRATCH_URL}
jobs: 2
verify:
  assertions:
    - name: companies restored
      sql: SELECT count(*) FROM companies
      expect: { op: '>=', value: 1 }
    - name: no orphan leases
      sql: SELECT count(*) FROM leases l LEFT JOIN units u ON u.id = l.unit_id WHERE u.id IS NULL
      expect: { op: '=', value: 0 }
  row-counts: { tables: all, compare-with: recorded }
  smoke-queries:
    - SELECT id, tenant FROM leases ORDER BY created_at DESC LIMIT 5
`;

describe('restore drill on the demo database', () => {
  it('passes with phase timings and row counts, drops its scratch database, logs the drill, feeds the runbook', async () => {
    const db = await freshDemoDatabase();
    drops.push(db.drop);
    process.env.RESTORE_TEST_SOURCE_URL = db.url;
    process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
    const project = await restoreProject(verifyYaml);

    const { code, evidence, text } = await runRestore(project);
    expect(evidence.error).toBeUndefined();
    expect(code).toBe(0);
    expect(evidence.verdict).toBe('pass');
    const data = evidence.data as {
      phases: Record<string, number>;
      timeToRestoreMs: number;
      rowCounts: { tables: { table: string; expected: number; actual: number; ok: boolean }[] };
      backup: { path: string };
      scratchDatabase: string;
    };
    for (const phase of ['fetch', 'create', 'restore', 'verify', 'cleanup'])
      expect(data.phases[phase], phase).toBeGreaterThanOrEqual(0);
    expect(data.timeToRestoreMs).toBe(
      data.phases.fetch! + data.phases.create! + data.phases.restore! + data.phases.verify!,
    );
    const rto = evidence.thresholds.find((t) => t.name === 'time to restore (RTO)')!;
    expect(rto).toMatchObject({ ok: true, limit: 15 * 60_000, actual: data.timeToRestoreMs });

    // Row counts compared with the counts recorded when the dump was taken, and they match the source.
    const tables = data.rowCounts.tables as {
      table: string;
      expected: number;
      actual: number;
      ok: boolean;
    }[];
    const source = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM units');
    expect(tables.find((t) => t.table === 'public.units')).toEqual({
      table: 'public.units',
      expected: Number(source[0]!.n),
      actual: Number(source[0]!.n),
      ok: true,
    });
    expect(tables.map((t) => t.table)).toEqual([
      'public.companies',
      'public.leases',
      'public.units',
      'public.users',
    ]);
    const sidecar = JSON.parse(await readFile(`${data.backup.path}.counts.json`, 'utf8'));
    expect(sidecar.tables['public.units']).toBe(Number(source[0]!.n));

    // The scratch database is gone, and no leftover drill database belongs to this run.
    expect(data.scratchDatabase).toMatch(/^opsgate_drill_\d{8}t\d{6}_[0-9a-f]{8}$/);
    expect(await databaseExists(pgUrl(), data.scratchDatabase)).toBe(false);
    expect(await listScratchDatabases(pgUrl())).not.toContain(data.scratchDatabase);

    // Credentials never reach the evidence.
    expect(text).not.toContain(passwordOf(pgUrl()));

    // The drill log got a record, unsigned.
    const log = (await readFile(path.join(project.dir, '.opsgate/store/logs/drill-log.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      verdict: 'pass',
      signedOffBy: null,
      timeToRestoreMs: data.timeToRestoreMs,
    });

    // The DR runbook carries the measured numbers and this configuration's commands.
    expect(await main(['runbooks', '--config', project.config, '--out', project.out])).toBe(0);
    const runbook = await readFile(path.join(project.out, 'runbooks', 'disaster-recovery.md'), 'utf8');
    expect(runbook).toContain(`| Drill date | ${evidence.run.startedAt}`);
    expect(runbook).toMatch(new RegExp(`\\| Time to restore \\| ${formatLike(data.timeToRestoreMs)} \\|`));
    // The configured source, relative to opsgate.yml; a fresh dump's age is no RPO measurement.
    expect(runbook).toContain('BACKUP=$(ls -t backups/*.dump | sed -n 1p)');
    expect(runbook).toContain('pg_restore --exit-on-error --no-owner --no-acl -j 2');
    expect(runbook).toContain(
      '| RPO (backup age at drill time) | not measured: the drill took a fresh pg_dump',
    );
    const rpo = evidence.thresholds.find((t) => t.name === 'backup age (RPO)')!;
    expect(rpo).toMatchObject({ ok: true, actual: null });
    expect(rpo.skipped).toMatch(/^not measured: the drill took a fresh pg_dump/);
    expect(evidence.metrics.backupAgeMs).toBeUndefined();
    expect(runbook).toContain('**no orphan leases**');
    expect(runbook).not.toContain(passwordOf(pgUrl()));
    expect(runbook).not.toMatch(/\{\{/);
  });

  it('fails and names the assertion when an orphan row was in the source at backup time', async () => {
    const db = await freshDemoDatabase();
    drops.push(db.drop);
    // A lease pointing at a unit that no longer exists (the FK was dropped, as happens in real schemas).
    await sql(
      db.url,
      `ALTER TABLE leases DROP CONSTRAINT leases_unit_id_fkey;
       INSERT INTO leases (unit_id, owner_id, tenant, monthly_rent_cents)
       SELECT 987654321, id, 'Ghost tenant', 1 FROM users ORDER BY id LIMIT 1`,
    );
    process.env.RESTORE_TEST_SOURCE_URL = db.url;
    process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
    const project = await restoreProject(verifyYaml);

    const { code, evidence } = await runRestore(project);
    expect(code).toBe(1);
    expect(evidence.verdict).toBe('fail');
    const orphan = evidence.findings.find((f) => f.title === 'assertion "no orphan leases" failed');
    expect(orphan).toMatchObject({ severity: 'high', detail: 'expected = 0, got 1' });
    // Only that assertion failed: the restore itself, row counts and the other assertion are fine.
    expect(evidence.findings).toHaveLength(1);
    expect(
      await databaseExists(pgUrl(), (evidence.data as { scratchDatabase: string }).scratchDatabase),
    ).toBe(false);
    const log = await readFile(path.join(project.dir, '.opsgate/store/logs/drill-log.jsonl'), 'utf8');
    expect(JSON.parse(log.trim()).verdict).toBe('fail');
  });
});

describe('row-count comparison', () => {
  it('compares with the source database (compare-with: source) for listed tables', async () => {
    const db = await freshDemoDatabase();
    drops.push(db.drop);
    process.env.RESTORE_TEST_SOURCE_URL = db.url;
    process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
    const project = await restoreProject(`
backup: { kind: pg-dump, url: '\${RESTORE_TEST_SOURCE_URL}', dir: backups }
scratch: { url: '\${RESTORE_TEST_SCRATCH_URL}' }
verify:
  row-counts: { tables: [units, public.leases], compare-with: source }`);
    const { code, evidence } = await runRestore(project);
    expect(code).toBe(0);
    const rc = (
      evidence.data as { rowCounts: { compareWith: string; tables: { table: string; ok: boolean }[] } }
    ).rowCounts;
    expect(rc.compareWith).toBe('source');
    expect(rc.tables.map((t) => [t.table, t.ok])).toEqual([
      ['public.leases', true],
      ['public.units', true],
    ]);
  });

  it('fails per table when the restored rows differ from the counts recorded with the backup', async () => {
    const db = await freshDemoDatabase();
    drops.push(db.drop);
    process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
    const project = await restoreProject(`
backup: { kind: path, path: 'nightly/*.dump' }
scratch: { url: '\${RESTORE_TEST_SCRATCH_URL}' }
verify:
  row-counts: { tables: all }`);
    // A nightly backup whose sidecar says one more unit existed than the dump holds (a lost row).
    const dump = await pgDumpWithCounts({
      sourceUrl: db.url,
      file: path.join(project.dir, 'nightly', 'app-2026-01-05.dump'),
    });
    const units = dump.counts.tables['public.units']!;
    await writeFile(
      dump.countsFile,
      JSON.stringify({ ...dump.counts, tables: { ...dump.counts.tables, 'public.units': units + 1 } }),
    );
    const { code, evidence } = await runRestore(project);
    expect(code).toBe(1);
    expect(evidence.findings).toEqual([
      expect.objectContaining({
        title: 'row count of public.units differs from the backup',
        detail: `expected ${units + 1}, restored ${units}`,
        severity: 'high',
      }),
    ]);
    expect(evidence.metrics.rowCountMismatches).toBe(1);
  });
});

/** The runbook's duration format for a value in ms (ms below a second, one decimal in seconds). */
function formatLike(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
