import path from 'node:path';
import type { Evidence, Finding } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import { formatDuration } from '../../core/render/format-duration.js';
import type { DrillResult } from './restore-drill.js';
import type { RetentionReport } from './retention.js';

const CHECK = 'restore';

function finding(parts: string[], f: Omit<Finding, 'fingerprint'>): Finding {
  return { fingerprint: fingerprintOf(CHECK, ...parts), ...f };
}

/** Thresholds (RTO, RPO), findings (restore error, assertions, row counts, smoke queries), data and report sections. */
export function addDrillToEvidence(
  e: Evidence,
  d: DrillResult,
  targets: { rtoMs: number; rpoMs: number },
): void {
  const restored = d.restore.ok;
  e.thresholds.push({
    name: 'time to restore (RTO)',
    limit: targets.rtoMs,
    actual: restored ? d.timeToRestoreMs : null,
    ok: restored ? d.timeToRestoreMs <= targets.rtoMs : true,
    unit: 'ms',
    ...(restored ? {} : { skipped: 'the restore failed; no time to restore was measured' }),
    detail: Object.entries(d.phases)
      .map(([k, v]) => `${k} ${formatDuration(v)}`)
      .join(', '),
  });
  e.thresholds.push({
    name: 'backup age (RPO)',
    limit: targets.rpoMs,
    actual: d.backupAgeMs,
    ok: d.backupAgeMs === null || d.backupAgeMs <= targets.rpoMs,
    unit: 'ms',
    ...(d.backupAgeMs === null && d.backup.ageNotMeasured ? { skipped: d.backup.ageNotMeasured } : {}),
    detail: `${path.basename(d.backup.file)} taken ${d.backup.takenAt.toISOString()} (${d.backup.takenAtFrom === 'snapshot' ? 'dump snapshot' : 'file modification time'})`,
  });
  if (!restored) {
    e.findings.push(
      finding(['restore-failed'], {
        severity: 'critical',
        title: `backup does not restore: ${d.restore.tool} exited with ${d.restore.exitCode ?? d.restore.signal}`,
        detail: `${d.restore.command}\n\n${d.restore.stderr || '(no error output)'}`,
        location: path.basename(d.backup.file),
        solution: 'Take a new backup and check the backup job: a backup that does not restore is no backup.',
      }),
    );
  }
  const v = d.verification;
  for (const a of v?.assertions ?? []) {
    if (a.ok) continue;
    e.findings.push(
      finding(['assertion', a.name], {
        severity: a.severity,
        title: `assertion "${a.name}" failed`,
        detail: a.error
          ? `query failed: ${a.error}`
          : `expected ${a.op} ${String(a.expected)}, got ${a.actual === null ? 'no row' : String(a.actual)}`,
        location: a.sql,
        ruleId: 'restore-assertion',
      }),
    );
  }
  if (v?.rowCounts?.unavailable) {
    e.findings.push(
      finding(['row-counts-unavailable'], {
        severity: 'medium',
        title: 'row counts could not be compared',
        detail: v.rowCounts.unavailable,
      }),
    );
  }
  for (const t of v?.rowCounts?.tables ?? []) {
    if (t.ok) continue;
    e.findings.push(
      finding(['row-count', t.table], {
        severity: 'high',
        title: `row count of ${t.table} differs from the ${v!.rowCounts!.compareWith === 'source' ? 'source' : 'backup'}`,
        detail: `expected ${t.expected < 0 ? 'no table' : t.expected}, restored ${t.actual < 0 ? 'no table' : t.actual}`,
        location: t.table,
        ruleId: 'restore-row-count',
      }),
    );
  }
  for (const s of v?.smoke ?? []) {
    if (s.ok) continue;
    e.findings.push(
      finding(['smoke', s.sql], {
        severity: 'high',
        title: 'smoke query failed',
        detail: s.error ?? '',
        location: s.sql,
      }),
    );
  }
  if (!d.cleanup.dropped) {
    e.findings.push(
      finding(['cleanup'], {
        severity: 'medium',
        title: `scratch database ${d.scratchDatabase} was not dropped`,
        detail: d.cleanup.error ?? 'unknown error',
        solution: `DROP DATABASE "${d.scratchDatabase}" WITH (FORCE) on the scratch server`,
      }),
    );
  }
  e.metrics.timeToRestoreMs = d.timeToRestoreMs;
  if (d.backupAgeMs !== null) e.metrics.backupAgeMs = d.backupAgeMs;
  e.metrics.backupSizeBytes = d.backup.sizeBytes;
  for (const [k, ms] of Object.entries(d.phases)) e.metrics[`phase.${k}.ms`] = ms;
  e.metrics.tablesCompared = v?.rowCounts?.tables.length ?? 0;
  e.metrics.rowCountMismatches = v?.rowCounts?.tables.filter((t) => !t.ok).length ?? 0;
  e.metrics.assertionsFailed = v?.assertions.filter((a) => !a.ok).length ?? 0;
  e.data = {
    ...e.data,
    backup: {
      kind: d.backup.kind,
      file: path.basename(d.backup.file),
      path: d.backup.file,
      format: d.backup.format,
      sizeBytes: d.backup.sizeBytes,
      takenAt: d.backup.takenAt.toISOString(),
      takenAtFrom: d.backup.takenAtFrom,
    },
    scratchDatabase: d.scratchDatabase,
    jobs: d.jobs,
    phases: d.phases,
    timeToRestoreMs: d.timeToRestoreMs,
    rtoMs: targets.rtoMs,
    backupAgeMs: d.backupAgeMs,
    ...(d.backup.ageNotMeasured ? { backupAgeNotMeasured: d.backup.ageNotMeasured } : {}),
    rpoMs: targets.rpoMs,
    restoreTool: {
      tool: d.restore.tool,
      command: d.restore.command,
      exitCode: d.restore.exitCode,
      signal: d.restore.signal,
      stderr: d.restore.stderr,
    },
    ...(v ? { assertions: v.assertions, rowCounts: v.rowCounts ?? null, smokeQueries: v.smoke } : {}),
    cleanup: d.cleanup,
  };
  e.sections = [...(e.sections ?? []), { title: 'Restore drill', markdown: drillMarkdown(d, targets) }];
}

