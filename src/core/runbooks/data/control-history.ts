import type { Evidence, Threshold } from '../../evidence/model.js';
import type { EvidenceStore } from '../../store/evidence-store.js';
import { untrustedCell } from '../../render/untrusted-text.js';

/**
 * `METHOD /path` inside a control name: `p95 dashboard (GET /api/dashboard)` (load thresholds,
 * src/checks/load/evaluate-thresholds.ts), `viewer DELETE /api/x/{id}` (rbac cells). The label's
 * closing `)` and punctuation after the path are not part of it; a `)` the path opened is.
 */
export function endpointOf(name: string): { method: string; path: string } | undefined {
  const m = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/\S*)/.exec(name);
  if (!m) return undefined;
  let path = m[2]!;
  const unbalanced = (p: string): boolean => p.endsWith(')') && p.split(')').length > p.split('(').length;
  for (;;) {
    const trimmed = /[,:;]$/.test(path) ? path.slice(0, -1) : unbalanced(path) ? path.slice(0, -1) : path;
    if (trimmed === path || trimmed === '') break;
    path = trimmed;
  }
  return { method: m[1]!, path };
}

/**
 * A markdown table cell of evidence text (finding details, scanner solutions, control names): the
 * one untrusted-text neutraliser, since a runbook quotes what targets and scan reports said.
 */
export function mdCell(v: unknown): string {
  return untrustedCell(v ?? '—');
}

/** A threshold's value with its unit. */
export function withUnit(v: Threshold['actual'], unit?: string): string {
  if (v === null) return '—';
  return typeof v === 'number' && unit ? `${v} ${unit}` : String(v);
}

/**
 * Since when a control has been failing: walk the stored history (newest first) back to the
 * last run in which it passed. Returns the oldest consecutive failing record's date and commit.
 */
export async function failingSince(
  store: EvidenceStore,
  check: string,
  isFailing: (e: Evidence) => boolean | undefined,
  limit = 50,
): Promise<{ at: string; commit?: string; runs: number } | undefined> {
  const history = await store.list(check, { limit }).catch(() => []);
  let since: { at: string; commit?: string; runs: number } | undefined;
  for (const h of history) {
    const failing = isFailing(h.evidence);
    if (failing === undefined) continue; // not measured in that run
    if (!failing) break;
    since = {
      at: h.evidence.run.startedAt,
      commit: h.commit ?? h.evidence.run.commit,
      runs: (since?.runs ?? 0) + 1,
    };
  }
  return since;
}

/** `2026-11-20 (abc1234, 3 runs)` */
export function describeSince(
  s: { at: string; commit?: string; runs: number } | undefined,
  fallback: string,
): string {
  if (!s) return fallback;
  return `${s.at.slice(0, 16).replace('T', ' ')} UTC${s.commit ? ` (\`${s.commit.slice(0, 7)}\`)` : ''}, ${s.runs} stored run${s.runs === 1 ? '' : 's'} in a row`;
}
