import type { OpsgateConfig } from '../core/config/schema.js';
import type { Evidence } from '../core/evidence/model.js';
import { runGate, type GateResult } from '../core/gate/gate.js';
import { cell, verdictIcon } from '../core/render/markdown.js';

const MAX_METRICS = 15;

/**
 * How this run differs from the PR base's stored evidence: verdict per check, controls that
 * started failing or were fixed, and metrics that moved. Rendered under the report in the PR
 * comment, so reviewers see what *this change* did.
 */
export function renderBaseComparison(
  current: GateResult,
  base: { sha: string; evidence: Evidence[] },
  config?: Pick<OpsgateConfig, 'gate'>,
): string {
  const baseGate = runGate(base.evidence, config);
  const out = [
    `### Compared with the base (\`${base.sha.slice(0, 7)}\`)`,
    '',
    '| Check | Base | This PR | New failures | Fixed |',
    '|---|---|---|---|---|',
  ];
  const lists: string[] = [];
  for (const c of current.checks) {
    const b = baseGate.checks.find((x) => x.check === c.check);
    if (!b) {
      out.push(`| ${c.check} | — | ${verdictIcon[c.verdict]} ${c.verdict} | | |`);
      continue;
    }
    const failed = (s: string): boolean => s === 'fail' || s === 'error';
    const baseFailing = new Set(b.controls.filter((r) => failed(r.status)).map((r) => r.fingerprint));
    const nowFailing = new Set(c.controls.filter((r) => failed(r.status)).map((r) => r.fingerprint));
    const added = c.controls.filter((r) => nowFailing.has(r.fingerprint) && !baseFailing.has(r.fingerprint));
    const fixed = b.controls.filter((r) => baseFailing.has(r.fingerprint) && !nowFailing.has(r.fingerprint));
    out.push(
      `| ${c.check} | ${verdictIcon[b.verdict]} ${b.verdict} | ${verdictIcon[c.verdict]} ${c.verdict} | ${added.length || ''} | ${fixed.length || ''} |`,
    );
    for (const r of added) lists.push(`- ❌ new in this PR: **${c.check}** ${cell(r.name)}`);
    for (const r of fixed) lists.push(`- ✅ fixed in this PR: **${c.check}** ${cell(r.name)}`);
  }
  if (lists.length) out.push('', ...lists);
  const moved = metricChanges(current, baseGate);
  if (moved.length) {
    out.push('', '| Metric | Base | This PR | Change |', '|---|---|---|---|', ...moved.slice(0, MAX_METRICS));
    if (moved.length > MAX_METRICS) out.push('', `_${moved.length - MAX_METRICS} more metrics changed._`);
  }
  return out.join('\n') + '\n';
}

function metricChanges(current: GateResult, base: GateResult): string[] {
  const rows: { row: string; size: number }[] = [];
  for (const c of current.checks) {
    const now = c.evidence?.metrics ?? {};
    const was = base.checks.find((x) => x.check === c.check)?.evidence?.metrics ?? {};
    for (const [name, value] of Object.entries(now)) {
      const before = was[name];
      if (before === undefined || before === value) continue;
      const change = before === 0 ? undefined : (value - before) / Math.abs(before);
      rows.push({
        row: `| ${c.check} ${cell(name)} | ${fmt(before)} | ${fmt(value)} | ${change === undefined ? 'new' : `${change >= 0 ? '+' : ''}${Math.round(change * 100)}%`} |`,
        size: Math.abs(change ?? 1),
      });
    }
  }
  return rows.sort((a, b) => b.size - a.size).map((r) => r.row);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
