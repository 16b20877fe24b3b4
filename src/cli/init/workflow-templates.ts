import type { CheckName } from '../../core/config/schema.js';
import { pinnedActions, OPSGATE_ACTIONS_REPO, OPSGATE_DEFAULT_REF } from './pinned-actions.js';
import { starterConfig } from './starter-files.js';
import { workflowEnv } from './workflow-env.js';

/**
 * The workflows `opsgate init` writes into `.github/workflows/` (and `workflows/` of this
 * repository holds, generated from here). Least privilege: the top level grants nothing, each
 * job asks for what it uses.
 */
export interface WorkflowOptions {
  /** Repository holding the opsgate actions (`OWNER/REPO`). */
  actionRepo?: string;
  /** Ref of the opsgate actions (`v0.1.0`, or a commit SHA to pin). */
  actionRef?: string;
  /** The branch whose pushes record baselines. */
  defaultBranch?: string;
  /** The opsgate.yml the workflows run: their `env:` holds what its checks read. */
  configText?: string;
}

/** The checks each workflow runs (its steps), so its `env:` holds what they need. */
export const PR_CHECKS: readonly CheckName[] = ['headers', 'load', 'rbac'];
export const DRILL_CHECKS: readonly CheckName[] = ['headers', 'load', 'rbac', 'dast', 'restore', 'abuse'];

const repoOf = (opts: WorkflowOptions) => opts.actionRepo ?? OPSGATE_ACTIONS_REPO;

const header = (what: string, opts: WorkflowOptions) =>
  `# ${what}\n# Written by \`opsgate init\`; see https://github.com/${repoOf(opts)}/blob/${opts.actionRef ?? OPSGATE_DEFAULT_REF}/docs/actions.md\n`;

/** Target URL and credentials come from repository variables and secrets, never from the file. */
const envOf = (opts: WorkflowOptions, checks: readonly CheckName[]) =>
  workflowEnv(opts.configText ?? starterConfig, checks);

function action(name: string, ref: string, opts: WorkflowOptions): string {
  return `${repoOf(opts)}/actions/${name}@${ref}`;
}

/** The steps of a job that gates the PR workflow's evidence artifact. */
function gateSteps(title: string, ref: string, opts: WorkflowOptions, note?: string): string {
  return `    steps:
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - uses: ${pinnedActions.downloadArtifact}
        with:
          name: opsgate-pr-evidence
          path: opsgate-artifacts
${note ? `      ${note}\n` : ''}      - name: ${title}
        uses: ${action('gate', ref, opts)}
        with:
          evidence-dirs: opsgate-artifacts
          comment-key: pr-checks
`;
}

/** Fast checks on every pull request: evidence as an artifact, then the gate with the sticky comment. */
export function prChecksWorkflow(opts: WorkflowOptions = {}): string {
  const ref = opts.actionRef ?? OPSGATE_DEFAULT_REF;
  return `${header('opsgate PR checks: fast checks against the configured target, the sticky PR comment and the gate.', opts)}
name: opsgate PR checks

on:
  pull_request:
    types: [opened, synchronize, reopened]
  # Runs on the default branch record the baselines pull requests are compared with.
  push:
    branches: [${opts.defaultBranch ?? 'main'}]

permissions: {}

concurrency:
  group: opsgate-pr-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

${envOf(opts, PR_CHECKS)}
jobs:
  checks:
    name: checks
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: read
    steps:
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - name: Security headers
        uses: ${action('headers', ref, opts)}
        with:
          publish: false
      - name: Load (compared with the PR base)
        if: \${{ !cancelled() }}
        uses: ${action('load', ref, opts)}
        with:
          publish: false
          baseline-commit: \${{ github.event.pull_request.base.sha }}
      - name: Access control matrix
        if: \${{ !cancelled() }}
        uses: ${action('rbac', ref, opts)}
        with:
          publish: false
      - name: Remember the pull request for the fork follow-up
        if: \${{ !cancelled() }}
        env:
          PR_NUMBER: \${{ github.event.pull_request.number || '' }}
        run: mkdir -p opsgate-out && echo "$PR_NUMBER" > opsgate-out/pull-request-number
      - uses: ${pinnedActions.uploadArtifact}
        if: \${{ !cancelled() }}
        with:
          name: opsgate-pr-evidence
          path: opsgate-out
          retention-days: 30

  # Trust decides what a run writes (docs/github.md): a pull request writes only its comment,
  # so its job holds no write access to contents or issues.
  gate:
    name: gate
    needs: checks
    if: \${{ !cancelled() && github.event_name == 'pull_request' }}
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read
      pull-requests: write # the sticky comment
${gateSteps('Gate', ref, opts, '# On a fork PR the token is read-only: the gate still decides, and publish-fork.yml posts.')}
  # A push to the default branch is trusted: it records the baselines pull requests compare
  # with and keeps one issue per failing control.
  record:
    name: record
    needs: checks
    if: \${{ !cancelled() && github.event_name == 'push' }}
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: write # the evidence store branch (baselines for later pull requests)
      issues: write # one issue per failing control
${gateSteps('Gate and record', ref, opts)}`;
}

