import path from 'node:path';
import type { Command } from 'commander';
import { durationMs } from '../../core/config/sections/common.js';
import type { RestoreConfig } from '../../core/config/sections/restore.js';
import { ConfigError } from '../../core/errors.js';
import type { Evidence } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import { controlsOf, verdictOf } from '../../core/gate/controls.js';
import { policyFor } from '../../core/gate/gate.js';
import type { Check, CheckContext } from '../check.js';
import { addDrillToEvidence, addRetentionToEvidence } from './drill-evidence.js';
import { appendDrillRecord, lastPassingDrill, type DrillRecord } from './drill-log.js';
import { runRestoreDrill, type DrillResult } from './restore-drill.js';
import { applyRetention, auditBackupDir } from './retention.js';
import { addSweepToEvidence } from './sweep-evidence.js';

const DAY = 86_400_000;

/** The backup directory retention audits by default: where the drill finds (or writes) backups. */
function defaultBackupDir(cfg: RestoreConfig): string | undefined {
  if (cfg.backup.kind === 'pg-dump') return cfg.backup.dir;
  if (cfg.backup.kind === 'path') return path.dirname(cfg.backup.path);
  return undefined;
}

/**
 * The `restore` check: prove the newest backup restores within the RTO and is younger than the
 * RPO, that the restored data passes the declared verification, that retention keeps the slots
 * the policy promises, and that drills happen often enough. Each drill is appended to the drill log.
 */
export const restoreCheck: Check = {
  name: 'restore',
  description:
    'restore drill: backup → scratch database → verification → time to restore vs RTO, RPO, retention, drill log',
  addOptions(cmd: Command) {
    cmd
      .option('--retention-only', 'only audit backup retention (and drill-log freshness); no restore')
      .option('--apply', 'delete the backups the retention policy would prune (default: report only)');
  },
  async run(ctx: CheckContext): Promise<Evidence> {
    const cfg = ctx.config.restore;
    if (!cfg || !cfg.enabled)
      throw new ConfigError([
        { path: 'restore', message: 'no enabled restore section in the configuration' },
      ]);
    const retentionOnly = Boolean(ctx.options.retentionOnly);
    const apply = Boolean(ctx.options.apply);
    if ((retentionOnly || apply) && !cfg.retention)
      throw new ConfigError([
        {
          path: 'restore.retention',
          message: `${apply ? '--apply' : '--retention-only'} needs a restore.retention policy`,
        },
      ]);
    const now = new Date();
    const e = startEvidence('restore', ctx.config.target['base-url'], ctx.config.target.name);
    const rtoMs = durationMs(cfg.rto);
    const rpoMs = durationMs(cfg.rpo);

    let drill: DrillResult | undefined;
    if (!retentionOnly) {
      drill = await runRestoreDrill({
        config: cfg,
        configDir: ctx.configDir,
        workDir: path.join(ctx.outDir, 'artifacts', 'restore'),
        signal: ctx.signal,
        log: ctx.log,
        now,
      });
      addSweepToEvidence(e, drill.sweep);
      addDrillToEvidence(e, drill, { rtoMs, rpoMs });
    }
    // The drill's own verdict (restore, verification, RTO, RPO), before retention and freshness.
    const policy = policyFor(ctx.config, 'restore');
    const drillVerdict = drill ? verdictOf(controlsOf(e, policy), policy) : undefined;
    if (cfg.retention) {
      const rel = cfg.retention.dir ?? defaultBackupDir(cfg);
      if (!rel)
        throw new ConfigError([
          { path: 'restore.retention.dir', message: 'required when the backup source is a command' },
        ]);
      const dir = path.resolve(ctx.configDir, rel);
      const report = await auditBackupDir(dir, cfg.retention, now).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT')
          throw new ConfigError([
            { path: 'restore.retention.dir', message: `backup directory ${dir} does not exist` },
          ]);
        throw err;
      });
      const deleted = apply ? await applyRetention(dir, report) : undefined;
      addRetentionToEvidence(e, report, dir, deleted);
    }

    // Drill freshness: this drill counts when it passes; otherwise the newest passing one in the log.
    const passedNow = drillVerdict === 'pass' || drillVerdict === 'warn';
    const lastPass = passedNow ? now : await lastPassingDrill(ctx.store);
    const maxAgeMs = durationMs(cfg['drill-log']['max-age']);
    const daysSince = lastPass ? Math.floor((now.getTime() - lastPass.getTime()) / DAY) : null;
    e.thresholds.push({
      name: 'days since last passing restore drill',
      limit: Math.floor(maxAgeMs / DAY),
      actual: daysSince,
      ok: lastPass !== undefined && now.getTime() - lastPass.getTime() <= maxAgeMs,
      unit: 'days',
      detail: lastPass ? `last passing drill ${lastPass.toISOString()}` : 'no passing drill in the drill log',
    });
    if (daysSince !== null) e.metrics.daysSinceLastPassingDrill = daysSince;

    const verdict = verdictOf(controlsOf(e, policy), policy);
    if (drill) {
      const record: DrillRecord = {
        date: now.toISOString(),
        check: 'restore',
        runId: e.run.id,
        backup: path.basename(drill.backup.file),
        backupKind: drill.backup.kind,
        backupTakenAt: drill.backup.takenAt.toISOString(),
        timeToRestoreMs: drill.restore.ok ? drill.timeToRestoreMs : null,
        rtoMs,
        backupAgeMs: drill.backupAgeMs,
        rpoMs,
        verdict: drillVerdict!,
        signedOffBy: null,
      };
      // The drill-log line claims a drill happened: only once its evidence is on disk.
      const append = (): Promise<void> => appendDrillRecord(ctx.store, record);
      if (ctx.afterEvidence) ctx.afterEvidence(append);
      else await append();
    }
    e.summary = summaryOf(drill, verdict, e);
    return e;
  },
};

function summaryOf(d: DrillResult | undefined, verdict: string, e: Evidence): string {
  const failed = e.findings.length + e.thresholds.filter((t) => !t.ok).length;
  const parts: string[] = [];
  if (d)
    parts.push(
      d.restore.ok
        ? `restored ${path.basename(d.backup.file)} in ${(d.timeToRestoreMs / 1000).toFixed(1)} s`
        : `restore of ${path.basename(d.backup.file)} FAILED (${d.restore.tool} exit ${d.restore.exitCode ?? d.restore.signal})`,
    );
  if (e.metrics.retentionMissingSlots !== undefined)
    parts.push(`retention: ${e.metrics.retentionMissingSlots} missing slot(s)`);
  parts.push(failed ? `${failed} problem(s)` : 'all verifications passed');
  return `${parts.join('; ')} — ${verdict}`;
}
