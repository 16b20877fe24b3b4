import { readFileSync } from 'node:fs';
import type { GitHubContext } from './context.js';
import { readPendingContext } from './fork-follow-up.js';
import type { GitHubClient } from './octokit.js';

interface WorkflowRunEvent {
  workflow_run?: { id?: number; head_sha?: string; html_url?: string; name?: string };
}

/**
 * In a `workflow_run` follow-up, the PR comes from the event (same-repo PRs), an explicit
 * `--pr`, or the downloaded evidence's `github-context.json` (fork PRs). The last two come from
 * the untrusted artifact side, so the PR is checked with the API: its head must be the commit the
 * triggering run built, or publishing is refused. Run link and workflow name come from the event.
 */
export async function contextForFollowUp(
  gh: GitHubClient,
  ctx: GitHubContext,
  outDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GitHubContext> {
  if (ctx.eventName !== 'workflow_run') return ctx;
  const run = readEvent(env.GITHUB_EVENT_PATH).workflow_run ?? {};
  const pending = await readPendingContext(outDir);
  const pullNumber = ctx.pullNumber ?? pending?.pullNumber;
  const headSha = run.head_sha;
  const fromRun: Partial<GitHubContext> = {
    ...(run.id ? { runId: String(run.id) } : {}),
    ...(run.html_url ? { runUrl: run.html_url } : {}),
    ...(run.name ? { workflow: run.name } : {}),
  };
  if (!headSha) return { ...ctx, ...fromRun };
  if (!pullNumber) return { ...ctx, ...fromRun, sha: headSha, checkoutSha: headSha };
  const { data: pr } = await gh.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pullNumber });
  if (pr.head.sha !== headSha)
    throw new Error(
      `the evidence names PR #${pullNumber}, whose head is ${pr.head.sha.slice(0, 7)}, but the run that produced it built ${headSha.slice(0, 7)}; refusing to publish`,
    );
  return {
    ...ctx,
    ...fromRun,
    pullNumber,
    sha: headSha,
    checkoutSha: headSha,
    ref: `refs/pull/${pullNumber}/head`,
    baseSha: pr.base.sha,
  };
}

function readEvent(file: string | undefined): WorkflowRunEvent {
  try {
    return file ? (JSON.parse(readFileSync(file, 'utf8')) as WorkflowRunEvent) : {};
  } catch {
    return {};
  }
}
