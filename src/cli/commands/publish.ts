import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/load-config.js';
import { ConfigError } from '../../core/errors.js';
import { registerSecret } from '../../core/secrets.js';
import { readGitHubContext } from '../../github/context.js';
import { contextForFollowUp } from '../../github/follow-up-context.js';
import { createGitHubClient } from '../../github/octokit.js';
import { describePublish } from '../../github/describe-publish.js';
import { publish } from '../../github/publish.js';
import type { GlobalOptions } from '../context.js';

interface PublishFlags {
  pr?: string;
  sha?: string;
  baseSha?: string;
  commentKey?: string;
  label?: string;
  evidenceBranch?: string;
  store: boolean;
  comment: boolean;
  issues: boolean;
  sarif: boolean;
}

/** `opsgate publish`: post the evidence already in the out dir to GitHub (token from GITHUB_TOKEN). */
export function registerPublish(program: Command): void {
  program
    .command('publish')
    .description(
      'publish the evidence in the out dir to GitHub: PR comment, issues, job summary, evidence store',
    )
    .option('--pr <number>', 'pull request to comment on (default: from the event)')
    .option('--sha <sha>', 'commit the evidence belongs to (default: GITHUB_SHA)')
    .option('--base-sha <sha>', 'PR base commit to compare with (default: from the event)')
    .option('--comment-key <key>', 'sticky comment key (default: the workflow name)')
    .option('--label <name>', 'label of the issues opsgate manages', 'opsgate')
    .option('--evidence-branch <name>', 'branch holding the evidence history', 'opsgate-evidence')
    .option('--no-store', 'do not write the evidence store branch')
    .option('--no-comment', 'do not post the PR comment')
    .option('--no-issues', 'do not open/close issues')
    .option('--no-sarif', 'do not upload SARIF to code scanning')
    .action(async (flags: PublishFlags) => {
      const g = program.opts<GlobalOptions>();
      const token = process.env.GITHUB_TOKEN;
      registerSecret(token);
      const outDir = path.resolve(g.out);
      let context = readGitHubContext(process.env, {
        ...(flags.pr ? { pullNumber: Number(flags.pr) } : {}),
        ...(flags.sha ? { sha: flags.sha } : {}),
        ...(flags.baseSha ? { baseSha: flags.baseSha } : {}),
      });
      if (!token && !context.readOnly)
        throw new ConfigError(
          'GITHUB_TOKEN is not set: publishing needs a token (contents, issues and pull-requests: write)',
        );
      const config = existsSync(g.config) ? (await loadConfig(g.config, process.env, [])).config : undefined;
      const octokit = createGitHubClient({ token: token ?? '', baseUrl: context.apiUrl });
      if (!context.readOnly) context = await contextForFollowUp(octokit, context, outDir);
      const result = await publish({
        outDir,
        config,
        octokit,
        context,
        commentKey: flags.commentKey,
        label: flags.label,
        evidenceBranch: flags.store ? flags.evidenceBranch : false,
        comment: flags.comment,
        issues: flags.issues,
        sarif: flags.sarif,
      });
      console.log(describePublish(result));
    });
}
