import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import os from 'node:os';
import { toolConnection } from './connection.js';
import { findPgBinDir, pgTool } from './pg-binaries.js';
import { runTool, stopWithThisProcess, type ToolRun } from './run-tool.js';

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
 * - `.sql.gz`: `gunzip -c` piped process to process into that psql (no temporary file, no
 *   shell); gunzip's exit code counts too.
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
  const shown = `psql ${args.slice(0, 5).join(' ')} -d <scratch database>`;
  const psql = pgTool(binDir, 'psql');
  const tool = { env: conn.env, signal: opts.signal, onSpawn: opts.onSpawn };
  if (format === 'sql') {
    const run = await runTool(psql, [...args, '-f', opts.file], tool);
    return { ...run, tool: 'psql', command: `${shown} -f ${opts.file}`, ok: run.exitCode === 0 };
  }
  const command = `gunzip -c ${opts.file} | ${shown}`;
  const gunzip = await startGunzip(opts.file, opts.signal);
  if (!gunzip) {
    // No gunzip binary: decompress in-process. A corrupt .gz then ends the stream early and psql
    // sees a clean EOF and exits 0, so a broken input stream fails the restore on its own.
    const stdin = createReadStream(opts.file, { highWaterMark: 1 << 20 }).pipe(
      createGunzip({ chunkSize: 1 << 18 }),
    );
    const run = await runTool(psql, args, { ...tool, stdin });
    return { ...run, tool: 'psql', command, ok: run.exitCode === 0 && !/input stream:/.test(run.stderr) };
  }
  const run = await runTool(psql, args, { ...tool, stdinFrom: gunzip.child.stdout! });
  // psql stopped early (error): gunzip would block on the full pipe; stop it.
  if (gunzip.child.exitCode === null) gunzip.child.kill('SIGTERM');
  const unzip = await gunzip.done;
  const inputBroken = unzip.code !== 0 && unzip.signal === null;
  const stderr = [run.stderr, inputBroken ? `gunzip exited with ${unzip.code}: ${unzip.stderr}` : '']
    .filter(Boolean)
    .join('\n');
  // A truncated .gz ends psql's input cleanly: psql exits 0, gunzip's exit code tells the truth.
  return { ...run, stderr, tool: 'psql', command, ok: run.exitCode === 0 && !inputBroken };
}

interface GunzipProcess {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** `gunzip -c file` with its stdout as a pipe, or undefined when there is no gunzip binary. */
function startGunzip(file: string, signal?: AbortSignal): Promise<GunzipProcess | undefined> {
  return new Promise((resolve) => {
    const child = spawn('gunzip', ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stderr = '';
    child.once('spawn', () => {
      const release = stopWithThisProcess(child);
      child.once('close', release);
    });
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4096)));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) =>
      child.on('close', (code, sig) => res({ code, signal: sig, stderr: stderr.trim() })),
    );
    child.once('spawn', () => resolve({ child, done }));
    child.once('error', () => resolve(undefined));
  });
}
