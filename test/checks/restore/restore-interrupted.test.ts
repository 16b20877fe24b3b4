import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDemoDatabase, pgUrl } from '../../support/demo.js';
import { databaseExists, restoreProject, sql } from './restore-helpers.js';

const root = path.resolve(import.meta.dirname, '../../..');
let source: { url: string; drop(): Promise<void> } | undefined;
afterAll(async () => {
  await source?.drop();
});

describe('an interrupted restore drill', () => {
  it('drops the scratch database when the drill gets SIGTERM mid-restore', async () => {
    source = await freshDemoDatabase();
    // Make the restore slow and deterministic: an expression index whose function sleeps 2 ms per
    // row inside drill databases only, so rebuilding it during pg_restore takes ~8 s.
    await sql(
      source.url,
      `CREATE FUNCTION slow_identity(bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE
         AS $$ BEGIN
           IF current_database() LIKE 'opsgate_drill_%' THEN PERFORM pg_sleep(0.002); END IF;
           RETURN $1;
         END $$;
       CREATE TABLE slow_rows AS SELECT g::bigint AS id FROM generate_series(1, 4000) AS g;
       CREATE INDEX slow_rows_idx ON slow_rows (slow_identity(id));`,
    );
    const project = await restoreProject(`
backup:
  kind: pg-dump
  url: \${RESTORE_TEST_SOURCE_URL}
  dir: backups
scratch:
  url: \${RESTORE_TEST_SCRATCH_URL}
jobs: 2`);

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(root, 'src/cli/main.ts'),
        'restore',
        '--config',
        project.config,
        '--out',
        project.out,
      ],
      {
        cwd: root,
        env: { ...process.env, RESTORE_TEST_SOURCE_URL: source.url, RESTORE_TEST_SCRATCH_URL: pgUrl() },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const scratch = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`restore never started:\n${stderr}`)), 60_000);
      child.stderr!.on('data', (c: Buffer) => {
        stderr += c.toString();
        const m = /restoring \S+ backup into (opsgate_drill_\w+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    // Let pg_restore get into the slow index build, then interrupt.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await databaseExists(pgUrl(), scratch)).toBe(true);
    const busy = await sql<{ n: string }>(
      pgUrl(),
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '${scratch}' AND application_name = 'pg_restore'`,
    );
    expect(Number(busy[0]!.n)).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const code = await exited;

    expect(await databaseExists(pgUrl(), scratch)).toBe(false);
    expect(stderr).toContain(`dropping ${scratch}`);
    expect(code).toBe(3);
    const evidence = JSON.parse(await readFile(path.join(project.out, 'evidence', 'restore.json'), 'utf8'));
    expect(evidence.verdict).toBe('error');
    expect(evidence.error.message).toContain(`interrupted by SIGTERM`);
    expect(evidence.error.message).toContain(`scratch database ${scratch} dropped`);
  });
});
