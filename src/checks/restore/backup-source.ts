import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BackupSource } from '../../core/config/sections/restore.js';
import { ConfigError, EngineError } from '../../core/errors.js';
import { redact } from '../../core/secrets.js';
import { countsFileOf, pgDumpWithCounts, type BackupCounts } from '../../engines/postgres/pg-dump.js';
import { formatOfFile, type BackupFormat } from '../../engines/postgres/pg-restore.js';
import { matchingFiles } from './newest-match.js';

/** The backup a drill restores, and what is known about it. */
export interface BackupUnderTest {
  kind: BackupSource['kind'];
  file: string;
  format: BackupFormat;
  sizeBytes: number;
  /** When the backup was taken: the sidecar's snapshot time, else the file's mtime. */
  takenAt: Date;
  takenAtFrom: 'snapshot' | 'mtime';
  /**
   * Why this backup's age says nothing about the RPO, when it does not: a dump the drill took
   * itself is always 0 old, a fetched file stamped with the fetch time is as old as the fetch.
   */
  ageNotMeasured?: string;
  /** Row counts recorded when the backup was taken, when a sidecar exists. */
  counts?: BackupCounts;
  /** Delete after the drill (a file the drill fetched itself into a temp place). */
  temporary: boolean;
}

/** Fetch phase: take a fresh dump, pick the newest matching file, or run the fetch command. */
export async function fetchBackup(
  source: BackupSource,
  opts: { configDir: string; workDir: string; signal: AbortSignal; now: Date },
): Promise<BackupUnderTest> {
  if (source.kind === 'pg-dump') {
    const stamp = opts.now.toISOString().replace(/[-:]/g, '').slice(0, 15);
    const file = path.resolve(opts.configDir, source.dir, `opsgate-${stamp}.dump`);
    const dump = await pgDumpWithCounts({ sourceUrl: source.url, file, signal: opts.signal });
    return {
      kind: source.kind,
      file,
      format: 'custom',
      sizeBytes: dump.sizeBytes,
      takenAt: new Date(dump.counts.takenAt),
      takenAtFrom: 'snapshot',
      ageNotMeasured: FRESH_DUMP,
      counts: dump.counts,
      temporary: false,
    };
  }
  if (source.kind === 'path') {
    const pattern = path.resolve(opts.configDir, source.path);
    const [newest] = await matchingFiles(pattern);
    if (!newest)
      throw new ConfigError([{ path: 'restore.backup.path', message: `no backup file matches ${pattern}` }]);
    return describe(source.kind, newest.file, formatOfFile(newest.file), false);
  }
  const ext = source.format === 'custom' ? 'dump' : source.format;
  await mkdir(opts.workDir, { recursive: true });
  const file = path.join(opts.workDir, `fetched-backup.${ext}`);
  // Whole seconds: some tools (and filesystems) keep mtimes at second precision.
  const fetchStartMs = Math.floor(Date.now() / 1000) * 1000;
  await runFetchCommand(source.run.replaceAll('{path}', shellQuote(file)), {
    cwd: opts.configDir,
    timeoutMs: source['timeout-ms'],
    signal: opts.signal,
  });
  if (!existsSync(file))
    throw new EngineError('backup command', `finished but did not write the backup to ${file} ({path})`);
  const fetched = await describe(source.kind, file, source.format, true);
  // A file stamped during the fetch carries the fetch time, not the backup's.
  if (fetched.takenAtFrom === 'mtime' && fetched.takenAt.getTime() >= fetchStartMs)
    return { ...fetched, ageNotMeasured: FETCH_TIME };
  return fetched;
}

const FRESH_DUMP =
  'not measured: the drill took a fresh pg_dump, so the backup is 0 old by construction; point restore.backup at your real backups (kind: path or command) to measure it';
const FETCH_TIME =
  "not measured: the fetched file carries the fetch time, not the backup's; keep the backup's time when fetching (curl -R, rsync -t, cp -p, or touch -d <backup time> {path}), or fetch its {path}.counts.json too";

async function describe(
  kind: BackupSource['kind'],
  file: string,
  format: BackupFormat,
  temporary: boolean,
): Promise<BackupUnderTest> {
  const s = await stat(file);
  const counts = await readCounts(file);
  return {
    kind,
    file,
    format,
    sizeBytes: s.size,
    takenAt: counts ? new Date(counts.takenAt) : s.mtime,
    takenAtFrom: counts ? 'snapshot' : 'mtime',
    ...(counts ? { counts } : {}),
    temporary,
  };
}

/** The `<backup>.counts.json` sidecar, when present and well-formed. */
async function readCounts(file: string): Promise<BackupCounts | undefined> {
  try {
    const parsed = JSON.parse(await readFile(countsFileOf(file), 'utf8')) as BackupCounts;
    return parsed.kind === 'opsgate.backup-counts' && parsed.tables ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Runs in the directory of opsgate.yml, like every other path in it and the runbook's commands. */
function runFetchCommand(
  command: string,
  { cwd, timeoutMs, signal }: { cwd: string; timeoutMs: number; signal: AbortSignal },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      signal,
      timeout: timeoutMs,
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8192)));
    child.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ABORT_ERR') reject(err);
    });
    child.on('close', (code, sig) => {
      if (code === 0) resolve();
      else
        reject(
          new EngineError(
            'backup command',
            `exited with ${code ?? sig}${sig === 'SIGTERM' && !signal.aborted ? ` (timed out after ${timeoutMs} ms)` : ''}: ${redact(stderr.trim())}`,
          ),
        );
    });
  });
}
