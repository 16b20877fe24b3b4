import type { Control } from '../core/gate/controls.js';
import type { CheckResult } from '../core/gate/gate.js';
import {
  controlEvidenceHash,
  issueTitle,
  renderEvidenceComment,
  renderIssueBody,
  type RunRef,
} from './issue-body.js';
import { createOnce, postComment } from './create-once.js';
import {
  closeDuplicate,
  ensureLabel,
  listManagedIssues,
  restoreLabel,
  type ManagedIssue,
} from './managed-issues.js';
import type { GitHubClient } from './octokit.js';

export { ensureLabel, listManagedIssues, type ManagedIssue } from './managed-issues.js';

export interface IssueSyncOptions {
  owner: string;
  repo: string;
  label: string;
  run: RunRef;
  /** Runbook section for a check's controls (absolute URL). */
  runbookUrl?: (check: string) => string | undefined;
  /** New issues per publish at most; the rest are reported, not opened (a scan with 300 findings). */
  maxNewIssues?: number;
  log?: (message: string) => void;
}

export interface IssueSyncCounts {
  created: number;
  commented: number;
  reopened: number;
  closed: number;
  unchanged: number;
  /** Failing controls left without an issue because of `maxNewIssues`. */
  capped: number;
  /** Newer copies of an issue closed as its duplicates. */
  duplicatesClosed: number;
  /** Issues the (deleted) label was put back on. */
  relabeled: number;
  /** Operations that failed, each named; the others were still carried out. */
  failures: string[];
}

const FAILING: Control['status'][] = ['fail', 'error'];
/** A control in one of these states no longer fails: its issue is closed. `skip` says nothing. */
const RESOLVED: Control['status'][] = ['pass', 'warn', 'info', 'suppressed'];

/**
 * The issue lifecycle, one issue per failing control: open on first failure, comment when the
 * evidence changes, reopen (never duplicate) on recurrence, close with the passing evidence.
 */
export async function syncIssues(
  gh: GitHubClient,
  checks: CheckResult[],
  o: IssueSyncOptions,
): Promise<IssueSyncCounts> {
  const counts: IssueSyncCounts = {
    created: 0,
    commented: 0,
    reopened: 0,
    closed: 0,
    unchanged: 0,
    capped: 0,
    duplicatesClosed: 0,
    relabeled: 0,
    failures: [],
  };
  const existing = await listManagedIssues(gh, o);
  const repo = { owner: o.owner, repo: o.repo };
  // One failed write never stops the rest: it is named and the sync goes on.
  const attempt = async (what: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      const status = (err as { status?: number }).status;
      const why = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
      // No permission holds for every issue alike: publish reports the part as not permitted.
      if ((status === 401 || status === 403) && !/rate limit/i.test(why)) throw err;
      counts.failures.push(`${what}: ${status ? `${status} ` : ''}${why}`);
      o.log?.(`github: ${what} failed (${status ?? 'no answer'}: ${why}); carrying on with the rest`);
    }
  };
  // Any managed issue still carrying the label proves it exists; else it is (re)created once.
  let labelReady = [...existing.values()].some((i) => i.labeled);
  const label = async (): Promise<void> => {
    if (!labelReady) await ensureLabel(gh, o);
    labelReady = true;
  };
  for (const issue of existing.values()) {
    for (const dup of issue.duplicates)
      await attempt(`closing #${dup} as a duplicate of #${issue.number}`, async () => {
        await closeDuplicate(gh, o, dup, issue.number);
        counts.duplicatesClosed++;
      });
    if (!issue.labeled)
      await attempt(`restoring the ${o.label} label on #${issue.number}`, async () => {
        await label();
        await restoreLabel(gh, o, issue.number);
        counts.relabeled++;
      });
  }
  const failing = checks.flatMap((c) => c.controls.filter((r) => FAILING.includes(r.status)));

  for (const control of failing) {
    const issue = existing.get(control.fingerprint);
    const hash = controlEvidenceHash(control);
    const body = renderIssueBody(control, o.run, {
      firstSeen: issue?.firstSeen,
      runbookUrl: o.runbookUrl?.(control.check),
    });
    const name = issue ? `#${issue.number} (${issueTitle(control)})` : `opening "${issueTitle(control)}"`;
    if (!issue) {
      if (counts.created >= (o.maxNewIssues ?? 20)) {
        counts.capped++;
        continue;
      }
      await attempt(name, async () => {
        await label();
        await createOnce({
          what: `the issue of ${control.fingerprint}`,
          log: o.log,
          create: async () => {
            await gh.rest.issues.create({ ...repo, title: issueTitle(control), body, labels: [o.label] });
            return true;
          },
          lookup: async () => ((await listManagedIssues(gh, o)).has(control.fingerprint) ? true : undefined),
        });
        counts.created++; // by this request or by the one whose answer was lost
      });
    } else if (issue.state === 'closed') {
      await attempt(name, async () => {
        await gh.rest.issues.update({ ...repo, issue_number: issue.number, state: 'open', body });
        await comment(gh, o, issue.number, renderEvidenceComment('recurred', control, o.run, hash));
        counts.reopened++;
      });
    } else if (issue.evidenceHash !== hash) {
      await attempt(name, async () => {
        await comment(gh, o, issue.number, renderEvidenceComment('changed', control, o.run, hash));
        await gh.rest.issues.update({ ...repo, issue_number: issue.number, body });
        counts.commented++;
      });
    } else counts.unchanged++;
  }
  if (counts.capped)
    o.log?.(
      `github: ${counts.capped} more failing controls have no issue yet (max ${o.maxNewIssues ?? 20} new issues per run)`,
    );

  const failingPrints = new Set(failing.map((c) => c.fingerprint));
  for (const issue of existing.values()) {
    if (issue.state !== 'open' || failingPrints.has(issue.fingerprint)) continue;
    const check = checks.find((c) => c.check === issue.check);
    if (!check?.evidence) continue; // that check did not run here: nothing is known
    const control =
      check.controls.find((r) => r.fingerprint === issue.fingerprint) ?? lookedFor(issue, check);
    // Only a control evaluated and found passing closes its issue; a missing one proves nothing.
    if (!control || !RESOLVED.includes(control.status)) continue;
    const hash = controlEvidenceHash(control);
    await attempt(`closing #${issue.number}`, async () => {
      await comment(gh, o, issue.number, renderEvidenceComment('passed', control, o.run, hash));
      await gh.rest.issues.update({
        ...repo,
        issue_number: issue.number,
        state: 'closed',
        state_reason: 'completed',
      });
      counts.closed++;
    });
  }
  return counts;
}

/**
 * A finding's issue whose scope this run covered completely, without finding it again: the
 * control was evaluated and passes. A run that erred, or did not cover the scope, proves nothing.
 */
function lookedFor(issue: ManagedIssue, check: CheckResult): Control | undefined {
  const e = check.evidence;
  if (!issue.scope || !e || e.error || !e.coverage?.includes(issue.scope)) return undefined;
  return {
    check: check.check,
    fingerprint: issue.fingerprint,
    name: `no longer found in ${issue.scope}`,
    status: 'pass',
    actual: 'not found',
    scope: issue.scope,
  };
}

async function comment(gh: GitHubClient, o: IssueSyncOptions, issue: number, body: string): Promise<void> {
  await postComment(gh, { owner: o.owner, repo: o.repo, issue, body, log: o.log });
}
