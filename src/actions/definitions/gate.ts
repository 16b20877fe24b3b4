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
  },
  outputs: {
    ...commonOutputs,
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
    '    - uses: opsgate/opsgate/actions/gate@v1',
    '      with:',
    '        evidence-dirs: artifacts',
  ].join('\n'),
};
