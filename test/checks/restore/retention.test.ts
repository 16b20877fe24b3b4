import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRetention, auditBackupDir, isoWeekKey } from '../../../src/checks/restore/retention.js';
import { restoreProject, runRestore } from './restore-helpers.js';

const policy = { pattern: 'db-*.dump', daily: 30, weekly: 12, monthly: 12, 'date-from': 'name' as const };
const NOW = new Date('2026-03-15T12:00:00Z');

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** One nightly backup per day from `from` to `to`, except `skip` days; plus sidecars and noise. */
async function backupDir(from: string, to: string, skip: (d: string) => boolean): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-retention-'));
  for (let t = Date.parse(`${from}T03:00:00Z`); t <= Date.parse(`${to}T03:00:00Z`); t += 86_400_000) {
    const d = day(new Date(t));
    if (skip(d)) continue;
    await writeFile(path.join(dir, `db-${d}T0300.dump`), 'x');
    await writeFile(path.join(dir, `db-${d}T0300.dump.counts.json`), '{}');
  }
  await writeFile(path.join(dir, 'README.txt'), 'not a backup');
  await writeFile(path.join(dir, 'db-latest.dump'), 'no date in the name');
  return dir;
}

describe('retention compliance', () => {
  it('lists missing daily, weekly and monthly slots and the files the policy would prune', async () => {
    const gapDays = new Set(['2026-03-10', '2026-02-20']);
    // No backups at all from 2025-07-28 to 2025-08-31: August is a missing monthly slot.
    const dir = await backupDir(
      '2025-01-01',
      '2026-03-15',
      (d) => gapDays.has(d) || (d >= '2025-07-28' && d <= '2025-08-31'),
    );
    await writeFile(path.join(dir, 'db-2026-03-14T0100.dump'), 'an earlier second backup that day');

    const report = await auditBackupDir(dir, policy, NOW);
    expect(report.referenceDay).toBe('2026-03-15');
    expect(report.daily.missing).toEqual(['2026-03-10', '2026-02-20']);
    expect(report.daily.covered).toHaveLength(28);
    expect(report.daily.covered[0]).toBe('2026-03-15');
    expect(report.daily.covered.at(-1)).toBe('2026-02-14');
    expect(report.weekly.missing).toEqual([]);
    expect(report.weekly.covered[0]).toBe(isoWeekKey(NOW));
    expect(report.monthly.missing).toEqual(['2025-08']);
    expect(report.monthly.covered).toEqual([
      '2026-03',
      '2026-02',
      '2026-01',
      '2025-12',
      '2025-11',
      '2025-10',
      '2025-09',
      '2025-07',
      '2025-06',
      '2025-05',
      '2025-04',
    ]);
    expect(report.undated).toEqual(['db-latest.dump']);

    // Kept: the newest of each covered slot. Pruned: everything else, never the undated file.
    expect(report.keep).toContain('db-2026-03-14T0300.dump');
    expect(report.prune).toContain('db-2026-03-14T0100.dump');
    expect(report.keep).toContain('db-2025-06-30T0300.dump'); // newest of June (monthly slot)
    expect(report.prune).toContain('db-2025-06-10T0300.dump'); // neither daily, weekly nor newest of its month
    expect(report.prune).toContain('db-2025-03-31T0300.dump'); // month outside the 12-month window
    expect(report.prune).toContain('db-2025-01-01T0300.dump');
    expect(report.prune).not.toContain('db-latest.dump');
    // 28 daily + weekly slots older than 30 days (12 weeks ≈ 84 days, ~8 more) + older monthly slots.
    const kept = new Set(report.keep);
    for (const f of report.prune) expect(kept.has(f)).toBe(false);
    const all = (await readdir(dir)).filter((f) => /^db-\d/.test(f) && f.endsWith('.dump'));
    expect(report.keep.length + report.prune.length).toBe(all.length);

    // Report only by default; --apply deletes exactly the prune list and its sidecars.
    const deleted = await applyRetention(dir, report);
    expect(deleted).toEqual(report.prune);
    const left = await readdir(dir);
    for (const f of report.prune) {
      expect(left).not.toContain(f);
      expect(left).not.toContain(`${f}.counts.json`);
    }
    for (const f of report.keep) expect(left).toContain(f);
    expect(left).toContain('db-latest.dump');
    // Applying again prunes nothing: the kept set is exactly what the policy needs.
    expect((await auditBackupDir(dir, policy, NOW)).prune).toEqual([]);
  });

  it('counts slots back from yesterday when today’s backup has not run yet', async () => {
    const dir = await backupDir('2026-03-01', '2026-03-14', () => false);
    const report = await auditBackupDir(dir, { ...policy, daily: 7, weekly: 0, monthly: 0 }, NOW);
    expect(report.referenceDay).toBe('2026-03-14');
    expect(report.daily.missing).toEqual([]);
    expect(report.prune).toHaveLength(14 - 7);
  });

  it('runs as `opsgate restore --retention-only` and fails the gate on missing slots', async () => {
    const project = await restoreProject(`
backup:
  kind: path
  path: backups/db-*.dump
scratch:
  url: postgres://nobody@127.0.0.1:9/postgres
retention:
  daily: 7
  weekly: 2
  monthly: 1`);
    const backups = path.join(project.dir, 'backups');
    await mkdir(backups);
    const today = new Date();
    for (const back of [0, 1, 2, 4, 5, 6, 9, 20]) {
      const d = day(new Date(today.getTime() - back * 86_400_000));
      await writeFile(path.join(backups, `db-${d}.dump`), 'x');
    }
    const { code, evidence } = await runRestore(project, ['--retention-only']);
    expect(code).toBe(1);
    const t = evidence.thresholds.find((x) => x.name === 'retention: missing backup slots')!;
    expect(t).toMatchObject({ ok: false, actual: 1, limit: 0 });
    const data = evidence.data as {
      retention: { daily: { missing: string[] }; prune: string[]; applied: boolean };
    };
    expect(data.retention.daily.missing).toEqual([day(new Date(today.getTime() - 3 * 86_400_000))]);
    expect(data.retention.applied).toBe(false);
    // No restore ran (the scratch URL is unreachable on purpose) and nothing was deleted.
    expect(evidence.data).not.toHaveProperty('phases');
    expect(await readdir(backups)).toHaveLength(8);
  });
});
