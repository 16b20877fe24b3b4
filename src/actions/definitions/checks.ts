import { commonInputs, commonOutputs, failedThresholds, findingsCount, metricValue } from './common.js';
import type { ActionDefinition } from './types.js';

const uses = (name: string) => `    - uses: opsgate/opsgate/actions/${name}@v1`;

export const headersAction: ActionDefinition = {
  name: 'headers',
  check: 'headers',
  title: 'opsgate headers',
  description: 'Verify security headers, CORS and cookie flags of the deployed target; gate on the result.',
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    findings: { description: 'Number of unsuppressed header findings.', value: findingsCount },
  },
  example: [uses('headers'), '      with:', '        config: opsgate.yml'].join('\n'),
};

export const loadAction: ActionDefinition = {
  name: 'load',
  check: 'load',
  title: 'opsgate load',
  description:
    'Run the k6 load profile against the target, compare p95/error rate with the baseline and gate.',
  inputs: {
    ...commonInputs,
    profile: { description: 'Load profile to run (a name under load.profiles).', option: 'profile' },
    shard: { description: 'Run one shard of the endpoints, e.g. `1/2` (matrix jobs).', option: 'shard' },
    'baseline-commit': {
      description: 'Compare with the evidence recorded for this commit (e.g. the PR base SHA).',
      option: 'baselineCommit',
    },
  },
  outputs: {
    ...commonOutputs,
    'p95-ms': {
      description: 'Worst p95 latency over all endpoints, in milliseconds.',
      value: ({ evidence }) => metricValue(evidence, ['p95-ms', 'p95_ms', 'http_req_duration.p95'], /p95/i),
    },
    'error-rate': {
      description: 'Share of failed requests (0–1).',
      value: ({ evidence }) =>
        metricValue(
          evidence,
          ['error-rate', 'error_rate', 'http_req_failed.rate'],
          /error.?rate|req_failed/i,
        ),
    },
  },
  example: [
    uses('load'),
    '      with:',
    '        profile: smoke',
    '        baseline-commit: ${{ github.event.pull_request.base.sha }}',
  ].join('\n'),
};

export const dastAction: ActionDefinition = {
  name: 'dast',
  check: 'dast',
  title: 'opsgate dast',
  description:
    'Run a ZAP scan against the target, turn alerts into findings (SARIF too) and gate by severity.',
  inputs: {
    ...commonInputs,
    mode: {
      description: 'Scan mode: `baseline` (passive) or `full` (active, needs allow-destructive).',
      option: 'mode',
    },
  },
  outputs: {
    ...commonOutputs,
    findings: { description: 'Number of unsuppressed findings.', value: findingsCount },
  },
  example: [uses('dast'), '      with:', '        mode: baseline'].join('\n'),
};

export const rbacAction: ActionDefinition = {
  name: 'rbac',
  check: 'rbac',
  title: 'opsgate rbac',
  description:
    'Probe the role × endpoint access matrix (and IDOR pairs) of the target and gate on every cell.',
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    'failed-cells': {
      description: 'Number of matrix cells that did not answer as expected.',
      value: failedThresholds,
    },
  },
  example: [uses('rbac')].join('\n'),
};

export const abuseAction: ActionDefinition = {
  name: 'abuse',
  check: 'abuse',
  title: 'opsgate abuse',
  description:
    'Probe login lockout, rate limits and other abuse controls of the target (bounded request loops).',
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    'failed-probes': { description: 'Number of abuse probes that did not hold.', value: failedThresholds },
  },
  example: [uses('abuse')].join('\n'),
};

export const restoreDrillAction: ActionDefinition = {
  name: 'restore-drill',
  check: 'restore',
  title: 'opsgate restore-drill',
  description:
    'Restore the latest PostgreSQL backup into a scratch database, verify it and time it against the RTO.',
  inputs: {
    ...commonInputs,
    mode: {
      description: 'Drill mode understood by the restore check (e.g. `full` or `verify`).',
      option: 'mode',
    },
    'apply-retention': {
      description: 'Also prune old backups by the configured retention policy.',
      option: 'applyRetention',
      type: 'boolean',
    },
  },
  outputs: {
    ...commonOutputs,
    'time-to-restore-s': {
      description: 'Measured time to restore, in seconds.',
      value: ({ evidence }) =>
        metricValue(
          evidence,
          ['time-to-restore-s', 'time_to_restore_s', 'restore-seconds'],
          /restore.*(s|seconds)$/i,
        ),
    },
  },
  example: [uses('restore-drill'), '      with:', '        mode: full'].join('\n'),
};