function drillMarkdown(d: DrillResult, t: { rtoMs: number; rpoMs: number }): string {
  const lines = [
    `Backup \`${path.basename(d.backup.file)}\` (${d.backup.format}, ${(d.backup.sizeBytes / 1_048_576).toFixed(1)} MiB, taken ${d.backup.takenAt.toISOString()}) restored into \`${d.scratchDatabase}\` with ${d.jobs} job(s); scratch database ${d.cleanup.dropped ? 'dropped' : '**not dropped**'}.`,
    '',
    '| Phase | Time |',
    '|---|---|',
    ...Object.entries(d.phases).map(([k, v]) => `| ${k} | ${formatDuration(v)} |`),
    `| **time to restore** | **${d.restore.ok ? formatDuration(d.timeToRestoreMs) : 'failed'}** (RTO ${formatDuration(t.rtoMs)}) |`,
    `| backup age | ${d.backupAgeMs === null ? 'not measured' : formatDuration(d.backupAgeMs)} (RPO ${formatDuration(t.rpoMs)}) |`,
  ];
  const rc = d.verification?.rowCounts;
  if (rc?.tables.length) {
    lines.push(
      '',
      `Row counts vs ${rc.compareWith === 'source' ? 'the source' : 'the counts recorded with the backup'}:`,
      '',
    );
    lines.push('| Table | Expected | Restored | |', '|---|---:|---:|---|');
    for (const r of rc.tables)
      lines.push(`| ${r.table} | ${r.expected} | ${r.actual} | ${r.ok ? '✅' : '❌'} |`);
  }
  const as = d.verification?.assertions ?? [];
  if (as.length) {
    lines.push('', '| Assertion | Expected | Actual | |', '|---|---|---|---|');
    for (const a of as)
      lines.push(
        `| ${a.name} | ${a.op} ${String(a.expected)} | ${a.error ? 'error' : String(a.actual)} | ${a.ok ? '✅' : '❌'} |`,
      );
  }
  if (!d.restore.ok) lines.push('', '```', d.restore.stderr.slice(-2000), '```');
  return lines.join('\n');
}

/** Retention compliance: one threshold (missing slots = 0), the report in data, a section. */
export function addRetentionToEvidence(
  e: Evidence,
  r: RetentionReport,
  dir: string,
  deleted?: string[],
): void {
  const missing = r.daily.missing.length + r.weekly.missing.length + r.monthly.missing.length;
  e.thresholds.push({
    name: 'retention: missing backup slots',
    limit: 0,
    actual: missing,
    ok: missing === 0,
    detail: [
      `daily ${r.daily.covered.length}/${r.daily.expected}`,
      `weekly ${r.weekly.covered.length}/${r.weekly.expected}`,
      `monthly ${r.monthly.covered.length}/${r.monthly.expected}`,
      `${r.prune.length} prune candidate(s)${deleted ? `, ${deleted.length} deleted` : ''}`,
    ].join(', '),
  });
  e.metrics.retentionMissingSlots = missing;
  e.metrics.retentionPruneCandidates = r.prune.length;
  e.data = { ...e.data, retention: { dir, ...r, applied: deleted !== undefined, deleted: deleted ?? [] } };
  const show = (xs: string[]): string => (xs.length ? xs.join(', ') : 'none');
  e.sections = [
    ...(e.sections ?? []),
    {
      title: 'Backup retention',
      markdown: [
        `Directory \`${dir}\`, slots counted back from ${r.referenceDay}.`,
        '',
        '| Slot | Covered | Missing |',
        '|---|---:|---|',
        `| daily | ${r.daily.covered.length}/${r.daily.expected} | ${show(r.daily.missing)} |`,
        `| weekly | ${r.weekly.covered.length}/${r.weekly.expected} | ${show(r.weekly.missing)} |`,
        `| monthly | ${r.monthly.covered.length}/${r.monthly.expected} | ${show(r.monthly.missing)} |`,
        '',
        `${deleted ? 'Pruned' : 'Would prune (run with `--apply`)'}: ${show(deleted ?? r.prune)}`,
      ].join('\n'),
    },
  ];
}
