import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RetentionPolicy } from '../../core/config/sections/restore.js';
import { globToRegExp } from './newest-match.js';

/** A backup file with the date the policy files it under. */
export interface DatedBackup {
  file: string;
  /** UTC timestamp the slot is computed from. */
  at: Date;
}

/** Coverage of one granularity: the slots the policy expects, which have a backup, which do not. */
export interface SlotCoverage {
  expected: number;
  covered: string[];
  missing: string[];
}

export interface RetentionReport {
  /** Day the slots count back from (today, or yesterday when today's backup has not run yet). */
  referenceDay: string;
  daily: SlotCoverage;
  weekly: SlotCoverage;
  monthly: SlotCoverage;
  /** Files the policy keeps (newest of each covered slot, plus anything newer than the reference day). */
  keep: string[];
  /** Files no slot needs: what `--apply` deletes. */
  prune: string[];
  /** Files without a date in their name (date-from: name); never pruned. */
  undated: string[];
}

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);
const monthKey = (d: Date): string => d.toISOString().slice(0, 7);

/** ISO-8601 week, e.g. `2026-W05` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** `db-2026-01-23.dump`, `db_20260123T0300.sql.gz` → that date (UTC). */
export function dateFromName(name: string): Date | undefined {
  const m = /(20\d{2}|19\d{2})-?(\d{2})-?(\d{2})(?:[T_-]?(\d{2}):?(\d{2})(?::?(\d{2}))?)?/.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  return Number.isNaN(date.getTime()) || date.getUTCMonth() !== +mo! - 1 ? undefined : date;
}

/**
 * Grandfather-father-son compliance. Slots are calendar days, ISO weeks and months counted back
 * from the reference day; a slot is covered when at least one backup falls in it. The newest
 * backup of each covered slot is kept; every other dated backup is a prune candidate.
 */
export function retentionReport(
  backups: DatedBackup[],
  policy: Pick<RetentionPolicy, 'daily' | 'weekly' | 'monthly'>,
  now: Date,
): RetentionReport {
  const today = dayKey(now);
  const hasToday = backups.some((b) => dayKey(b.at) === today);
  const ref = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (hasToday ? 0 : 1)),
  );
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>(newestFirst.filter((b) => dayKey(b.at) > dayKey(ref)).map((b) => b.file));

  const cover = (count: number, slotOf: (d: Date) => string, step: (i: number) => Date): SlotCoverage => {
    const slots: string[] = [];
    for (let i = 0; slots.length < count && i < count * 40; i++) {
      const key = slotOf(step(i));
      if (!slots.includes(key)) slots.push(key);
    }
    const covered: string[] = [];
    const missing: string[] = [];
    for (const slot of slots) {
      const newest = newestFirst.find((b) => slotOf(b.at) === slot);
      if (newest) {
        covered.push(slot);
        keep.add(newest.file);
      } else missing.push(slot);
    }
    return { expected: count, covered, missing };
  };
  const daysBack = (i: number): Date => new Date(ref.getTime() - i * 86_400_000);
  const daily = cover(policy.daily, dayKey, daysBack);
  const weekly = cover(policy.weekly, isoWeekKey, (i) => daysBack(i * 7));
  const monthly = cover(
    policy.monthly,
    monthKey,
    (i) => new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() - i, 1)),
  );
  const prune = newestFirst.filter((b) => !keep.has(b.file)).map((b) => b.file);
  return {
    referenceDay: dayKey(ref),
    daily,
    weekly,
    monthly,
    keep: newestFirst.filter((b) => keep.has(b.file)).map((b) => b.file),
    prune,
    undated: [],
  };
}

/** Read a backup directory and report its compliance; dates from file names or mtimes. */
export async function auditBackupDir(
  dir: string,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionReport> {
  const re = globToRegExp(policy.pattern);
  const backups: DatedBackup[] = [];
  const undated: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!re.test(name) || name.endsWith('.counts.json')) continue;
    const s = await stat(path.join(dir, name));
    if (!s.isFile()) continue;
    const at = policy['date-from'] === 'mtime' ? s.mtime : dateFromName(name);
    if (at) backups.push({ file: name, at });
    else undated.push(name);
  }
  return { ...retentionReport(backups, policy, now), undated };
}

/** `--apply`: delete the prune candidates (and their `.counts.json` sidecars). Returns what was deleted. */
export async function applyRetention(dir: string, report: RetentionReport): Promise<string[]> {
  const deleted: string[] = [];
  for (const name of report.prune) {
    await rm(path.join(dir, name), { force: true });
    await rm(path.join(dir, `${name}.counts.json`), { force: true });
    deleted.push(name);
  }
  return deleted;
}
