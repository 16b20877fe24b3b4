import type { GateResult } from '../core/gate/gate.js';
import { verdictIcon } from '../core/render/markdown.js';

/** Plain-text summary for terminals: per check a line, then the controls that need attention. */
export function consoleReport(gate: GateResult): string {
  const lines: string[] = [];
  for (const c of gate.checks) {
    lines.push(`${verdictIcon[c.verdict]} ${c.check.padEnd(8)} ${c.verdict.padEnd(5)} ${c.summary}`);
    for (const r of c.controls.filter((x) => ['fail', 'error', 'warn'].includes(x.status))) {
      const detail = [r.expected && `expected ${r.expected}`, r.actual && `got ${r.actual}`]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `     ${r.status.padEnd(5)} ${r.name}${detail ? ` (${detail})` : ''}${r.detail ? ` — ${r.detail}` : ''}`,
      );
    }
  }
  for (const s of gate.skipped ?? []) lines.push(`skipped: ${s.check} — ${s.reason}`);
  lines.push(
    `gate: ${gate.passed ? (gate.verdict === 'skip' ? 'not failed (skipped)' : 'passed') : 'FAILED'} (${gate.verdict})`,
  );
  return lines.join('\n');
}
