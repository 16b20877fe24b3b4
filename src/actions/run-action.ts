import { access } from 'node:fs/promises';
import path from 'node:path';
import { checks } from '../checks/index.js';
import { runCheck } from '../checks/run-check.js';
import { buildContext } from '../cli/context.js';
import { loadConfig } from '../core/config/load-config.js';
import type { OpsgateConfig } from '../core/config/schema.js';
import { ConfigError } from '../core/errors.js';
import type { Evidence } from '../core/evidence/model.js';
import { readAllEvidence } from '../core/evidence/store-files.js';
import { runGate, type GateResult } from '../core/gate/gate.js';
import { renderReport } from '../core/render/markdown.js';
import { writeReports } from '../core/render/write-reports.js';
import { redact } from '../core/secrets.js';
import { collectEvidence } from './collect-evidence.js';
import { failedControls } from './definitions/common.js';
import { actionDefinition, type ActionDefinition } from './definitions/index.js';
import { unavailablePublisher, type Publisher } from './publish-step.js';

/** Everything an action run needs, parsed from its inputs. */
export interface ActionSettings {
  /** Action name (directory under actions/). */
  action: string;
  configFile: string;
  outDir: string;
  token: string;
  publish: boolean;
  commentKey: string;
  /** Check options from check-specific inputs (same keys as the CLI flags produce). */
  options: Record<string, unknown>;
  /** Gate only: directories holding other jobs' evidence. */
  evidenceDirs: string[];
}

export interface ActionResult {
  verdict: Evidence['verdict'];
  passed: boolean;
  outputs: Record<string, string>;
  /** Markdown for the job summary (the report plus a publish footer). */
  summary: string;
  /** Set when the step must fail: the reason, one line. */
  failure?: string;
}

export interface ActionDeps {
  publisher?: Publisher;
  log?: (message: string) => void;
}

/**
 * Run one action from plain settings: the check (or the gate), evidence on disk first, then
 * the outputs, the summary and the publish step. Configuration problems throw ConfigError.
 */
export async function runActionCheck(settings: ActionSettings, deps: ActionDeps = {}): Promise<ActionResult> {
  const def = actionDefinition(settings.action);
  const log = deps.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const outDir = path.resolve(settings.outDir);
  let config: OpsgateConfig | undefined;
  let gate: GateResult;
  let evidence: Evidence | undefined;
  if (def.check) {
    const check = checks[def.check];
    if (!check) throw new ConfigError(`the ${def.check} check is not available in this build of opsgate`);
    const ctx = await buildContext({ config: settings.configFile, out: outDir }, settings.options);
    ctx.log = log;
    config = ctx.config;
    evidence = (await runCheck(check, ctx)).evidence;
    gate = runGate([evidence], config);
  } else {
    config = await loadOptionalConfig(settings.configFile);
    const copied = await collectEvidence(outDir, settings.evidenceDirs);
    if (copied.length)
      log(`collected ${copied.length} evidence file(s) from ${settings.evidenceDirs.join(', ')}`);
    gate = await writeReports(outDir, config);
  }
  const report = redact(renderReport(gate, { title: def.title }));
  const outputs = computeOutputs(def, { evidence, gate, outDir });
  const failure = failureOf(gate, evidence);

  let footer = '';
  if (settings.publish) {
    const publisher = deps.publisher ?? unavailablePublisher;
    const all = def.check && evidence ? [evidence] : await readAllEvidence(outDir);
    const outcome = await publisher({
      outDir,
      config,
      gate,
      evidence: all,
      report,
      token: settings.token,
      commentKey: settings.commentKey,
      log,
    });
    log(`publish: ${outcome.message}`);
    footer = `\n---\n_Publish: ${outcome.message}_\n`;
  }
  return { verdict: gate.verdict, passed: gate.passed, outputs, summary: report + footer, failure };
}

function computeOutputs(
  def: ActionDefinition,
  source: Parameters<ActionDefinition['outputs'][string]['value']>[0],
) {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(def.outputs)) {
    const value = output.value(source);
    if (value !== undefined) outputs[name] = value;
  }
  return outputs;
}

function failureOf(gate: GateResult, evidence: Evidence | undefined): string | undefined {
  if (evidence?.verdict === 'error')
    return `${evidence.check} did not complete: ${evidence.error?.message ?? 'unknown error'}`;
  if (gate.passed) return undefined;
  if (!gate.checks.length) return 'gate failed: no evidence found';
  const failed = failedControls(gate.checks.flatMap((c) => c.controls));
  const names = failed.slice(0, 5).map((c) => `${c.check}: ${c.name}`);
  const more = failed.length > names.length ? ` and ${failed.length - names.length} more` : '';
  return redact(
    `gate failed (${gate.verdict}): ${failed.length} control(s) failed — ${names.join('; ')}${more}`,
  );
}

/** The gate works without a config (default policy); a config that exists must be valid. */
async function loadOptionalConfig(file: string): Promise<OpsgateConfig | undefined> {
  try {
    await access(file);
  } catch {
    return undefined;
  }
  return (await loadConfig(file)).config;
}
