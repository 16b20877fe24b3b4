import { commonInputs, commonOutputs } from './common.js';
import type { ActionDefinition } from './types.js';

/** The gate: combines the evidence of the job (or of several jobs' artifacts) into one verdict. */
export const gateAction: ActionDefinition = {
  name: 'gate',
  title: 'opsgate gate',
  description:
    'Combine the evidence of this job or of downloaded artifacts into one verdict, publish it and fail the job when the gate fails.',
  inputs: {
    ...commonInputs,
    'evidence-dirs': {
      description:
        "Extra directories to collect evidence from, one per line (e.g. where actions/download-artifact put each job's out dir). Searched recursively for `evidence/*.json`.",
      default: '',
    },
    'pull-request': {
      description:
        'Pull request to comment on. Defaults to the one of the triggering event; the fork follow-up workflow passes it explicitly.',
      default: '',
    },
    drill: {
      description:
        'Drill month (`YYYY-MM`, or `auto` for the current UTC month): also render the `Drill YYYY-MM` issue with the sign-off checklist and, when publishing with a token that can write (`issues: write`), open it or edit it in place (found by the `opsgate-drill` label and its hidden marker; ticked boxes are kept).',
      default: '',
    },
    'drill-file': {
      description: 'Drill definition listing the sign-off approvers.',
      default: 'drills/monthly.yml',
    },
    'drill-previous-body': {
      description:
        'Offline use: file with a current body of the drill issue, so ticked sign-off boxes survive in `drill-issue-path`. When publishing, the body of the issue on GitHub is used instead.',
      default: '',
    },
  },
  outputs: {
    ...commonOutputs,
    'drill-title': { description: 'Title of the drill issue (`Drill YYYY-MM`) when `drill` is set.' },
    'drill-issue-path': { description: 'File with the rendered drill issue body when `drill` is set.' },
    'drill-issue-number': {
      description:
        'Number of the drill issue opened or edited when `drill` is set and publishing wrote to GitHub.',
    },
    passed: { description: '`true` when the gate passed.', value: ({ gate }) => String(gate.passed) },
    checks: {
      description: 'Comma-separated checks whose evidence the gate combined.',
      value: ({ gate }) => gate.checks.map((c) => c.check).join(','),
    },
  },
  example: [
    '    - uses: actions/download-artifact@<sha> # v8',
    '      with:',
    '        pattern: opsgate-*',
    '        path: artifacts',
    '    - uses: opsgate/opsgate/actions/gate@v0.1.0',
    '      with:',
    '        evidence-dirs: artifacts',
  ].join('\n'),
};
