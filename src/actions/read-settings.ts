import * as core from '@actions/core';
import { ConfigError, type ConfigProblem } from '../core/errors.js';
import { registerSecret } from '../core/secrets.js';
import type { ActionDefinition, ActionInput } from './definitions/index.js';
import type { ActionSettings } from './run-action.js';

/**
 * Inputs → one typed settings object, from the definition of the action: the same table that
 * generated action.yml, so an input cannot be documented and ignored (or the reverse).
 * Every malformed input is reported at once.
 */
export function readActionSettings(def: ActionDefinition): ActionSettings {
  const problems: ConfigProblem[] = [];
  const input = (name: string) => core.getInput(name, { required: def.inputs[name]?.required ?? false });
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.inputs)) {
    if (!spec.option && !spec.values) continue;
    const raw = input(name);
    if (raw === '') continue;
    if (spec.values) {
      const set = spec.values[raw];
      if (set) Object.assign(options, set);
      else
        problems.push({
          path: `inputs.${name}`,
          message: `expected one of ${Object.keys(spec.values).join(', ')}, got ${JSON.stringify(raw)}`,
        });
      continue;
    }
    if (!spec.option) continue;
    const parsed = parseValue(name, spec, raw, problems);
    if (parsed !== undefined) options[spec.option] = parsed;
  }
  const publishRaw = input('publish') || 'true';
  const publish = parseValue(
    'publish',
    { description: '', type: 'boolean' },
    publishRaw,
    problems,
  ) as boolean;
  const token = input('token');
  registerSecret(token);
  if (token) core.setSecret(token);
  const gate = def.name === 'gate' ? readGateSettings(problems) : {};
  if (problems.length) throw new ConfigError(problems);
  return {
    ...gate,
    action: def.name,
    configFile: input('config') || 'opsgate.yml',
    outDir: input('out') || 'opsgate-out',
    token,
    publish,
    commentKey: input('comment-key') || process.env.GITHUB_WORKFLOW || 'opsgate',
    options,
    evidenceDirs: def.inputs['evidence-dirs']
      ? core.getMultilineInput('evidence-dirs').filter((line) => line.trim() !== '')
      : [],
  };
}

function parseValue(
  name: string,
  spec: ActionInput,
  raw: string,
  problems: ConfigProblem[],
): string | number | boolean | undefined {
  if (spec.type === 'boolean') {
    if (/^(true|yes|on|1)$/i.test(raw)) return true;
    if (/^(false|no|off|0)$/i.test(raw)) return false;
    problems.push({ path: `inputs.${name}`, message: `expected true or false, got ${JSON.stringify(raw)}` });
    return undefined;
  }
  if (spec.type === 'number') {
    const n = Number(raw);
    if (Number.isFinite(n)) return n;
    problems.push({ path: `inputs.${name}`, message: `expected a number, got ${JSON.stringify(raw)}` });
    return undefined;
  }
  return raw;
}

/** The gate's extra inputs: the pull request for fork follow-ups and the drill issue. */
function readGateSettings(problems: ConfigProblem[]): Pick<ActionSettings, 'pullRequest' | 'drill'> {
  const settings: Pick<ActionSettings, 'pullRequest' | 'drill'> = {};
  const pr = core.getInput('pull-request');
  if (pr) {
    if (/^[1-9][0-9]*$/.test(pr)) settings.pullRequest = Number(pr);
    else
      problems.push({
        path: 'inputs.pull-request',
        message: `expected a pull request number, got ${JSON.stringify(pr)}`,
      });
  }
  let month = core.getInput('drill');
  if (month === 'auto') month = new Date().toISOString().slice(0, 7);
  if (month) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      problems.push({
        path: 'inputs.drill',
        message: `expected YYYY-MM or auto, got ${JSON.stringify(month)}`,
      });
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = process.env;
    settings.drill = {
      month,
      definitionFile: core.getInput('drill-file') || 'drills/monthly.yml',
      previousBodyFile: core.getInput('drill-previous-body') || undefined,
      runUrl: server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined,
    };
  }
  return settings;
}
