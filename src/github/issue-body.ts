import { createHash } from 'node:crypto';
import type { Control } from '../core/gate/controls.js';
import { cell } from '../core/render/markdown.js';
import { redact } from '../core/secrets.js';

/** Where a control's evidence came from: shown in issue bodies and comments. */
export interface RunRef {
  runUrl?: string;
  sha?: string;
  target?: string;
  at: string;
}

export function issueMarker(fingerprint: string): string {
  return `<!-- opsgate:issue:${fingerprint} -->`;
}

/** Hash of what the control says (status, expected, actual, detail): a change means new evidence. */
export function controlEvidenceHash(c: Control): string {
  const parts = [c.status, c.expected ?? '', c.actual ?? '', c.detail ?? '', c.severity ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

export function evidenceMarker(hash: string): string {
  return `<!-- opsgate:evidence:${hash} -->`;
}

/** Markers read back from an issue body. */
export interface ParsedIssueBody {
  fingerprint?: string;
  check?: string;
  evidenceHash?: string;
  firstSeen?: string;
  scope?: string;
}

export function parseIssueBody(body: string | null | undefined): ParsedIssueBody {
  // Only the header lines opsgate writes (marker first, then three metadata lines) are read:
  // markers quoted further down, e.g. inside target text, are never taken as ours.
  const lines = (body ?? '').split('\n', 5);
  const b = lines.join('\n');
  return {
    fingerprint: /^<!-- opsgate:issue:(\S+?) -->$/.exec(lines[0]?.trim() ?? '')?.[1],
    check: /<!-- opsgate:check:(\S+?) -->/.exec(b)?.[1],
    evidenceHash: /<!-- opsgate:evidence:(\S+?) -->/.exec(b)?.[1],
    firstSeen: /<!-- opsgate:first-seen:(.+?) -->/.exec(b)?.[1],
    scope: decodeScope(/<!-- opsgate:scope:(\S+?) -->/.exec(b)?.[1]),
  };
}

/** Scopes are percent-encoded in their marker so no target text can end the comment. */
function scopeMarker(scope: string | undefined): string {
  return scope ? `<!-- opsgate:scope:${encodeURIComponent(scope)} -->` : '';
}

function decodeScope(s: string | undefined): string | undefined {
  if (!s) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function issueTitle(c: Control): string {
  return `opsgate: ${c.check} — ${c.name}`.slice(0, 250);
}

function runLine(r: RunRef): string {
  const run = r.runUrl ? `[run](${r.runUrl})` : 'a local run';
  return `${run}${r.sha ? ` on \`${r.sha.slice(0, 7)}\`` : ''} at ${r.at}`;
}

function evidenceTable(c: Control): string[] {
  return [
    '| Status | Expected | Actual | Detail |',
    '|---|---|---|---|',
    `| ${c.status}${c.severity ? ` (${c.severity})` : ''} | ${cell(c.expected)} | ${cell(c.actual)} | ${cell(c.detail)} |`,
  ];
}

/** The issue body: markers, the latest evidence, first-seen, and the runbook section. */
export function renderIssueBody(
  c: Control,
  run: RunRef,
  opts: { firstSeen?: string; runbookUrl?: string },
): string {
  const firstSeen = opts.firstSeen ?? runLine(run);
  return redact(
    [
      issueMarker(c.fingerprint),
      `<!-- opsgate:check:${c.check} -->`,
      evidenceMarker(controlEvidenceHash(c)),
      `<!-- opsgate:first-seen:${firstSeen} -->`,
      scopeMarker(c.scope),
      `The **${c.check}** control **${cell(c.name)}** is failing${run.target ? ` on \`${run.target}\`` : ''}.`,
      '',
      '### Latest evidence',
      '',
      ...evidenceTable(c),
      '',
      c.solution ? `**Fix:** ${cell(c.solution)}` : '',
      '',
      `- First seen: ${firstSeen}`,
      `- Latest: ${runLine(run)}`,
      opts.runbookUrl ? `- Runbook: [what to do](${opts.runbookUrl})` : '',
      '',
      '_Managed by opsgate: commented on when the evidence changes, closed automatically when the control passes._',
    ]
      .filter((l, i, all) => l !== '' || all[i - 1] !== '')
      .join('\n'),
  );
}

export type IssueEvent = 'changed' | 'recurred' | 'passed' | 'gone';

/** A comment recording new evidence for the control (its hash in a marker). */
export function renderEvidenceComment(
  event: IssueEvent,
  c: Control | undefined,
  run: RunRef,
  hash: string,
): string {
  const head: Record<IssueEvent, string> = {
    changed: '🔁 The evidence changed; the control is still failing.',
    recurred: '❌ The control is failing again; reopening.',
    passed: '✅ The control passes now; closing with the evidence.',
    gone: '✅ The check ran and no longer reports this control; closing.',
  };
  return redact(
    [
      evidenceMarker(hash),
      head[event],
      '',
      ...(c ? evidenceTable(c) : []),
      '',
      `Evidence: ${runLine(run)}`,
    ].join('\n'),
  );
}
