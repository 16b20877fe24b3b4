import { stringify } from 'yaml';
import type { ActionDefinition } from './definitions/index.js';

const GENERATED = 'Generated from src/actions/definitions by `npm run gen-actions`; do not edit by hand.';

/** `actions/<name>/action.yml` for one definition. */
export function renderActionYaml(def: ActionDefinition): string {
  const inputs: Record<string, Record<string, unknown>> = {};
  for (const [name, input] of Object.entries(def.inputs)) {
    inputs[name] = {
      description: input.description,
      required: input.required ?? false,
      ...(input.default !== undefined ? { default: input.default } : {}),
    };
  }
  const outputs: Record<string, { description: string }> = {};
  for (const [name, output] of Object.entries(def.outputs))
    outputs[name] = { description: output.description };
  const doc = {
    name: def.title,
    description: def.description,
    author: 'opsgate',
    branding: { icon: 'shield', color: 'green' },
    inputs,
    outputs,
    runs: { using: 'node24', main: `../../dist/${def.name}.js` },
  };
  return `# ${GENERATED}\n${stringify(doc, { lineWidth: 0, defaultStringType: 'PLAIN' })}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The inputs table of a README. */
export function renderInputsTable(def: ActionDefinition): string {
  const rows = ['| Input | Required | Default | Description |', '|---|---|---|---|'];
  for (const [name, i] of Object.entries(def.inputs))
    rows.push(
      `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default ? `\`${cell(i.default)}\`` : ''} | ${cell(i.description)} |`,
    );
  return rows.join('\n');
}

/** The outputs table of a README. */
export function renderOutputsTable(def: ActionDefinition): string {
  const rows = ['| Output | Description |', '|---|---|'];
  for (const [name, o] of Object.entries(def.outputs)) rows.push(`| \`${name}\` | ${cell(o.description)} |`);
  return rows.join('\n');
}

/** `actions/<name>/README.md`: description, usage example, input and output tables. */
export function renderActionReadme(def: ActionDefinition): string {
  const check = def.about
    ? def.about
    : def.check
      ? `It runs the \`${def.check}\` check (see [docs/checks/${def.check}.md](../../docs/checks/${def.check}.md)), writes \`<out>/evidence/${def.check}.json\`, \`report.md\` and \`junit.xml\`, shows the report as the job summary, publishes when \`publish\` is true, and fails the step when the check's verdict is \`fail\` (exit code semantics as the CLI: a verdict fails the job, a configuration or runtime problem fails it with a message).`
      : 'It reads every evidence file in `<out>/evidence` and in `evidence-dirs`, writes the combined `report.md` and `junit.xml`, shows the report as the job summary, publishes when `publish` is true, and fails the job when the gate fails.';
  return [
    `<!-- ${GENERATED} -->`,
    `# ${def.title}`,
    '',
    def.description,
    '',
    check,
    '',
    'Evidence is written to disk before anything is sent to GitHub, so an API outage never loses a measurement. With a read-only token (pull requests from forks) the action still produces evidence; publish it from the `workflow_run` follow-up (`workflows/publish-fork.yml`).',
    '',
    '## Usage',
    '',
    '```yaml',
    'steps:',
    '    - uses: actions/checkout@<sha> # v7',
    def.example,
    '```',
    '',
    '## Inputs',
    '',
    renderInputsTable(def),
    '',
    '## Outputs',
    '',
    renderOutputsTable(def),
    '',
    'See [docs/actions.md](../../docs/actions.md) for how the actions fit together.',
    '',
  ].join('\n');
}
