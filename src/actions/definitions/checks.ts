import { commonInputs, commonOutputs, failedThresholds, findingsCount, metricValue } from './common.js';
import type { ActionDefinition } from './types.js';

const uses = (name: string) => `    - uses: opsgate/opsgate/actions/${name}@v0.1.0`;

/** `metrics[name]` (milliseconds) in another unit, rounded; empty when not measured. */
function scaled(name: string, divisor: number, decimals: number) {
  return ({ evidence }: { evidence?: { metrics: Record<string, number> } }) => {
    const v = evidence?.metrics[name];
    const f = 10 ** decimals;
    return typeof v === 'number' ? String(Math.round((v / divisor) * f) / f) : undefined;
  };
}

export const headersAction: ActionDefinition = {
  name: 'headers',
  check: 'headers',
  title: 'opsgate headers',
  description: 'Verify security headers, CORS, cookie flags and TLS of the deployed target; gate on the result.',
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
    'Run the configured load profile (k6, or the embedded engine) against the target, compare p95 and error rate with the baseline and gate.',
  inputs: {
    ...commonInputs,
    shard: {
      description: 'Run shard `i/n` of the load (matrix jobs); `opsgate load --merge` combines the shards.',
      option: 'shard',
    },
    engine: { description: '`auto`, `k6` or `embedded`; overrides load.engine.', option: 'engine' },
    'baseline-commit': {
      description: 'Compare with the evidence stored for this commit (on a pull request: the base SHA).',
      option: 'baselineCommit',
    },
    commit: {
      description: 'Record this run under this commit in the evidence store, for later comparisons.',
      default: '${{ github.sha }}',
      option: 'commit',
    },
    branch: {
      description: 'Record this run under this branch in the evidence store.',
      default: '${{ github.ref_name }}',
      option: 'branch',
    },
  },
  outputs: {
    ...commonOutputs,
    'p95-ms': {
      description: 'p95 latency over all requests, in milliseconds.',
      value: ({ evidence }) => metricValue(evidence, ['total.p95_ms']),
    },
    'error-rate': {
      description: 'Share of failed requests over all endpoints (0–1).',
      value: ({ evidence }) => metricValue(evidence, ['total.error_rate']),
    },
  },
  example: [
    uses('load'),
    '      with:',
    '        baseline-commit: ${{ github.event.pull_request.base.sha }}',
  ].join('\n'),
};

export const dastAction: ActionDefinition = {
  name: 'dast',
  check: 'dast',
  title: 'opsgate dast',
  description:
    'Run the configured ZAP scan against the target, turn alerts into findings (SARIF too) and gate by severity.',
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    findings: { description: 'Number of unsuppressed findings.', value: findingsCount },
  },
  example: uses('dast'),
};

export const rbacAction: ActionDefinition = {
  name: 'rbac',
  check: 'rbac',
  title: 'opsgate rbac',
  description: 'Probe the role × endpoint access matrix (and ownership/IDOR pairs) of the target and gate on every cell.',
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    'failed-cells': {
      description: 'Number of matrix cells that did not answer as expected.',
      value: failedThresholds,
    },
  },
  example: uses('rbac'),
};

export const abuseAction: ActionDefinition = {
  name: 'abuse',
  check: 'abuse',
  title: 'opsgate abuse',
  description: 'Probe login lockout and rate limits of the target with bounded request loops.',
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    'failed-probes': { description: 'Number of abuse probes that did not hold.', value: failedThresholds },
  },
  example: uses('abuse'),
};

export const restoreDrillAction: ActionDefinition = {
  name: 'restore-drill',
  check: 'restore',
  title: 'opsgate restore-drill',
  description:
    'Restore the newest PostgreSQL backup into a scratch database, verify it, time it against the RTO and audit retention.',
  inputs: {
    ...commonInputs,
    mode: {
      description:
        '`drill` (restore, verify, time) or `retention-only` (audit backup retention and drill-log freshness, no restore).',
      default: 'drill',
      values: { drill: {}, 'retention-only': { retentionOnly: true } },
    },
    'apply-retention': {
      description: 'Delete the backups the retention policy would prune (default: report only).',
      default: 'false',
      option: 'apply',
      type: 'boolean',
    },
  },
  outputs: {
    ...commonOutputs,
    'time-to-restore-s': {
      description: 'Measured time to restore (fetch + create + restore + verify), in seconds.',
      value: scaled('timeToRestoreMs', 1000, 1),
    },
    'backup-age-s': {
      description:
        'Age of the restored backup (compare with the RPO), in seconds; empty when not measured (a fresh pg_dump).',
      value: (ctx) => scaled('backupAgeMs', 1000, 0)(ctx) ?? '',
    },
  },
  example: [uses('restore-drill'), '      with:', '        mode: drill'].join('\n'),
};

export const dbAction: ActionDefinition = {
  name: 'db',
  check: 'db',
  title: 'opsgate db',
  description:
    'Read-only PostgreSQL insight: top queries from pg_stat_statements, EXPLAIN ANALYZE query guards and plan changes vs the baseline; gate on the result.',
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    'failed-guards': {
      description: 'Number of query-guard and top-query thresholds that were not met.',
      value: failedThresholds,
    },
  },
  example: [uses('db'), '      with:', '        config: opsgate.yml', '      env:', '        OPSGATE_DB_URL: ${{ secrets.OPSGATE_DB_URL }}'].join('\n'),
};
