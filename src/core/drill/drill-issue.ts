import type { GateResult } from '../gate/gate.js';
import { renderReport, verdictIcon } from '../render/markdown.js';

/** Label every drill issue carries; lookups go by label + marker, never by search. */
export const DRILL_LABEL = 'opsgate-drill';

/** `Drill YYYY-MM` — one issue per drill month. */
export function drillTitle(month: string): string {
  return `Drill ${month}`;
}

/** Hidden marker identifying the drill issue of a month. */
export function drillMarker(month: string): string {
  return `<!-- opsgate:drill:${month} -->`;
}

/** The month a title or body belongs to, if it is a drill issue. */
export function drillMonthOf(text: string): string | undefined {
  return (
    /\x3c!-- opsgate:drill:(\d{4}-\d{2}) -->/.exec(text)?.[1] ??
    /^Drill (\d{4}-\d{2})$/.exec(text.trim())?.[1]
  );
}

/** `- [ ] @login signs off …` — one checkbox per approver. */
export function signoffLine(login: string, checked: boolean): string {
  return `- [${checked ? 'x' : ' '}] @${login} signs off these drill results`;
}

/** Approvers whose checkbox is ticked in an issue body. */
export function checkedApprovers(body: string): string[] {
  return [...body.matchAll(/^- \[[xX]\] @([A-Za-z0-9-]+) signs off/gm)].map((m) => m[1]!);
}

export interface DrillIssueInput {
  month: string;
  gate: GateResult;
  approvers: string[];
  /** The current body when the issue exists: ticked boxes survive a re-run of the drill. */
  previousBody?: string;
  /** Link to the run (and its evidence artifact). */
  runUrl?: string;
}

/** The body of the `Drill YYYY-MM` issue: results rendered from Evidence plus the sign-off checklist. */
export function renderDrillIssue(input: DrillIssueInput): string {
  const ticked = new Set(checkedApprovers(input.previousBody ?? '').map((l) => l.toLowerCase()));
  const checklist = input.approvers.length
    ? input.approvers.map((a) => signoffLine(a, ticked.has(a.toLowerCase())))
    : ['_No approvers are listed in the drill definition (`sign-off.approvers` in drills/monthly.yml)._'];
  return [
    drillMarker(input.month),
    `# ${drillTitle(input.month)} — ${verdictIcon[input.gate.verdict]} ${input.gate.verdict === 'skip' ? 'skipped, not failed' : input.gate.passed ? 'passed' : 'failed'}`,
    '',
    input.runUrl
      ? `Run: ${input.runUrl} (evidence, report.md and junit.xml are attached as an artifact).`
      : '',
    '',
    renderReport(input.gate, { title: 'Results' }).replace(/^## /, '## '),
    '## Sign-off',
    '',
    'An approver signs off by ticking their box or by commenting `/signoff`; the sign-off is recorded in the drill log.',
    '',
    ...checklist,
    '',
  ].join('\n');
}
