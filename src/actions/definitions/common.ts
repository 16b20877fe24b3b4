import type { Control } from '../../core/gate/controls.js';
import type { Evidence } from '../../core/evidence/model.js';
import type { ActionInput, ActionOutput, OutputSource } from './types.js';
import path from 'node:path';

/** Inputs every action understands, in the order they appear in action.yml. */
export const commonInputs: Record<string, ActionInput> = {
  config: { description: 'Path of the opsgate configuration file.', default: 'opsgate.yml' },
  out: {
    description: 'Directory for evidence, report.md and junit.xml (uploaded as an artifact by the workflow).',
    default: 'opsgate-out',
  },
  token: {
    description:
      'GitHub token used to publish (PR comment, issues, evidence store). A read-only token (fork PRs) still produces evidence.',
    default: '${{ github.token }}',
  },
  publish: {
    description:
      'Publish results to GitHub (sticky PR comment, issues, annotations). Evidence is always written first.',
    default: 'true',
    type: 'boolean',
  },
  'comment-key': {
    description: 'Identifies the sticky PR comment; runs with the same key edit the same comment.',
    default: '${{ github.workflow }}',
  },
};

/** Outputs every action sets. */
export const commonOutputs: Record<string, ActionOutput> = {
  verdict: {
    description: 'pass, warn, fail or error.',
    value: ({ gate }) => gate.verdict,
  },
  'evidence-path': {
    description: 'Path of the evidence JSON this action wrote (for the gate: the evidence directory).',
    value: ({ evidence, outDir }) =>
      evidence ? path.join(outDir, 'evidence', `${evidence.check}.json`) : path.join(outDir, 'evidence'),
  },
  'report-path': {
    description: 'Path of the rendered markdown report (also shown as the job summary).',
    value: ({ outDir }) => path.join(outDir, 'report.md'),
  },
  'failed-controls': {
    description: 'Number of controls that failed or errored.',
    value: ({ gate }) => String(failedControls(gate.checks.flatMap((c) => c.controls)).length),
  },
};

export function failedControls(controls: Control[]): Control[] {
  return controls.filter((c) => c.status === 'fail' || c.status === 'error');
}

/** Number of unsuppressed findings. */
export function findingsCount({ evidence }: OutputSource): string | undefined {
  return evidence ? String(evidence.findings.filter((f) => !f.suppressed).length) : undefined;
}

/** Number of thresholds that were evaluated and not met. */
export function failedThresholds({ evidence }: OutputSource): string | undefined {
  return evidence ? String(evidence.thresholds.filter((t) => !t.ok && !t.skipped).length) : undefined;
}

/**
 * A metric by its first present name; with `pattern`, the largest metric whose name matches
 * (e.g. the worst p95 over all endpoints). Empty when the check did not measure it.
 */
export function metricValue(
  evidence: Evidence | undefined,
  names: string[],
  pattern?: RegExp,
): string | undefined {
  if (!evidence) return undefined;
  for (const n of names) if (typeof evidence.metrics[n] === 'number') return String(evidence.metrics[n]);
  if (!pattern) return undefined;
  const matches = Object.entries(evidence.metrics).filter(([k]) => pattern.test(k));
  if (!matches.length) return undefined;
  return String(Math.max(...matches.map(([, v]) => v)));
}
