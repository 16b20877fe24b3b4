import os from 'node:os';
import path from 'node:path';
import { durationMs } from '../../config/sections/common.js';
import type { RestoreConfig } from '../../config/sections/restore.js';
import type { Evidence } from '../../evidence/model.js';
import { latestEvidence } from '../latest-evidence.js';
import { formatDuration } from '../../render/format-duration.js';
import type { RunbookDefinition } from '../runbook.js';
import type { TemplateData } from '../template.js';
import { faultScenariosSection } from './fault-scenarios.js';

/** The fields of restore evidence `data` this runbook reads (written by the restore check). */
interface RestoreDrillData {
  backup?: { file?: string; format?: string; takenAt?: string; sizeBytes?: number };
  phases?: Record<string, number>;
  timeToRestoreMs?: number;
  backupAgeMs?: number;
}

/** A drill log record as the restore check appends it. */
interface DrillRecord {
  check?: string;
  date?: string;
  backup?: string;
  timeToRestoreMs?: number;
  backupAgeMs?: number;
  verdict?: string;
  signedOffBy?: string | null;
}

/** The disaster-recovery runbook: restore steps for this configuration plus the last measured numbers. */
export const disasterRecoveryRunbook: RunbookDefinition = {
  name: 'disaster-recovery',
  title: 'Disaster recovery: restore the database from backup',
  description:
    'Open this when the production database is lost or corrupted and must be restored from backup.',
  async data(ctx) {
    const restore = ctx.config.restore;
    const evidence = await latestEvidence(ctx, 'restore');
    const log = ((await ctx.store.readRecords('drill-log')) as DrillRecord[]).filter(
      (r) => r.check === undefined || r.check === 'restore',
    );
    return {
      configured: restore ? 'yes' : 'no — add a `restore:` section to opsgate.yml and run `opsgate restore`',
      rtoTarget: restore ? formatDuration(durationMs(restore.rto)) : '15 min (default)',
      rpoTarget: restore ? formatDuration(durationMs(restore.rpo)) : '24 h (default)',
      lastDrill: lastDrillSection(evidence, ctx.now),
      drillHistory: drillHistory(log),
      restoreSteps: restore ? restoreSteps(restore, ctx.configDir) : 'No restore drill is configured.',
      verificationChecklist: restore
        ? checklist(restore)
        : '- [ ] The application starts and serves its health check.',
      faultScenarios: await faultScenariosSection(ctx),
    } satisfies TemplateData;
  },
};

function lastDrillSection(e: Evidence | undefined, now: Date): string {
  if (!e) return '_No drill has been run yet: run `opsgate restore`, then regenerate this runbook._';
  const d = (e.data ?? {}) as RestoreDrillData;
  const phases = Object.entries(d.phases ?? {})
    .map(([k, v]) => `${k} ${formatDuration(v)}`)
    .join(' · ');
  const ageDays = Math.floor((now.getTime() - Date.parse(e.run.startedAt)) / 86_400_000);
  return [
    `| | |`,
    `|---|---|`,
    `| Drill date | ${e.run.startedAt} (${ageDays} day${ageDays === 1 ? '' : 's'} ago) |`,
    `| Verdict | **${e.verdict}** — ${e.summary.replace(/\|/g, '\\|')} |`,
    `| Measured time to restore | ${d.timeToRestoreMs === undefined ? '—' : formatDuration(d.timeToRestoreMs)} |`,
    `| Measured RPO (backup age at drill time) | ${d.backupAgeMs === undefined ? '—' : formatDuration(d.backupAgeMs)} |`,
    `| Backup used | ${d.backup?.file ?? '—'}${d.backup?.takenAt ? ` (taken ${d.backup.takenAt})` : ''} |`,
    `| Phases | ${phases || '—'} |`,
  ].join('\n');
}

function drillHistory(log: DrillRecord[]): string {
  if (!log.length) return '_The drill log is empty._';
  const rows = log.slice(-10).reverse();
  return [
    '| Date | Verdict | Time to restore | RPO | Backup | Signed off by |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.date ?? '—'} | ${r.verdict ?? '—'} | ${r.timeToRestoreMs === undefined ? '—' : formatDuration(r.timeToRestoreMs)} | ${r.backupAgeMs === undefined ? '—' : formatDuration(r.backupAgeMs)} | ${r.backup ?? '—'} | ${r.signedOffBy ?? '_not signed_'} |`,
    ),
  ].join('\n');
}

