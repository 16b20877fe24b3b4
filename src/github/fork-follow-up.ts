import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GitHubContext } from './context.js';

/** Written next to the evidence when publishing is deferred, read by the follow-up run. */
export const PENDING_CONTEXT_FILE = 'github-context.json';

export interface PendingContext {
  pullNumber?: number;
  sha: string;
  baseSha?: string;
  runId?: string;
  runUrl?: string;
  workflow?: string;
}

/** Remember which PR/commit the evidence belongs to, for the `workflow_run` follow-up. */
export async function writePendingContext(outDir: string, ctx: GitHubContext): Promise<string> {
  const file = path.join(outDir, PENDING_CONTEXT_FILE);
  const pending: PendingContext = {
    pullNumber: ctx.pullNumber,
    sha: ctx.sha,
    baseSha: ctx.baseSha,
    runId: ctx.runId,
    runUrl: ctx.runUrl,
    workflow: ctx.workflow,
  };
  await writeFile(file, JSON.stringify(pending, null, 2) + '\n');
  return file;
}

export async function readPendingContext(outDir: string): Promise<PendingContext | undefined> {
  try {
    return JSON.parse(await readFile(path.join(outDir, PENDING_CONTEXT_FILE), 'utf8')) as PendingContext;
  } catch {
    return undefined;
  }
}

/** What the job log says when the token cannot write: where the evidence is and how to publish it. */
export function followUpInstructions(ctx: GitHubContext, artifactName: string, outDir: string): string {
  return [
    `opsgate: ${ctx.readOnlyReason ?? 'the token is read-only'}; nothing was posted to GitHub.`,
    `The evidence is kept in ${outDir} and uploaded as the artifact "${artifactName}".`,
    'To publish it (PR comment, issues), add the follow-up workflow that `opsgate init` writes',
    '(.github/workflows/publish-fork.yml, template workflows/publish-fork.yml). It runs on `workflow_run`',
    'with a write token, in the base repository, and boils down to:',
    '',
    '  on:',
    '    workflow_run:',
    `      workflows: [${JSON.stringify(ctx.workflow ?? 'opsgate PR checks')}]`,
    '      types: [completed]',
    '  permissions: { contents: write, issues: write, pull-requests: write, actions: read }',
    '  steps:',
    '    - uses: actions/download-artifact@v4',
    `      with: { name: ${artifactName}, run-id: "\${{ github.event.workflow_run.id }}", github-token: "\${{ github.token }}", path: ${outDir} }`,
    `    - run: npx opsgate publish --out ${outDir}`,
    '',
    'It never checks out or runs code from the fork: it only reads the evidence JSON.',
  ].join('\n');
}
