import type { Evidence, Finding } from '../../core/evidence/model.js';
import { cell } from '../../core/render/markdown.js';
import type { EvidenceStore } from '../../core/store/evidence-store.js';
import type { ZapInsight } from '../../engines/zap/parse-zap-report.js';

/** Fingerprints that are new or fixed against the previous stored dast evidence. */
export interface FindingDiff {
  previous?: { recordedAt: string; runId: string };
  added: Finding[];
  fixed: Finding[];
}

const open = (f: Finding): boolean => !f.suppressed && !f.ruleId?.startsWith('opsgate-');

/** Compare open findings with the newest stored dast evidence (none stored: everything is new). */
export async function diffWithPrevious(store: EvidenceStore, current: Finding[]): Promise<FindingDiff> {
  const [prev] = await store.list('dast', { limit: 1 });
  const before = new Map((prev?.evidence.findings ?? []).filter(open).map((f) => [f.fingerprint, f]));
  const now = current.filter(open);
  const nowSet = new Set(now.map((f) => f.fingerprint));
  return {
    ...(prev ? { previous: { recordedAt: prev.recordedAt, runId: prev.evidence.run.id } } : {}),
    added: now.filter((f) => !before.has(f.fingerprint)),
    fixed: [...before.values()].filter((f) => !nowSet.has(f.fingerprint)),
  };
}

/** Report section listing new and no-longer-reported findings. */
export function diffSection(d: FindingDiff): NonNullable<Evidence['sections']>[number] {
  const lines: string[] = [];
  lines.push(
    d.previous
      ? `Compared with the previous scan recorded ${d.previous.recordedAt} (run ${d.previous.runId}): **${d.added.length} new**, **${d.fixed.length} no longer reported**.`
      : `No previous dast evidence in the store: all ${d.added.length} open findings are new.`,
  );
  if (d.added.length || d.fixed.length) {
    lines.push('', '| | Severity | Finding | Location |', '|---|---|---|---|');
    for (const f of d.added)
      lines.push(`| 🆕 new | ${f.severity} | ${cell(f.title)} | ${cell(f.location)} |`);
    for (const f of d.fixed)
      lines.push(`| ✅ gone | ${f.severity} | ${cell(f.title)} | ${cell(f.location)} |`);
  }
  return { title: 'DAST: new vs previous scan', markdown: lines.join('\n') };
}

/** ZAP 2.17 insights: scan health (network failures, warnings) and what the scan saw. */
export function insightsSection(insights: ZapInsight[]): NonNullable<Evidence['sections']>[number] {
  const lines = ['| Level | Insight | Site | Value |', '|---|---|---|---|'];
  for (const i of insights)
    lines.push(`| ${cell(i.level)} | ${cell(i.description)} | ${cell(i.site || '—')} | ${i.statistic} |`);
  return { title: 'DAST: ZAP insights', markdown: lines.join('\n') };
}
