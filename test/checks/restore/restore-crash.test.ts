import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toolProcessesFor } from '../../../src/engines/postgres/leftover-tools.js';
import { freshDemoDatabase, pgUrl } from '../../support/demo.js';
import {
  databaseExists,
  dedicatedScratchRole,
  eventually,
  restoreBackends,
  restoreProject,
  runRestore,
  slowDownRestores,
  sql,
  startRestoreProcess,
} from './restore-helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('a restore drill killed with kill -9', () => {
  it('three kills mid-restore: the tools stop with the drill, each next drill sweeps the database left and says so', async () => {
    const source = await freshDemoDatabase();
    cleanups.push(source.drop);
    // ~6 s of index rebuild inside the scratch database: the kill lands mid-restore.
    await slowDownRestores(source.url, 3000);
    const scratchServer = await dedicatedScratchRole(pgUrl());
    cleanups.push(scratchServer.drop);
    process.env.CRASH_TEST_SOURCE_URL = source.url;
    process.env.CRASH_TEST_SCRATCH_URL = scratchServer.url;
    const project = await restoreProject(`
backup:
  kind: pg-dump
  url: \${CRASH_TEST_SOURCE_URL}
  dir: backups
scratch:
  url: \${CRASH_TEST_SCRATCH_URL}
jobs: 2`);

    const killed: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = startRestoreProcess(project, {});
      const scratch = await run.scratch;
      // Each drill first swept the database the previous kill left.
      if (i > 0) expect(run.stderr()).toContain(`restore: swept ${killed[i - 1]} left by a dead run (pid `);
      expect(await eventually(async () => (await restoreBackends(pgUrl(), scratch)) > 0, 20_000)).toBe(true);
      expect((await toolProcessesFor(scratch)).length).toBeGreaterThan(0);
      run.child.kill('SIGKILL');
      expect(await run.exited).toBe(null);
      killed.push(scratch);
      // No handler ran in the drill; its guard stopped pg_restore (and pg_restore its workers).
      expect(
        await eventually(async () => (await toolProcessesFor(scratch)).length === 0, 1500),
        `pg_restore into ${scratch} still running after kill -9 of the drill`,
      ).toBe(true);
      // The database is left behind, tagged with the dead drill: the next drill's sweep finds it.
      const tag = await sql<{ comment: string }>(
        pgUrl(),
        `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = '${scratch}'`,
      );
      expect(JSON.parse(tag[0]!.comment)).toMatchObject({ opsgate: 'scratch-database', pid: run.child.pid });
    }

    const next = await runRestore(project);
    expect(next.code, next.evidence.summary).toBe(0);
    expect(next.evidence.verdict).toBe('warn');
    const last = killed[2]!;
    const finding = next.evidence.findings.find((f) => f.ruleId === 'restore-swept-scratch')!;
    expect(finding.title).toMatch(
      new RegExp(`^swept 1 scratch database left by a dead run: ${last}, \\d+(\\.\\d)? [kMG]?B$`),
    );
    expect(finding.detail).toContain(`${last}: pid `);
    expect(next.evidence.metrics.sweptScratchDatabases).toBe(1);
    expect(next.evidence.metrics.sweptScratchBytes).toBeGreaterThan(0);
    for (const name of killed) {
      expect(await databaseExists(pgUrl(), name)).toBe(false);
      expect(await toolProcessesFor(name)).toEqual([]);
      expect(await restoreBackends(pgUrl(), name)).toBe(0);
    }
    const report = await readFile(path.join(project.out, 'report.md'), 'utf8');
    expect(report).toContain(`swept 1 scratch database left by a dead run: ${last}`);
    // Nothing of any drill is left on the scratch role: the next drill dropped its own too.
    const left = await sql(
      pgUrl(),
      `SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '${new URL(scratchServer.url).username}')`,
    );
    expect(left).toEqual([]);
  });
});
