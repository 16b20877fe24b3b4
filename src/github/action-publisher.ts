import type { OpsgateConfig } from '../core/config/schema.js';
import { registerSecret } from '../core/secrets.js';
import { readGitHubContext } from './context.js';
import { describePublish } from './describe-publish.js';
import { upsertDrillIssue, type DrillIssueResult } from './drill-issue.js';
import { contextForFollowUp } from './follow-up-context.js';
import { createGitHubClient } from './octokit.js';
import { publish, type PublishResult } from './publish.js';

/** What an action hands over once its evidence is on disk (the shape `src/actions` uses). */
export interface ActionPublishRequest {
  outDir: string;
  config: OpsgateConfig | undefined;
  token: string;
  commentKey: string;
  /** Explicit PR number (fork follow-up); otherwise from the event. */
  pullRequest?: number;
  /** Also open or edit this month's drill issue (label + marker lookup, never duplicated). */
  drill?: { month: string; render: (previousBody?: string) => string };
  log: (message: string) => void;
  /** Append report.md to the job summary here (default false: actions write their own summary). */
  jobSummary?: boolean;
  /** Emit annotations for failed controls (default true). */
  annotations?: boolean;
  /** Where annotation lines go (default stdout, where the runner reads workflow commands). */
  write?: (line: string) => void;
}

/**
 * The publisher for the bundled actions: the runner's context, the action's token, and no
 * artifact upload of its own (the workflows upload the out dir with actions/upload-artifact).
 * Without a token, or on a fork PR, nothing is written and the message says how to follow up.
 */
export async function publishFromAction(
  req: ActionPublishRequest,
): Promise<{ published: boolean; message: string; result: PublishResult; drillIssue?: DrillIssueResult }> {
  registerSecret(req.token);
  let context = readGitHubContext(process.env, req.pullRequest ? { pullNumber: req.pullRequest } : {});
  if (!req.token)
    context = {
      ...context,
      readOnly: true,
      readOnlyReason: context.readOnlyReason ?? 'no GitHub token given',
    };
  const octokit = createGitHubClient({ token: req.token, baseUrl: context.apiUrl, log: req.log });
  if (!context.readOnly) context = await contextForFollowUp(octokit, context, req.outDir);
  const result = await publish({
    outDir: req.outDir,
    config: req.config,
    octokit,
    context,
    commentKey: req.commentKey,
    artifactName: false,
    summaryFile: req.jobSummary ? undefined : false,
    annotations: req.annotations ?? true,
    write: req.write,
    log: req.log,
  });
  let message = describePublish(result).replace(/\n/g, '; ');
  const drillIssue = req.drill
    ? await upsertDrillIssue(octokit, context, { ...req.drill, log: req.log })
    : undefined;
  if (drillIssue) message += `; drill issue #${drillIssue.number} ${drillIssue.action}`;
  return { published: !result.readOnly, message, result, drillIssue };
}
