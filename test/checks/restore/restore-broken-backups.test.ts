import { execFile } from 'node:child_process';
import { readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolConnection, withDatabase } from '../../../src/engines/postgres/connection.js';
import { findPgBinDir, pgTool } from '../../../src/engines/postgres/pg-binaries.js';
import { freshDemoDatabase, pgUrl } from '../../support/demo.js';
import { databaseExists, passwordOf, restoreProject, runRestore, sql } from './restore-helpers.js';

const execFileAsync = promisify(execFile);

let source: { url: string; drop(): Promise<void> };
let binDir: string;
beforeAll(async () => {
  source = await freshDemoDatabase();
  binDir = await findPgBinDir();
});
afterAll(async () => {
  await source?.drop();
});

/** pg_dump of the demo database in the given format (-Fc / -Fp) into `file`. */
async function dumpTo(file: string, format: 'c' | 'p'): Promise<void> {
  const conn = toolConnection(source.url);
  await execFileAsync(pgTool(binDir, 'pg_dump'), [`-F${format}`, '-f', file, '-d', conn.dbname], {
    env: conn.env,
  });
}

function pathYaml(file: string, verify = ''): string {
  return `
backup:
  kind: path
  path: ${file}
scratch:
  url: \${RESTORE_TEST_SCRATCH_URL}
${verify}`;
}

describe('restore drill on broken backups', () => {
  it('fails on a truncated custom-format dump with the pg_restore error in the evidence', async () => {
    process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
    const project = await restoreProject(pathYaml('backups/*.dump'));
    const file = path.join(project.dir, 'backups', 'demo-2026-01-01.dump');
    await execFileAsync('mkdir', ['-p', path.dirname(file)]);
    await dumpTo(file, 'c');
    await truncate(file, Math.floor((await stat(file)).size * 0.6));

    const { code, evidence, text } = await runRestore(project);
    expect(code).toBe(1);
    expect(evidence.verdict).toBe('fail');
    const data = evidence.data as {
      restoreTool: { tool: string; exitCode: number; stderr: string };
      scratchDatabase: string;
    };
    expect(data.restoreTool.tool).toBe('pg_restore');
    expect(data.restoreTool.exitCode).toBe(1);
    expect(data.restoreTool.stderr).toMatch(/pg_restore: error:/);
    const failure = evidence.findings.find((f) => f.severity === 'critical')!;
    expect(failure.title).toBe('backup does not restore: pg_restore exited with 1');
    expect(failure.detail).toContain(data.restoreTool.stderr);
    expect(evidence.thresholds.find((t) => t.name === 'time to restore (RTO)')?.skipped).toBeTruthy();
    expect(await databaseExists(pgUrl(), data.scratchDatabase)).toBe(false);
    expect(text).not.toContain(passwordOf(pgUrl()));
  });

  it('fails on a plain .sql backup with an error, where psql without ON_ERROR_STOP exits 0', async () => {
    process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
    const project = await restoreProject(pathYaml('backups/demo.sql'));
    const file = path.join(project.dir, 'backups', 'demo.sql');
    await execFileAsync('mkdir', ['-p', path.dirname(file)]);
    await dumpTo(file, 'p');
    // A statement that fails half-way through the script (as a dump from a newer server or a hand edit would).
    const text = await readFile(file, 'utf8');
    const at = text.indexOf('CREATE TABLE public.units');
    expect(at).toBeGreaterThan(0);
    await writeFile(file, `${text.slice(0, at)}INSERT INTO no_such_table VALUES (1);\n${text.slice(at)}`);

    // The trap: plain psql reports the error on stderr but exits 0.
    const raw = `opsgate_rawpsql_${process.pid}`;
    await sql(pgUrl(), `CREATE DATABASE ${raw}`);
    try {
      const conn = toolConnection(withDatabase(pgUrl(), raw));
      const plain = await execFileAsync(pgTool(binDir, 'psql'), ['-X', '-q', '-d', conn.dbname, '-f', file], {
        env: conn.env,
      });
      expect(plain.stderr).toMatch(/relation "no_such_table" does not exist/);
      // (execFile resolved: exit code 0 despite the error)
    } finally {
      await sql(pgUrl(), `DROP DATABASE ${raw} WITH (FORCE)`);
    }

    const { code, evidence } = await runRestore(project);
    expect(code).toBe(1);
    const data = evidence.data as {
      restoreTool: { tool: string; exitCode: number; stderr: string; command: string };
    };
    expect(data.restoreTool).toMatchObject({ tool: 'psql', exitCode: 3 });
    expect(data.restoreTool.command).toContain('ON_ERROR_STOP=1');
    expect(data.restoreTool.stderr).toMatch(/relation "no_such_table" does not exist/);
    expect(evidence.findings[0]!.title).toBe('backup does not restore: psql exited with 3');
  });

  it('restores a .sql.gz backup streamed through gunzip and verifies it', async () => {
    process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
    const project = await restoreProject(
      pathYaml(
        'backups/*.sql.gz',
        `verify:
  assertions:
    - name: six users
      sql: SELECT count(*) FROM users
      expect: { op: '=', value: 6 }
  smoke-queries: ['SELECT * FROM units LIMIT 1']`,
      ),
    );
    const plain = path.join(project.dir, 'demo.sql');
    await dumpTo(plain, 'p');
    await execFileAsync('mkdir', ['-p', path.join(project.dir, 'backups')]);
    await writeFile(
      path.join(project.dir, 'backups', 'demo-2026-01-02.sql.gz'),
      gzipSync(await readFile(plain)),
    );

    const { code, evidence } = await runRestore(project);
    expect(evidence.findings).toEqual([]);
    expect(code).toBe(0);
    const data = evidence.data as {
      backup: { format: string };
      assertions: { actual: unknown; ok: boolean }[];
    };
    expect(data.backup.format).toBe('sql.gz');
    expect(data.assertions[0]).toMatchObject({ actual: 6, ok: true });
  });

  it('fails on a truncated .sql.gz and says the input stream broke', async () => {
    process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
    const project = await restoreProject(pathYaml('backups/*.sql.gz'));
    const plain = path.join(project.dir, 'demo.sql');
    await dumpTo(plain, 'p');
    await execFileAsync('mkdir', ['-p', path.join(project.dir, 'backups')]);
    const gz = gzipSync(await readFile(plain));
    await writeFile(
      path.join(project.dir, 'backups', 'demo-2026-01-03.sql.gz'),
      gz.subarray(0, Math.floor(gz.length / 2)),
    );

    const { code, evidence } = await runRestore(project);
    expect(code).toBe(1);
    const data = evidence.data as { restoreTool: { tool: string; stderr: string } };
    expect(data.restoreTool.stderr).toMatch(/gunzip exited with 1: .*unexpected end of file/);
    expect(evidence.findings[0]!.title).toMatch(/^backup does not restore: psql exited with \d+$/);
  });
});
