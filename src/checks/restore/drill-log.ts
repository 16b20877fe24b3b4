import type { EvidenceStore } from '../../core/store/evidence-store.js';

/** The drill log in the evidence store (`logs/drill-log.jsonl`). */
export const DRILL_LOG = 'drill-log';

/** One drill, as the hardening plan asks it be recorded; `signedOffBy` stays null until someone signs. */
export interface DrillRecord {
  date: string;
  check: 'restore';
  runId: string;
  backup: string;
  backupKind: string;
  backupTakenAt: string;
  timeToRestoreMs: number | null;
  rtoMs: number;
  /** null: the drill's backup says nothing about the RPO (a fresh dump, a file with the fetch time). */
  backupAgeMs: number | null;
  rpoMs: number;
  verdict: 'pass' | 'warn' | 'fail' | 'error' | 'skip';
  signedOffBy: string | null;
}

/** Newest passing (or warning) drill date in the log, if any. */
export async function lastPassingDrill(store: EvidenceStore): Promise<Date | undefined> {
  let newest: number | undefined;
  for (const r of await store.readRecords(DRILL_LOG)) {
    if (r.check !== undefined && r.check !== 'restore') continue;
    if (r.verdict !== 'pass' && r.verdict !== 'warn') continue;
    const t = Date.parse(String(r.date));
    if (!Number.isNaN(t) && (newest === undefined || t > newest)) newest = t;
  }
  return newest === undefined ? undefined : new Date(newest);
}

export async function appendDrillRecord(store: EvidenceStore, record: DrillRecord): Promise<void> {
  await store.appendRecord(DRILL_LOG, { ...record });
}
