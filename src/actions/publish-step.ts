import type { OpsgateConfig } from '../core/config/schema.js';
import type { Evidence } from '../core/evidence/model.js';
import type { GateResult } from '../core/gate/gate.js';

/** What an action hands to the GitHub publisher once the evidence is on disk. */
export interface PublishRequest {
  outDir: string;
  /** The policy part of opsgate.yml (all the publisher reads). */
  config: Pick<OpsgateConfig, 'gate'> | undefined;
  gate: GateResult;
  evidence: Evidence[];
  /** The rendered report (same markdown as report.md and the job summary). */
  report: string;
  token: string;
  commentKey: string;
  /** Explicit pull request number (fork follow-up); otherwise taken from the event. */
  pullRequest?: number;
  /** Gate with `drill` set: open or edit this month's `Drill YYYY-MM` issue after the publish. */
  drill?: DrillIssueRequest;
  log: (message: string) => void;
}

/** The drill issue to write: the month and its body, given the current body when it exists. */
export interface DrillIssueRequest {
  month: string;
  render: (previousBody?: string) => string;
}

export interface PublishOutcome {
  /** Whether anything was written to GitHub. */
  published: boolean;
  /** One line for the job log and the summary footer. */
  message: string;
  /** The drill issue opened or edited (when a drill was requested and the token can write). */
  drillIssue?: { number: number; action: 'created' | 'updated' | 'unchanged'; url: string };
}

/** The GitHub write-back; swapped in tests, wired to src/github when it is bundled. */
export type Publisher = (request: PublishRequest) => Promise<PublishOutcome>;

/**
 * Fork-safe default: with no token there is nothing we may write, so the evidence stays an
 * artifact and the job says how to publish it from the `workflow_run` follow-up workflow.
 */
export const unavailablePublisher: Publisher = async (request) => {
  if (!request.token)
    return {
      published: false,
      message:
        'no GitHub token given, so nothing is written to GitHub; evidence kept in the out dir; publish it from a workflow_run follow-up (workflows/publish-fork.yml).',
    };
  return {
    published: false,
    message: 'GitHub publishing is not part of this build; evidence kept in the out dir.',
  };
};
