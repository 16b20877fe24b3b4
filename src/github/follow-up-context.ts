import { readFileSync } from 'node:fs';
import type { GitHubContext } from './context.js';
import { readPendingContext } from './fork-follow-up.js';
import type { GitHubClient } from './octokit.js';

/**
 * In a `workflow_run` follow-up, take the PR/commit from the downloaded evidence's
 * `github-context.json` — but only after checking with the API that the PR's head is the commit
 * the triggering run built (the artifact comes from an untrusted fork and could name any PR).
 */
export async function contextForFollowUp(
  gh: GitHubClient,
  ctx: GitHubContext,
  outDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GitHubContext> {
  const pending = await readPendingContext(outDir);
  if (!pending || ctx.eventName !== 'workflow_run' || ctx.pullNumber) return ctx;
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const headSha = event.workflow_run?.head_sha;
  if (!headSha || !pending.pullNumber) return { ...ctx, sha: headSha ?? ctx.sha };
  const { data: pr } = await gh.rest.pulls.get({
    owner: ctx.owner,
    repo: ctx.repo,
    pull_number: pending.pullNumber,
  });
  if (pr.head.sha !== headSha)
    throw new Error(
      `the evidence names PR #${pending.pullNumber}, whose head is ${pr.head.sha.slice(0, 7)}, but the run that produced it built ${headSha.slice(0, 7)}; refusing to publish`,
    );
  return {
    ...ctx,
    pullNumber: pending.pullNumber,
    sha: headSha,
    checkoutSha: headSha,
    ref: `refs/pull/${pending.pullNumber}/head`,
    baseSha: pr.base.sha,
    runId: pending.runId ?? ctx.runId,
    runUrl: pending.runUrl ?? ctx.runUrl,
    workflow: pending.workflow ?? ctx.workflow,
  };
}

function readEvent(file: string | undefined): { workflow_run?: { head_sha?: string } } {
  try {
    return file ? (JSON.parse(readFileSync(file, 'utf8')) as { workflow_run?: { head_sha?: string } }) : {};
  } catch {
    return {};
  }
}
