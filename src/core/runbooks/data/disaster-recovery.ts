import { durationMs } from '../../config/sections/common.js';
import type { RestoreConfig } from '../../config/sections/restore.js';
import { formatDuration } from '../../render/format-duration.js';
import { citeEvidence, latestEvidenceSource, type EvidenceSource } from '../latest-evidence.js';
import type { RunbookDefinition } from '../runbook.js';
import type { TemplateData } from '../template.js';
import {
  beforeYouStart,
  describeBackupSource,
  restoreSteps,
  rollbackCommands,
  verificationCommands,
} from './dr-commands.js';
import { mdCell } from './control-history.js';
import { faultScenariosSection } from './fault-scenarios.js';

/** The fields of restore evidence `data` this runbook reads (written by the restore check). */
interface RestoreDrillData {
  backup?: { kind?: string; file?: string; format?: string; takenAt?: string; sizeBytes?: number };
  phases?: Record<string, number>;
  timeToRestoreMs?: number;
  backupAgeMs?: number | null;
  backupAgeNotMeasured?: string;
  rowCounts?: { tables?: { table: string; expected: number; actual: number; ok: boolean }[] } | null;
}

/** A drill log record as the restore check appends it. */
interface DrillRecord {
  check?: string;
  date?: string;
  runId?: string;
  backup?: string;
  backupKind?: string;
  timeToRestoreMs?: number | null;
  backupAgeMs?: number | null;
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
    const source = await latestEvidenceSource(ctx, 'restore');
    const log = ((await ctx.store.readRecords('drill-log')) as DrillRecord[]).filter(
      (r) => r.check === undefined || r.check === 'restore',
    );
    const none = 'No restore drill is configured: add a `restore:` section to opsgate.yml.';
    return {
      configured: restore ? 'yes' : 'no — add a `restore:` section to opsgate.yml and run `opsgate restore`',
      rtoTarget: restore ? formatDuration(durationMs(restore.rto)) : '15 min (default)',
      rpoTarget: restore ? formatDuration(durationMs(restore.rpo)) : '24 h (default)',
      lastDrill: lastDrillSection(source, restore, ctx.now),
      drillHistory: drillHistory(log),
      beforeYouStart: restore ? beforeYouStart(restore, ctx.configDir) : none,
      restoreSteps: restore ? restoreSteps(restore) : none,
      verificationCommands: restore
        ? verificationCommands(restore)
        : '_Nothing to run: no restore drill is configured._',
      verificationChecklist: restore
        ? checklist(restore, source)
        : '- [ ] The application starts and serves its health check.',
      rollbackSteps: restore ? rollbackCommands(restore) : none,
      faultScenarios: await faultScenariosSection(ctx),
    } satisfies TemplateData;
  },
};

/** Age of the backup as the RPO measurement, or why it is not one. */
function measuredRpo(d: RestoreDrillData): string {
  // Evidence written before the drill said so itself: a fresh dump is 0 old by construction.
  if (d.backupAgeNotMeasured || d.backupAgeMs === null || d.backup?.kind === 'pg-dump')
    return mdCell(
      d.backupAgeNotMeasured ??
        'not measured: the drill took a fresh pg_dump, so the backup is 0 old by construction',
    );
  return d.backupAgeMs === undefined ? '—' : formatDuration(d.backupAgeMs);
}

function lastDrillSection(s: EvidenceSource | undefined, r: RestoreConfig | undefined, now: Date): string {
  if (!s) return '_No drill has been run yet: run `opsgate restore`, then regenerate this runbook._';
  const e = s.evidence;
  const d = (e.data ?? {}) as RestoreDrillData;
  const phases = Object.entries(d.phases ?? {})
    .map(([k, v]) => `${k} ${formatDuration(v)}`)
    .join(' · ');
  const ageDays = Math.floor((now.getTime() - Date.parse(e.run.startedAt)) / 86_400_000);
  const taken = d.backup?.takenAt ? ` (taken ${d.backup.takenAt})` : '';
  const counts = d.rowCounts?.tables ?? [];
  return [
    `| | Measured | Evidence field |`,
    `|---|---|---|`,
    `| Drill date | ${e.run.startedAt} (${ageDays} day${ageDays === 1 ? '' : 's'} ago) | \`run.startedAt\` |`,
    `| Verdict | **${e.verdict}** — ${mdCell(e.summary)} | \`verdict\` |`,
    `| Time to restore | ${d.timeToRestoreMs === undefined ? '—' : formatDuration(d.timeToRestoreMs)} | \`data.timeToRestoreMs\` |`,
    `| RPO (backup age at drill time) | ${measuredRpo(d)} | \`data.backupAgeMs\` |`,
    `| Backup restored | \`${mdCell(d.backup?.file ?? '—')}\`${taken} | \`data.backup\` |`,
    `| Phases | ${phases || '—'} | \`data.phases\` |`,
    `| Tables whose row counts matched | ${counts.length ? `${counts.filter((t) => t.ok).length} of ${counts.length}` : '—'} | \`data.rowCounts\` |`,
    '',
    `Every number above is from ${citeEvidence(s)}.${r ? ` The backup came from ${describeBackupSource(r.backup)}.` : ''}`,
  ].join('\n');
}

function drillHistory(log: DrillRecord[]): string {
  if (!log.length) return '_The drill log is empty._';
  const rows = log.slice(-10).reverse();
  const rpo = (r: DrillRecord): string =>
    r.backupKind === 'pg-dump' || r.backupAgeMs === null
      ? 'not measured'
      : r.backupAgeMs === undefined
        ? '—'
        : formatDuration(r.backupAgeMs);
  return [
    '| Date | Run | Verdict | Time to restore | RPO | Backup | Signed off by |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.date ?? '—'} | ${r.runId ? `\`${mdCell(r.runId)}\`` : '—'} | ${r.verdict ?? '—'} | ${r.timeToRestoreMs === undefined || r.timeToRestoreMs === null ? '—' : formatDuration(r.timeToRestoreMs)} | ${rpo(r)} | ${mdCell(r.backup ?? '—')} | ${mdCell(r.signedOffBy ?? '_not signed_')} |`,
    ),
    '',
    'From the drill log (`logs/drill-log.jsonl` in the evidence store); each run’s evidence is stored under `evidence/restore/`.',
  ].join('\n');
}

function checklist(r: RestoreConfig, s: EvidenceSource | undefined): string {
  const d = (s?.evidence.data ?? {}) as RestoreDrillData;
  const items: string[] = [];
  const rc = r.verify['row-counts'];
  if (rc) {
    const n = d.rowCounts?.tables?.length;
    items.push(
      `- [ ] \`row counts match\` printed: the row counts of ${rc.tables === 'all' ? 'every table' : rc.tables.join(', ')} equal those recorded with the backup${n ? ` (the last drill compared ${n} tables)` : ''}`,
    );
  }
  for (const a of r.verify.assertions)
    items.push(`- [ ] **${mdCell(a.name)}** printed a value ${a.expect.op} ${String(a.expect.value)}`);
  if (r.verify['smoke-queries'].length)
    items.push(`- [ ] \`smoke query ok\` printed ${r.verify['smoke-queries'].length} time(s)`);
  items.push('- [ ] The application starts against the restored database and its health check passes.');
  return items.join('\n');
}
