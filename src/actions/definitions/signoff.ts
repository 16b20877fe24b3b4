import { commonInputs } from './common.js';
import type { ActionDefinition } from './types.js';

/** Records a drill sign-off (ticked checkbox or `/signoff` comment by a listed approver) in the drill log. */
export const signoffAction: ActionDefinition = {
  name: 'signoff',
  title: 'opsgate signoff',
  description:
    'Record the sign-off of a `Drill YYYY-MM` issue — a ticked checkbox or a `/signoff` comment by a listed approver — in the drill log.',
  about:
    'Run it on `issue_comment` and `issues: edited` events. It reads the event payload (`GITHUB_EVENT_PATH`), accepts a `/signoff` comment or a newly ticked `- [x] @login signs off` box on a `Drill YYYY-MM` issue when the author (or editor) is a listed approver, and appends `{kind: signoff, drill, approver, via, at, issue, url}` to the drill log of the evidence store (`logs/drill.jsonl`) once per approver and drill. Anything else is reported in the `reason` output and not recorded; the step does not fail.',
  inputs: {
    config: commonInputs.config!,
    token: {
      description: 'GitHub token used to append to the drill log on the evidence store branch.',
      default: '${{ github.token }}',
    },
    'drill-file': {
      description: 'Drill definition listing the approvers (`sign-off.approvers`).',
      default: 'drills/monthly.yml',
    },
    approvers: { description: 'Additional approver logins, comma or newline separated.', default: '' },
  },
  outputs: {
    'signed-off': { description: '`true` when this event recorded a sign-off.' },
    approver: { description: 'Login of the approver (also set when the sign-off was rejected).' },
    drill: { description: 'Drill month (`YYYY-MM`) the event belongs to.' },
    reason: { description: 'Why nothing was recorded, when nothing was.' },
  },
  example: [
    '    - uses: opsgate/opsgate/actions/signoff@v0.1.0',
    '      id: signoff',
    "    - if: steps.signoff.outputs.signed-off == 'true'",
    '      run: gh issue comment "$NUMBER" --body "Sign-off recorded"',
  ].join('\n'),
};
