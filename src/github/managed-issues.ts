import { postComment } from './create-once.js';
import { parseIssueBody } from './issue-body.js';
import { tokenLogin } from './identity.js';
import type { GitHubClient } from './octokit.js';

/** An issue opsgate manages, found by its marker among the issues our account opened. */
export interface ManagedIssue {
  number: number;
  state: 'open' | 'closed';
  fingerprint: string;
  check?: string;
  evidenceHash?: string;
  firstSeen?: string;
  scope?: string;
  url: string;
  /** Whether it still carries the label (deleting a label takes it off every issue). */
  labeled: boolean;
  /** Newer open issues of ours with the same marker (a lost create answer): closed as duplicates. */
  duplicates: number[];
}

export interface RepoLabel {
  owner: string;
  repo: string;
  label: string;
}

/**
 * Every issue our account opened (open and closed, every page) keyed by the fingerprint in its
 * first-line marker; the oldest is kept, newer open ones are its duplicates. No label filter,
 * so a deleted label loses nothing; never the search API (eventually consistent).
 */
export async function listManagedIssues(gh: GitHubClient, o: RepoLabel): Promise<Map<string, ManagedIssue>> {
  const login = await tokenLogin(gh);
  const all = await gh.paginate(gh.rest.issues.listForRepo, {
    owner: o.owner,
    repo: o.repo,
    creator: login,
    state: 'all',
    per_page: 100,
  });
  const byFingerprint = new Map<string, ManagedIssue>();
  const ours = all.filter((x) => !x.pull_request && x.user?.login === login);
  for (const i of ours.sort((a, b) => a.number - b.number)) {
    const parsed = parseIssueBody(i.body);
    if (!parsed.fingerprint) continue;
    const kept = byFingerprint.get(parsed.fingerprint);
    if (kept) {
      if (i.state === 'open') kept.duplicates.push(i.number);
      continue;
    }
    byFingerprint.set(parsed.fingerprint, {
      number: i.number,
      state: i.state === 'closed' ? 'closed' : 'open',
      fingerprint: parsed.fingerprint,
      check: parsed.check,
      evidenceHash: parsed.evidenceHash,
      firstSeen: parsed.firstSeen,
      scope: parsed.scope,
      url: i.html_url,
      labeled: i.labels.some((l) => (typeof l === 'string' ? l : l.name) === o.label),
      duplicates: [],
    });
  }
  return byFingerprint;
}

/** Create the label once (422 means it already exists). */
export async function ensureLabel(
  gh: GitHubClient,
  o: RepoLabel & { color?: string; description?: string },
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

/** Put the label back on an issue that lost it. */
export async function restoreLabel(gh: GitHubClient, o: RepoLabel, issue: number): Promise<void> {
  await gh.rest.issues.addLabels({ owner: o.owner, repo: o.repo, issue_number: issue, labels: [o.label] });
}

/** Close a duplicate of `keep`, saying which issue it duplicates. */
export async function closeDuplicate(
  gh: GitHubClient,
  o: { owner: string; repo: string },
  duplicate: number,
  keep: number,
): Promise<void> {
  const repo = { owner: o.owner, repo: o.repo };
  await postComment(gh, {
    ...repo,
    issue: duplicate,
    body: `Duplicate of #${keep}: opsgate tracks this control there.`,
  });
  await gh.rest.issues.update({
    ...repo,
    issue_number: duplicate,
    state: 'closed',
    state_reason: 'not_planned',
  });
}
