import type { GitHubContext } from './context.js';
import type { GitHubClient } from './octokit.js';

/**
 * How far a run is trusted. Decided from the event that started it, never from what its
 * evidence says: evidence can be written by anyone who can open a pull request.
 */
export type TrustLevel = 'trusted' | 'pull-request' | 'untrusted';

/** What a run of a given trust level may write to GitHub. The one place that decides it. */
export interface WritePolicy {
  /** Open, update and close opsgate issues. */
  issues: boolean;
  /** Write the evidence store branch (and so the baselines of later runs). */
  store: boolean;
  /** Open or edit the monthly drill issue. */
  drill: boolean;
  /** The run's own PR sticky comment. */
  comment: boolean;
  /** Mark the comment as unverified results of a fork run. */
  unverified: boolean;
}

/** Events whose run on the default (or a protected) branch is trusted. */
const TRUSTED_EVENTS = new Set(['push', 'schedule', 'workflow_dispatch']);

export const WRITE_POLICY: Record<TrustLevel, WritePolicy> = {
  trusted: { issues: true, store: true, drill: true, comment: true, unverified: false },
  'pull-request': { issues: false, store: false, drill: false, comment: true, unverified: false },
  untrusted: { issues: false, store: false, drill: false, comment: true, unverified: true },
};

/** The facts of a run's origin that trust is derived from (all from the runner, never evidence). */
export type TrustFacts = Pick<GitHubContext, 'eventName' | 'ref' | 'defaultBranch' | 'owner' | 'repo'> & {
  /** `owner/name` of a PR's head repository; absent or different from the base → fork. */
  headRepository?: string;
  /** For a `workflow_run` follow-up: the event and head repository of the run that produced the evidence. */
  triggerEvent?: string;
  triggerHeadRepository?: string;
  triggerRef?: string;
  /** Refs besides the default branch that count as protected (`refs/heads/release`). */
  protectedRefs?: string[];
};

/**
 * trusted: push, schedule or workflow_dispatch on the default branch or a protected ref;
 * pull-request: a PR from the same repository; untrusted: a fork PR or anything else.
 * A `workflow_run` follow-up is judged by the run whose evidence it publishes.
 */
export function trustLevel(f: TrustFacts): TrustLevel {
  const self = f.owner && f.repo ? `${f.owner}/${f.repo}` : '';
  if (!self || !f.defaultBranch) return 'untrusted';
  if (f.eventName === 'workflow_run')
    return trustLevel({
      ...f,
      eventName: f.triggerEvent ?? '',
      headRepository: f.triggerHeadRepository,
      ref: f.triggerRef,
      triggerEvent: undefined,
    });
  if (TRUSTED_EVENTS.has(f.eventName)) {
    const refs = [`refs/heads/${f.defaultBranch}`, ...(f.protectedRefs ?? [])];
    return f.ref && refs.includes(f.ref) ? 'trusted' : 'untrusted';
  }
  if (f.eventName === 'pull_request')
    return f.headRepository && f.headRepository.toLowerCase() === self.toLowerCase()
      ? 'pull-request'
      : 'untrusted';
  return 'untrusted';
}

/** The write policy of a run. */
export function writePolicy(f: TrustFacts): WritePolicy & { level: TrustLevel } {
  const level = trustLevel(f);
  return { level, ...WRITE_POLICY[level] };
}

/** The banner on a comment posted from untrusted evidence. */
export const UNVERIFIED_BANNER =
  '> [!CAUTION]\n> **Unverified results of a fork run.** This report was produced by code from a fork; opsgate did not write issues, baselines or the evidence store from it.\n';

/**
 * The context with its default branch detected: from the event payload when it carries one,
 * else from `GET /repos/{owner}/{repo}` (a `schedule` payload names no repository). Never assumed.
 */
export async function withDefaultBranch(
  gh: GitHubClient,
  ctx: GitHubContext,
  log?: (message: string) => void,
): Promise<GitHubContext> {
  if (ctx.defaultBranch || !ctx.owner || !ctx.repo) return ctx;
  try {
    const { data } = await gh.rest.repos.get({ owner: ctx.owner, repo: ctx.repo });
    return { ...ctx, defaultBranch: data.default_branch };
  } catch (err) {
    log?.(`opsgate: default branch unknown (${(err as Error).message.split('\n')[0]}): the run is untrusted`);
    return ctx;
  }
}
