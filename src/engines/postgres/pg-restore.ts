import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import os from 'node:os';
import { toolConnection } from './connection.js';
import { findPgBinDir, pgTool } from './pg-binaries.js';
import { runTool, type ToolRun } from './run-tool.js';

/** Backup formats a drill can restore. */
export type BackupFormat = 'custom' | 'sql' | 'sql.gz';

/** `x.sql.gz` → sql.gz, `x.sql` → sql, anything else (`.dump`, `.backup`) → custom. */
export function formatOfFile(file: string): BackupFormat {
  if (/\.sql\.gz$/i.test(file)) return 'sql.gz';
  if (/\.sql$/i.test(file)) return 'sql';
  return 'custom';
}

export interface RestoreResult extends ToolRun {
  /** The command as run, password-free (for the evidence and the runbook). */
  command: string;
  tool: 'pg_restore' | 'psql';
  ok: boolean;
}

export interface RestoreOptions {
  file: string;
  format?: BackupFormat;
  /** URL of the (empty) database to restore into. */
  targetUrl: string;
  /** Parallel jobs for custom-format dumps; default: CPU cores. */
  jobs?: number;
  binDir?: string;
  signal?: AbortSignal;
  onSpawn?: (pid: number) => void;
}

/**
 * Restore a backup so that any error fails it:
 * - custom format: `pg_restore --exit-on-error -j N --no-owner --no-acl` (roles of the source
 *   need not exist on the scratch server; data and schema are what a drill proves);
 * - plain SQL: `psql -X -q -v ON_ERROR_STOP=1` — without ON_ERROR_STOP psql exits 0 after
 *   errors, which would make a broken backup look restorable;
 * - `.sql.gz`: gunzip streamed into that psql (no temporary file, no shell).
 * The exit code is read as a number; stderr is kept (redacted) for the evidence.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const binDir = opts.binDir ?? (await findPgBinDir());
  const format = opts.format ?? formatOfFile(opts.file);
  const conn = toolConnection(opts.targetUrl);
  if (format === 'custom') {
    const jobs = Math.max(1, opts.jobs ?? os.availableParallelism());
    const args = ['--exit-on-error', '--no-owner', '--no-acl', '--no-password', '-j', String(jobs)];
    const run = await runTool(pgTool(binDir, 'pg_restore'), [...args, '-d', conn.dbname, opts.file], {
      env: conn.env,
      signal: opts.signal,
      onSpawn: opts.onSpawn,
    });
    return {
      ...run,
      tool: 'pg_restore',
      command: `pg_restore ${args.join(' ')} -d <scratch database> ${opts.file}`,
      ok: run.exitCode === 0,
    };
  }
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--no-password', '-d', conn.dbname];
  const gz = format === 'sql.gz';
  const run = await runTool(pgTool(binDir, 'psql'), gz ? args : [...args, '-f', opts.file], {
    env: conn.env,
    signal: opts.signal,
    onSpawn: opts.onSpawn,
    ...(gz ? { stdin: createReadStream(opts.file).pipe(createGunzip()) } : {}),
  });
  const shown = `psql ${args.slice(0, 5).join(' ')} -d <scratch database>`;
  // A corrupt .gz ends the stream early: psql then sees a clean EOF and exits 0.
  const inputBroken = gz && /input stream:/.test(run.stderr);
  return {
    ...run,
    tool: 'psql',
    command: gz ? `gunzip -c ${opts.file} | ${shown}` : `${shown} -f ${opts.file}`,
    ok: run.exitCode === 0 && !inputBroken,
  };
}
