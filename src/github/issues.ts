import type { Control } from '../core/gate/controls.js';
import type { CheckResult } from '../core/gate/gate.js';
import {
  controlEvidenceHash,
  issueTitle,
  parseIssueBody,
  renderEvidenceComment,
  renderIssueBody,
  type RunRef,
} from './issue-body.js';
import { tokenLogin } from './identity.js';
import type { GitHubClient } from './octokit.js';

/** An issue opsgate manages, found by label + marker. */
export interface ManagedIssue {
  number: number;
  state: 'open' | 'closed';
  fingerprint: string;
  check?: string;
  evidenceHash?: string;
  firstSeen?: string;
  scope?: string;
  url: string;
}

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
}

const FAILING: Control['status'][] = ['fail', 'error'];
/** A control in one of these states no longer fails: its issue is closed. `skip` says nothing. */
const RESOLVED: Control['status'][] = ['pass', 'warn', 'info', 'suppressed'];

/**
 * Every issue carrying `label` (open and closed, every page) keyed by the fingerprint in its
 * marker; the oldest wins if there are several. Never the search API (eventually consistent).
 */
export async function listManagedIssues(
  gh: GitHubClient,
  o: { owner: string; repo: string; label: string },
): Promise<Map<string, ManagedIssue>> {
  const login = await tokenLogin(gh);
  const all = await gh.paginate(gh.rest.issues.listForRepo, {
    owner: o.owner,
    repo: o.repo,
    labels: o.label,
    creator: login,
    state: 'all',
    per_page: 100,
  });
  const byFingerprint = new Map<string, ManagedIssue>();
  const ours = all.filter((x) => !x.pull_request && x.user?.login === login);
  for (const i of ours.sort((a, b) => a.number - b.number)) {
    const parsed = parseIssueBody(i.body);
    if (!parsed.fingerprint || byFingerprint.has(parsed.fingerprint)) continue;
    byFingerprint.set(parsed.fingerprint, {
      number: i.number,
      state: i.state === 'closed' ? 'closed' : 'open',
      fingerprint: parsed.fingerprint,
      check: parsed.check,
      evidenceHash: parsed.evidenceHash,
      firstSeen: parsed.firstSeen,
      scope: parsed.scope,
      url: i.html_url,
    });
  }
  return byFingerprint;
}

/** Create the label once (422 means it already exists). */
export async function ensureLabel(
  gh: GitHubClient,
  o: { owner: string; repo: string; label: string; color?: string; description?: string },
): Promise<void> {
  try {
    await gh.rest.issues.createLabel({
      owner: o.owner,
      repo: o.repo,
      name: o.label,
      color: o.color ?? 'b60205',
      description: o.description ?? 'Failing control found by opsgate (managed automatically)',
    });
  } catch (err) {
    if ((err as { status?: number }).status !== 422) throw err;
  }
}

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
  };
  const existing = await listManagedIssues(gh, o);
  const repo = { owner: o.owner, repo: o.repo };
  // Any existing managed issue carries the label, so it exists.
  let labelReady = existing.size > 0;
  const failing = checks.flatMap((c) => c.controls.filter((r) => FAILING.includes(r.status)));

  for (const control of failing) {
    const issue = existing.get(control.fingerprint);
    const hash = controlEvidenceHash(control);
    const body = renderIssueBody(control, o.run, {
      firstSeen: issue?.firstSeen,
      runbookUrl: o.runbookUrl?.(control.check),
    });
    if (!issue) {
      if (counts.created >= (o.maxNewIssues ?? 20)) {
        counts.capped++;
        continue;
      }
      if (!labelReady) await ensureLabel(gh, o);
      labelReady = true;
      await gh.rest.issues.create({ ...repo, title: issueTitle(control), body, labels: [o.label] });
      counts.created++;
    } else if (issue.state === 'closed') {
      await gh.rest.issues.update({ ...repo, issue_number: issue.number, state: 'open', body });
      await comment(gh, o, issue.number, renderEvidenceComment('recurred', control, o.run, hash));
      counts.reopened++;
    } else if (issue.evidenceHash !== hash) {
      await comment(gh, o, issue.number, renderEvidenceComment('changed', control, o.run, hash));
      await gh.rest.issues.update({ ...repo, issue_number: issue.number, body });
      counts.commented++;
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
    await comment(gh, o, issue.number, renderEvidenceComment('passed', control, o.run, hash));
    await gh.rest.issues.update({
      ...repo,
      issue_number: issue.number,
      state: 'closed',
      state_reason: 'completed',
    });
    counts.closed++;
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
  await gh.rest.issues.createComment({ owner: o.owner, repo: o.repo, issue_number: issue, body });
}
