import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { EngineError } from '../../core/errors.js';
import { describeConnection, toolConnection } from './connection.js';
import { findPgBinDir, pgTool } from './pg-binaries.js';
import { countRows, listTables, type RowCounts } from './row-counts.js';
import { runTool, type ToolRun } from './run-tool.js';

/** The sidecar written beside a dump: what the database held when the backup was taken. */
export interface BackupCounts {
  kind: 'opsgate.backup-counts';
  /** When the dump's snapshot was taken (ISO). */
  takenAt: string;
  /** `host:port/database`, never credentials. */
  source: string;
  format: 'custom';
  tables: RowCounts;
}

/** `<dump>.counts.json` */
export function countsFileOf(dumpFile: string): string {
  return `${dumpFile}.counts.json`;
}

export interface PgDumpResult {
  file: string;
  countsFile: string;
  counts: BackupCounts;
  sizeBytes: number;
  run: ToolRun;
}

/**
 * `pg_dump -Fc` of a source database plus a row-count sidecar. The counts are taken in the same
 * exported snapshot pg_dump uses (`--snapshot`), so they describe exactly what the dump holds,
 * even while the source keeps writing. Needs only read access to the source.
 */
export async function pgDumpWithCounts(opts: {
  sourceUrl: string;
  file: string;
  binDir?: string;
  signal?: AbortSignal;
}): Promise<PgDumpResult> {
  const binDir = opts.binDir ?? (await findPgBinDir());
  await mkdir(path.dirname(opts.file), { recursive: true });
  const client = new pg.Client({ connectionString: opts.sourceUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string; now: Date }>(
      'SELECT pg_export_snapshot() AS snapshot, now() AS now',
    );
    const { snapshot, now } = rows[0]!;
    const conn = toolConnection(opts.sourceUrl);
    const dumping = runTool(
      pgTool(binDir, 'pg_dump'),
      ['-Fc', '--no-password', `--snapshot=${snapshot}`, '-f', opts.file, '-d', conn.dbname],
      { env: conn.env, signal: opts.signal },
    );
    const [tables, run] = await Promise.all([
      listTables(client).then((names) => countRows(client, names)),
      dumping,
    ]);
    await client.query('COMMIT');
    if (run.exitCode !== 0) {
      await rm(opts.file, { force: true });
      throw new EngineError(
        'pg_dump',
        `exited with ${run.exitCode ?? run.signal} dumping ${describeConnection(opts.sourceUrl)}: ${run.stderr}`,
      );
    }
    const counts: BackupCounts = {
      kind: 'opsgate.backup-counts',
      takenAt: now.toISOString(),
      source: describeConnection(opts.sourceUrl),
      format: 'custom',
      tables,
    };
    const countsFile = countsFileOf(opts.file);
    await writeFile(countsFile, JSON.stringify(counts, null, 2) + '\n');
    return { file: opts.file, countsFile, counts, sizeBytes: (await stat(opts.file)).size, run };
  } finally {
    await client.end().catch(() => undefined);
  }
}
