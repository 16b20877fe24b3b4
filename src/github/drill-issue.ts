import { DRILL_LABEL, drillMarker, drillTitle } from '../core/drill/drill-issue.js';
import type { GitHubContext } from './context.js';
import { closeDuplicate, ensureLabel } from './managed-issues.js';
import { createOnce } from './create-once.js';
import { withDefaultBranch, writePolicy } from './trust.js';
import { isOwnBody, tokenLogin } from './identity.js';
import type { GitHubClient } from './octokit.js';

export interface DrillIssueOptions {
  /** Drill month, `YYYY-MM`: one issue per month. */
  month: string;
  /** The issue body, given the current one when the issue exists (ticked sign-off boxes survive). */
  render: (previousBody?: string) => string;
  label?: string;
  log?: (message: string) => void;
}

export interface DrillIssueResult {
  number: number;
  action: 'created' | 'updated' | 'unchanged';
  url: string;
}

/**
 * Open the `Drill YYYY-MM` issue or edit it in place: found by label + the month's hidden marker
 * (open and closed, every page; never the search API), so a re-run never duplicates it. Returns
 * undefined, writing nothing, when the token cannot write (fork PR, no token).
 */
export async function upsertDrillIssue(
  gh: GitHubClient,
  context: GitHubContext,
  o: DrillIssueOptions,
): Promise<DrillIssueResult | undefined> {
  const label = o.label ?? DRILL_LABEL;
  const title = drillTitle(o.month);
  if (context.readOnly) {
    o.log?.(`github: ${title} issue not written (${context.readOnlyReason ?? 'read-only token'})`);
    return undefined;
  }
  const policy = writePolicy(await withDefaultBranch(gh, context, o.log));
  if (!policy.drill) {
    o.log?.(`github: ${title} issue not written (a ${policy.level} run writes no drill issue)`);
    return undefined;
  }
  const repo = { owner: context.owner, repo: context.repo };
  const marker = drillMarker(o.month);
  const login = await tokenLogin(gh);
  // Ours, the marker on the first line, and the title of the same month: a body quoting another
  // month's marker can never make this run edit that month's issue. No label filter: a deleted
  // label must not make the issue invisible (and so duplicated).
  const find = async () =>
    (await gh.paginate(gh.rest.issues.listForRepo, { ...repo, creator: login, state: 'all', per_page: 100 }))
      .filter((i) => !i.pull_request && isOwnBody(i, marker, login) && i.title.startsWith(title))
      .sort((a, b) => a.number - b.number);
  const mine = await find();
  const existing = mine[0];
  const labelIt = () =>
    ensureLabel(gh, {
      ...repo,
      label,
      color: '0e8a16',
      description: 'opsgate monthly drill (managed automatically)',
    });
  if (!existing) {
    await labelIt();
    const { item, created } = await createOnce({
      what: `the ${title} issue`,
      log: o.log,
      create: async () =>
        (await gh.rest.issues.create({ ...repo, title, body: o.render(), labels: [label] })).data,
      lookup: async () => (await find())[0],
    });
    o.log?.(`github: opened ${title} as #${item.number}${created ? '' : ' (found after a lost answer)'}`);
    return { number: item.number, action: 'created', url: item.html_url };
  }
  for (const dup of mine.slice(1).filter((i) => i.state === 'open'))
    await closeDuplicate(gh, repo, dup.number, existing.number);
  if (!existing.labels.some((l) => (typeof l === 'string' ? l : l.name) === label)) {
    await labelIt();
    await gh.rest.issues.addLabels({ ...repo, issue_number: existing.number, labels: [label] });
  }
  const body = o.render(existing.body ?? undefined);
  if (body === existing.body && existing.title === title)
    return { number: existing.number, action: 'unchanged', url: existing.html_url };
  await gh.rest.issues.update({ ...repo, issue_number: existing.number, title, body });
  o.log?.(`github: updated ${title} (#${existing.number})`);
  return { number: existing.number, action: 'updated', url: existing.html_url };
}