/** workflow_run follow-up: publishes fork PR evidence with a write token, never running fork code. */
export function publishForkWorkflow(opts: WorkflowOptions = {}): string {
  const ref = opts.actionRef ?? OPSGATE_DEFAULT_REF;
  return `${header('opsgate publish for fork PRs: posts the evidence a fork PR produced, from trusted code.', opts)}
name: opsgate publish (fork PRs)

on:
  workflow_run:
    workflows: [opsgate PR checks]
    types: [completed]

permissions: {}

concurrency:
  group: opsgate-publish-\${{ github.event.workflow_run.id }}
  cancel-in-progress: false

jobs:
  publish:
    name: publish
    # Only fork PRs need this; same-repo PRs published from the PR workflow itself.
    if: >-
      github.event.workflow_run.event == 'pull_request' &&
      github.event.workflow_run.head_repository.full_name != github.repository
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      actions: read
      contents: read
      pull-requests: write # the sticky comment, marked unverified: a fork run writes nothing else
    steps:
      # The default branch: the fork's code is never checked out or run here.
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - uses: ${pinnedActions.downloadArtifact}
        with:
          name: opsgate-pr-evidence
          path: opsgate-artifacts
          run-id: \${{ github.event.workflow_run.id }}
          github-token: \${{ github.token }}
      - name: Read the pull request number (untrusted input, validated)
        id: pr
        run: |
          number="$(head -c 20 opsgate-artifacts/pull-request-number | tr -d '[:space:]')"
          if ! [[ "$number" =~ ^[1-9][0-9]*$ ]]; then
            echo "::error::pull-request-number in the artifact is not a number"
            exit 1
          fi
          echo "number=$number" >> "$GITHUB_OUTPUT"
      - name: Publish and gate
        uses: ${action('gate', ref, opts)}
        with:
          evidence-dirs: opsgate-artifacts
          pull-request: \${{ steps.pr.outputs.number }}
          comment-key: pr-checks
`;
}

/** The monthly drill: every configured check, the Drill YYYY-MM issue, and its sign-off. */
export function monthlyDrillWorkflow(opts: WorkflowOptions = {}): string {
  const ref = opts.actionRef ?? OPSGATE_DEFAULT_REF;
  const checkStep = (title: string, name: string, extra = '') =>
    `      - name: ${title}
        if: \${{ !cancelled() }}
        uses: ${action(name, ref, opts)}
        with:
          publish: false${extra}
`;
  return `${header('opsgate monthly drill: every promise measured on the 1st, a "Drill YYYY-MM" issue with the results and a sign-off.', opts)}
name: opsgate monthly drill

on:
  schedule:
    - cron: "17 6 1 * *"
  workflow_dispatch:
  issue_comment:
    types: [created]
  issues:
    types: [edited]

permissions: {}

concurrency:
  group: opsgate-drill-\${{ github.event.issue.number || 'run' }}
  cancel-in-progress: false

${envOf(opts, DRILL_CHECKS)}
jobs:
  drill:
    name: drill
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    timeout-minutes: 120
    permissions:
      contents: write # the evidence store branch
      issues: write # the drill issue and one issue per failing control
      security-events: write # SARIF of the DAST findings
    steps:
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - name: Drill month
        id: month
        run: echo "month=$(date -u +%Y-%m)" >> "$GITHUB_OUTPUT"
${checkStep('Security headers', 'headers')}${checkStep('Load', 'load')}${checkStep('Access control matrix', 'rbac')}${checkStep('DAST', 'dast')}${checkStep('Restore drill', 'restore-drill')}${checkStep('Abuse controls, last because they trip limiters', 'abuse')}      - name: Gate and publish
        id: gate
        if: \${{ !cancelled() }}
        uses: ${action('gate', ref, opts)}
        with:
          comment-key: monthly-drill
          drill: \${{ steps.month.outputs.month }}
      - uses: ${pinnedActions.uploadArtifact}
        if: \${{ !cancelled() }}
        with:
          name: opsgate-drill-\${{ steps.month.outputs.month }}
          path: opsgate-out
          retention-days: 90

  signoff:
    name: sign-off
    if: >-
      (github.event_name == 'issue_comment' || github.event_name == 'issues') &&
      contains(github.event.issue.labels.*.name, 'opsgate-drill')
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: write # the drill log in the evidence store
      issues: write
    steps:
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - name: Record the sign-off
        id: signoff
        uses: ${action('signoff', ref, opts)}
      - name: Confirm on the issue
        if: steps.signoff.outputs.signed-off == 'true'
        env:
          GH_TOKEN: \${{ github.token }}
          NUMBER: \${{ github.event.issue.number }}
          APPROVER: \${{ steps.signoff.outputs.approver }}
          DRILL: \${{ steps.signoff.outputs.drill }}
        run: gh issue comment "$NUMBER" --repo "$GITHUB_REPOSITORY" --body "Sign-off of Drill $DRILL by @$APPROVER recorded in the drill log."
`;
}

/** File name under `.github/workflows/` → content. */
export function workflowFiles(opts: WorkflowOptions = {}): Record<string, string> {
  return {
    'monthly-drill.yml': monthlyDrillWorkflow(opts),
    'pr-checks.yml': prChecksWorkflow(opts),
    'publish-fork.yml': publishForkWorkflow(opts),
  };
}
