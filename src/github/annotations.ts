import type { CheckResult } from '../core/gate/gate.js';
import { redact } from '../core/secrets.js';

/** GitHub shows a limited number of annotations per step; more only clutter the log. */
export const MAX_ANNOTATIONS = 50;

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Workflow commands for controls that need attention: `::error` for failed/errored controls,
 * `::warning` for warnings. They show on the run page and the PR's checks tab.
 */
export function annotationLines(checks: CheckResult[]): string[] {
  const rows = checks.flatMap((c) => c.controls).filter((r) => ['fail', 'error', 'warn'].includes(r.status));
  const lines = rows.slice(0, MAX_ANNOTATIONS).map((r) => {
    const level = r.status === 'warn' ? 'warning' : 'error';
    const message = [
      r.expected !== undefined ? `expected ${r.expected}` : '',
      r.actual !== undefined ? `actual ${r.actual}` : '',
      r.detail ?? '',
    ]
      .filter(Boolean)
      .join('; ');
    const title = `opsgate ${r.check}: ${r.name}`;
    return redact(`::${level} title=${escapeProperty(title)}::${escapeData(message || r.status)}`);
  });
  if (rows.length > MAX_ANNOTATIONS)
    lines.push(
      `::notice title=opsgate::${rows.length - MAX_ANNOTATIONS} more controls need attention; see report.md`,
    );
  return lines;
}
