import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDemoDatabase, pgUrl } from '../../support/demo.js';
import {
  databaseExists,
  restoreBackends,
  restoreProject,
  slowDownRestores,
  startRestoreProcess,
} from './restore-helpers.js';

let source: { url: string; drop(): Promise<void> } | undefined;
afterAll(async () => {
  await source?.drop();
});

describe('an interrupted restore drill', () => {
  it('drops the scratch database when the drill gets SIGTERM mid-restore', async () => {
    source = await freshDemoDatabase();
    // ~8 s of index rebuild inside the scratch database.
    await slowDownRestores(source.url, 4000);
    const project = await restoreProject(`
backup:
  kind: pg-dump
  url: \${RESTORE_TEST_SOURCE_URL}
  dir: backups
scratch:
  url: \${RESTORE_TEST_SCRATCH_URL}
jobs: 2`);
    const run = startRestoreProcess(project, {
      RESTORE_TEST_SOURCE_URL: source.url,
      RESTORE_TEST_SCRATCH_URL: pgUrl(),
    });
    const scratch = await run.scratch;
    // Let pg_restore get into the slow index build, then interrupt.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await databaseExists(pgUrl(), scratch)).toBe(true);
    expect(await restoreBackends(pgUrl(), scratch)).toBeGreaterThan(0);
    run.child.kill('SIGTERM');
    const code = await run.exited;

    expect(await databaseExists(pgUrl(), scratch)).toBe(false);
    expect(run.stderr()).toContain(`dropping ${scratch}`);
    expect(code).toBe(3);
    const evidence = JSON.parse(await readFile(path.join(project.out, 'evidence', 'restore.json'), 'utf8'));
    expect(evidence.verdict).toBe('error');
    expect(evidence.error.message).toContain(`interrupted by SIGTERM`);
    expect(evidence.error.message).toContain(`scratch database ${scratch} dropped`);
  });
});
