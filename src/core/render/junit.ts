import type { Control } from '../gate/controls.js';
import type { GateResult } from '../gate/gate.js';

/**
 * JUnit XML: one suite per check, one case per control, so CI test views show each promise.
 *
 * JUnit has no warning state. A `warn` control is written as `<skipped message="warning: …">`
 * with its detail in `<system-out>`: test views count and list skipped cases, whereas the output
 * of a passing case is hidden (GitLab shows system-out only for failed tests), so a warning
 * written as a plain pass would read green.
 */
export function renderJunit(gate: GateResult): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = gate.checks.flatMap((c) => c.controls);
  const failures = all.filter((r) => r.status === 'fail').length;
  const errors = all.filter((r) => r.status === 'error').length;
  out.push(`<testsuites name="opsgate" tests="${all.length}" failures="${failures}" errors="${errors}">`);
  for (const c of gate.checks) {
    const f = c.controls.filter((r) => r.status === 'fail').length;
    const e = c.controls.filter((r) => r.status === 'error').length;
    const s = c.controls.filter((r) => ['skip', 'suppressed', 'warn'].includes(r.status)).length;
    const time = ((c.evidence?.run.durationMs ?? 0) / 1000).toFixed(3);
    out.push(
      `  <testsuite name="${esc(c.check)}" tests="${c.controls.length}" failures="${f}" errors="${e}" skipped="${s}" time="${time}">`,
      // The check's own verdict, so a skipped check reads as skipped, not as a suite without failures.
      `    <properties><property name="opsgate.verdict" value="${c.verdict}"/></properties>`,
    );
    for (const r of c.controls) {
      const detail = [
        r.expected && `expected: ${r.expected}`,
        r.actual && `actual: ${r.actual}`,
        r.detail,
        r.solution && `fix: ${r.solution}`,
      ]
        .filter(Boolean)
        .join('\n');
      out.push(`    <testcase classname="opsgate.${esc(c.check)}" name="${esc(r.name)}">`);
      if (r.status === 'fail') out.push(`      <failure message="${esc(r.name)}">${esc(detail)}</failure>`);
      if (r.status === 'error')
        out.push(`      <error message="${esc(r.detail ?? 'error')}">${esc(detail)}</error>`);
      if (r.status === 'skip' || r.status === 'suppressed')
        out.push(`      <skipped message="${esc(r.detail ?? r.status)}"/>`);
      if (r.status === 'warn')
        out.push(
          `      <skipped message="${esc(warning(r))}"/>`,
          `      <system-out>${esc(`${warning(r)}\n${detail}`)}</system-out>`,
        );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** `warning (low): no header; GET http://…/`: one line (at most 200 characters) for the message attribute. */
function warning(r: Control): string {
  const what = [r.actual, r.detail].filter(Boolean).join('; ') || r.name;
  const line = what.split(/\r?\n/, 1)[0] ?? '';
  return `warning${r.severity ? ` (${r.severity})` : ''}: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}

function esc(s: string): string {
  // XML 1.0 forbids most control characters even when escaped: drop them.
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
  );
}
