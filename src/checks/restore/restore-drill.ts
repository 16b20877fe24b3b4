import { rm } from 'node:fs/promises';
import os from 'node:os';
import pg from 'pg';
import type { RestoreConfig } from '../../core/config/sections/restore.js';
import { restoreBackup, type RestoreResult } from '../../engines/postgres/pg-restore.js';
import { countRows } from '../../engines/postgres/row-counts.js';
import { ScratchDatabase } from '../../engines/postgres/scratch-database.js';
import { sweepDeadScratch, type SweepResult } from '../../engines/postgres/scratch-sweep.js';
import { durationMs } from '../../core/config/sections/common.js';
import { fetchBackup, type BackupUnderTest } from './backup-source.js';
import { verifyRestore, type VerificationResult } from './verification.js';

export type DrillPhase = 'fetch' | 'create' | 'restore' | 'verify' | 'cleanup';

/** Everything a drill measured; turned into evidence by `drill-evidence.ts`. */
export interface DrillResult {
  backup: BackupUnderTest;
  scratchDatabase: string;
  jobs: number;
  /** Milliseconds per phase, in order. */
  phases: Partial<Record<DrillPhase, number>>;
  restore: RestoreResult;
  verification?: VerificationResult;
  /** fetch + create + restore + verify: how long until a verified database would be ready. */
  timeToRestoreMs: number;
  /** Age of the backup at drill time (the measured RPO); null when its age says nothing (see `backup.ageNotMeasured`). */
  backupAgeMs: number | null;
  cleanup: { dropped: boolean; error?: string };
  /** Scratch databases of dead drills removed before this one created its own. */
  sweep: SweepResult;
}

export interface DrillOptions {
  config: RestoreConfig;
  configDir: string;
  /** For files the drill fetches itself (deleted afterwards). */
  workDir: string;
  signal: AbortSignal;
  log: (message: string) => void;
  now?: Date;
  /** Called with the restore tool's pid (tests interrupt the drill there). */
  onRestoreSpawn?: (pid: number) => void;
}

/** Raised when the drill was interrupted; the scratch database is already dropped. */
export class DrillInterruptedError extends Error {
  constructor(reason: string, scratch: string, dropped: boolean) {
    super(
      `restore drill interrupted (${reason}); scratch database ${scratch} ${dropped ? 'dropped' : 'NOT dropped'}`,
    );
    this.name = 'DrillInterruptedError';
  }
}

async function timed<T>(phases: DrillResult['phases'], phase: DrillPhase, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    phases[phase] = Math.round(performance.now() - t);
  }
}

/**
 * backup → sweep dead drills' databases → scratch database → restore → verify → drop. The scratch database is dropped in every
 * outcome: success, a failed restore, a crash in verification, or SIGINT/SIGTERM (the abort
 * signal kills the restore tool, then the drop runs before the error propagates).
 */
export async function runRestoreDrill(opts: DrillOptions): Promise<DrillResult> {
  const { config, signal, log } = opts;
  const now = opts.now ?? new Date();
  const phases: DrillResult['phases'] = {};
  const jobs = config.jobs ?? Math.max(1, os.availableParallelism());

  log('restore: fetching the backup');
  const backup = await timed(phases, 'fetch', () =>
    fetchBackup(config.backup, { configDir: opts.configDir, workDir: opts.workDir, signal, now }),
  );
  signal.throwIfAborted();
  try {
    // Dead drills' databases go first: their disk may be what this restore needs.
    // Liveness is about the real clock, not the drill's notion of now.
    const sweep = await sweepDeadScratch(config.scratch.url, {
      staleAfterMs: durationMs(config.scratch['sweep-after']),
    });
    for (const s of sweep.swept) log(`restore: swept ${s.name} left by a dead run (${s.reason})`);
    signal.throwIfAborted();
    log('restore: creating the scratch database');
    const scratch = await timed(phases, 'create', () => ScratchDatabase.create(config.scratch.url));
    let restore: RestoreResult | undefined;
    let verification: VerificationResult | undefined;
    const cleanup: DrillResult['cleanup'] = { dropped: false };
    let failure: unknown;
    try {
      log(`restore: restoring ${backup.format} backup into ${scratch.name} (${jobs} jobs)`);
      restore = await timed(phases, 'restore', () =>
        restoreBackup({
          file: backup.file,
          format: backup.format,
          targetUrl: scratch.url,
          jobs,
          signal,
          ...(opts.onRestoreSpawn ? { onSpawn: opts.onRestoreSpawn } : {}),
        }),
      );
      signal.throwIfAborted();
      if (restore.ok) {
        log('restore: verifying');
        verification = await timed(phases, 'verify', () =>
          verifyRestore({
            restoredUrl: scratch.url,
            verify: config.verify,
            ...(backup.counts ? { recordedCounts: backup.counts.tables } : {}),
            ...(config.backup.kind === 'pg-dump' ? { sourceCounts: sourceCounter(config.backup.url) } : {}),
          }),
        );
      }
    } catch (err) {
      failure = err;
    }
    // Cleanup runs in every outcome; an interruption or crash is reported after it.
    log(`restore: dropping ${scratch.name}`);
    await timed(phases, 'cleanup', () =>
      scratch.drop().then(
        () => void (cleanup.dropped = true),
        (err: unknown) => void (cleanup.error = (err as Error).message),
      ),
    );
    if (signal.aborted)
      throw new DrillInterruptedError(
        String((signal.reason as Error)?.message ?? 'aborted'),
        scratch.name,
        cleanup.dropped,
      );
    if (failure !== undefined) throw failure;
    if (!restore) throw new Error('restore did not run');
    const timeToRestoreMs =
      (phases.fetch ?? 0) + (phases.create ?? 0) + (phases.restore ?? 0) + (phases.verify ?? 0);
    return {
      backup,
      scratchDatabase: scratch.name,
      jobs,
      phases,
      restore,
      ...(verification ? { verification } : {}),
      timeToRestoreMs,
      backupAgeMs: backup.ageNotMeasured ? null : Math.max(0, now.getTime() - backup.takenAt.getTime()),
      cleanup,
      sweep,
    };
  } finally {
    if (backup.temporary) await rm(backup.file, { force: true });
  }
}

function sourceCounter(sourceUrl: string) {
  return async (tables: string[]) => {
    const client = new pg.Client({ connectionString: sourceUrl });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return await countRows(client, tables);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
}
