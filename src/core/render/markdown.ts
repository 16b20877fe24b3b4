import type { Control } from '../gate/controls.js';
import { controlTable } from './control-table.js';
import { runMetadataLine } from './run-metadata.js';
import type { CheckResult, GateResult } from '../gate/gate.js';
import type { Verdict } from '../evidence/model.js';
import { untrustedCell, untrustedText } from './untrusted-text.js';

/**
 * The report: one markdown document rendered from Evidence. The CLI writes it as report.md,
 * the job summary shows it and the sticky PR comment posts it, so all three say the same thing.
 */
export const verdictIcon: Record<Verdict, string> = {
  pass: '✅',
  warn: '⚠️',
  fail: '❌',
  error: '💥',
  skip: '⏭️',
};

/** A table cell holding text that may come from the target: always neutralised. */
export function cell(text: string | undefined): string {
  return untrustedCell(text);
}

export function renderReport(gate: GateResult, opts: { title?: string } = {}): string {
  const out: string[] = [];
  const target = gate.checks.find((c) => c.evidence)?.evidence?.target;
  out.push(`## ${opts.title ?? 'opsgate'} — ${verdictIcon[gate.verdict]} ${gateHeadline(gate)}`);
  if (target)
    out.push(
      '',
      `Target: ${untrustedText(target.url)}${target.name ? ` (${untrustedText(target.name)})` : ''}`,
    );
  const run = runMetadataLine(gate.checks.flatMap((c) => (c.evidence ? [c.evidence] : [])));
  if (run) out.push('', run);
  const skipped = gate.skipped ?? [];
  if (skipped.length)
    out.push('', ...skipped.map((s) => `⏭️ **${s.check} skipped** (not a pass): ${untrustedText(s.reason)}`));
  out.push('', '| Check | Verdict | Controls | Summary |', '|---|---|---|---|');
  for (const c of gate.checks)
    out.push(
      `| ${c.check} | ${verdictIcon[c.verdict]} ${c.verdict} | ${tally(c.controls)} | ${cell(c.summary)} |`,
    );
  for (const c of gate.checks) out.push('', ...renderCheck(c));
  return out.join('\n') + '\n';
}

/** "gate passed" only when something passed: a gate of skipped checks did not fail, nothing more. */
export function gateHeadline(gate: Pick<GateResult, 'verdict' | 'passed' | 'skipped'>): string {
  const skipped = gate.skipped ?? [];
  if (!gate.passed) return 'gate failed';
  if (gate.verdict === 'skip') return `gate not failed: skipped (${skipped.map((s) => s.check).join(', ')})`;
  return skipped.length ? `gate passed, ${skipped.length} skipped` : 'gate passed';
}

function tally(rows: Control[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(' · ') || '—';
}

function renderCheck(c: CheckResult): string[] {
  const out = [`### ${verdictIcon[c.verdict]} ${c.check}`];
  // From the run's request ledger: users with quotas and per-IP limits need the figure.
  const sent = Object.entries(c.evidence?.metrics ?? {}).filter(([k]) => k.startsWith('requests sent to '));
  if (sent.length)
    out.push(
      '',
      `Requests sent: ${sent.map(([k, v]) => `${untrustedText(k.slice(17))} ${String(v)}`).join(', ')}`,
    );
  const attention = c.controls.filter((r) => ['fail', 'error', 'warn'].includes(r.status));
  if (attention.length) out.push('', ...controlTable(attention));
  const rest = c.controls.filter((r) => !attention.includes(r));
  if (rest.length) {
    out.push(
      '',
      `<details><summary>Other controls (${rest.length})</summary>`,
      '',
      ...controlTable(rest),
      '',
      '</details>',
    );
  }
  for (const s of c.evidence?.sections ?? []) out.push('', `#### ${s.title}`, '', s.markdown);
  return out;
}
