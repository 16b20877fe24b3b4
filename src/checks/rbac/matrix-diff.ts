import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { evidenceSchema, type Evidence } from '../../core/evidence/model.js';
import type { EvidenceStore } from '../../core/store/evidence-store.js';
import type { CellResult } from './probe-cells.js';

/** A cell whose answer differs from the previous run. */
export interface CellChange {
  id: string;
  before: number | null;
  now: number | null;
  verdictNow: CellResult['verdict'];
}

export interface MatrixDiff {
  source: string;
  recordedAt?: string;
  changes: CellChange[];
  added: string[];
  removed: string[];
}

/**
 * The previous rbac evidence: the newest in the evidence store, else the evidence file a
 * previous local run left in the out dir (read before this run overwrites it).
 */
export async function previousRbacEvidence(
  store: EvidenceStore,
  outDir: string,
): Promise<{ evidence: Evidence; source: string; recordedAt?: string } | undefined> {
  const [latest] = await store.list('rbac', { limit: 1 }).catch(() => []);
  if (latest)
    return {
      evidence: latest.evidence,
      source: `${store.description}: ${latest.key}`,
      recordedAt: latest.recordedAt,
    };
  const file = path.join(outDir, 'evidence', 'rbac.json');
  try {
    const parsed = evidenceSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success && !parsed.data.error)
      return { evidence: parsed.data, source: file, recordedAt: parsed.data.run.startedAt };
  } catch {
    // no previous local run
  }
  return undefined;
}

/** Compare this run's cells with the previous run's, by cell id. Skipped cells are not compared. */
export function diffMatrix(
  previous: Evidence,
  source: string,
  current: CellResult[],
  recordedAt?: string,
): MatrixDiff {
  const before = new Map<string, CellResult>();
  for (const c of (previous.data?.cells ?? []) as CellResult[]) before.set(c.id, c);
  const changes: CellChange[] = [];
  const added: string[] = [];
  for (const c of current) {
    const b = before.get(c.id);
    if (!b) {
      added.push(c.id);
      continue;
    }
    before.delete(c.id);
    if (b.status === null || c.status === null) continue;
    if (b.status !== c.status)
      changes.push({ id: c.id, before: b.status, now: c.status, verdictNow: c.verdict });
  }
  return { source, recordedAt, changes, added, removed: [...before.keys()] };
}

/** The diff as a report section: "cell X changed from 403 to 200". */
export function diffMarkdown(diff: MatrixDiff): string {
  const lines = [
    `Compared with ${diff.recordedAt ? `the run of ${diff.recordedAt}` : 'the previous run'} (${diff.source}).`,
    '',
  ];
  if (!diff.changes.length) lines.push('No cell changed status.');
  else {
    lines.push('| Cell | Before | Now | Verdict now |', '| --- | --- | --- | --- |');
    for (const c of diff.changes) lines.push(`| \`${c.id}\` | ${c.before} | ${c.now} | ${c.verdictNow} |`);
    lines.push('', ...diff.changes.map((c) => `- cell \`${c.id}\` changed from ${c.before} to ${c.now}`));
  }
  if (diff.added.length) lines.push('', `New cells: ${diff.added.length}.`);
  if (diff.removed.length)
    lines.push('', `Cells no longer in the matrix: ${diff.removed.map((r) => `\`${r}\``).join(', ')}.`);
  return lines.join('\n');
}