function restoreSteps(r: RestoreConfig, configDir: string): string {
  const jobs = r.jobs ?? Math.max(1, os.availableParallelism());
  const b = r.backup;
  const format = b.kind === 'command' ? b.format : b.kind === 'pg-dump' ? 'custom' : formatOfPath(b.path);
  const locate =
    b.kind === 'pg-dump'
      ? `BACKUP=$(ls -t ${shellPath(path.resolve(configDir, b.dir))}/*.dump | head -n 1)`
      : b.kind === 'path'
        ? `BACKUP=$(ls -t ${shellPath(path.resolve(configDir, b.path))} | head -n 1)`
        : `BACKUP=/var/tmp/restore-$(date +%Y%m%d%H%M).${format === 'custom' ? 'dump' : format}\n${b.run.replaceAll('{path}', '"$BACKUP"')}`;
  const restoreCmd =
    format === 'custom'
      ? `time pg_restore --exit-on-error --no-owner -j ${jobs} -d "$RESTORE_URL" "$BACKUP"`
      : format === 'sql.gz'
        ? `set -o pipefail   # a truncated archive must fail the pipeline too\ntime gunzip -c "$BACKUP" | psql -X -q -v ON_ERROR_STOP=1 -d "$RESTORE_URL"`
        : `time psql -X -q -v ON_ERROR_STOP=1 -d "$RESTORE_URL" -f "$BACKUP"`;
  return [
    '1. **Declare the incident** and stop writes to the damaged database (scale the application to zero or put it in maintenance mode).',
    '2. **Locate the newest backup** (the drill uses the same source):',
    '   ```sh',
    ...locate.split('\n').map((l) => `   ${l}`),
    '   ls -l "$BACKUP"',
    '   ```',
    '3. **Create an empty database** on the recovery server (`$PGSERVER_URL`: a server URL with CREATEDB rights; take it from your secret store, never paste it into tickets):',
    '   ```sh',
    '   RESTORED_DB=restored_$(date +%Y%m%d%H%M)',
    '   psql -X -d "$PGSERVER_URL" -c "CREATE DATABASE \\"$RESTORED_DB\\""',
    '   RESTORE_URL=$(echo "$PGSERVER_URL" | sed -E "s#/[^/?]*(\\?|$)#/$RESTORED_DB\\1#")',
    '   ```',
    `4. **Restore** (${format} format; stops at the first error so a partial restore is never mistaken for a good one):`,
    '   ```sh',
    ...restoreCmd.split('\n').map((l) => `   ${l}`),
    '   echo "exit code: $?"   # anything but 0 means the restore failed: go to Rollback',
    '   ```',
    '5. **Verify** with the checklist below before pointing anything at the restored database.',
    '6. **Switch over**: point the application’s database URL at `$RESTORED_DB`, start it, watch error rates.',
    '7. **Record** the real time to restore and data loss window in the incident ticket and the drill log.',
  ].join('\n');
}

function checklist(r: RestoreConfig): string {
  const items: string[] = [];
  for (const a of r.verify.assertions)
    items.push(`- [ ] **${a.name}**: \`${oneLine(a.sql)}\` ${a.expect.op} ${String(a.expect.value)}`);
  const rc = r.verify['row-counts'];
  if (rc)
    items.push(
      `- [ ] Row counts of ${rc.tables === 'all' ? 'every table' : rc.tables.join(', ')} match ${rc['compare-with'] === 'source' ? 'the source database' : 'the counts recorded with the backup (`<backup>.counts.json`)'}`,
    );
  for (const q of r.verify['smoke-queries']) items.push(`- [ ] Smoke query runs: \`${oneLine(q)}\``);
  items.push('- [ ] The application starts against the restored database and its health check passes.');
  return items.join('\n');
}

function formatOfPath(p: string): 'custom' | 'sql' | 'sql.gz' {
  if (p.endsWith('.sql.gz')) return 'sql.gz';
  if (p.endsWith('.sql')) return 'sql';
  return 'custom';
}

function shellPath(p: string): string {
  return /^[\w./*?[\]-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().replace(/`/g, "'");
}
