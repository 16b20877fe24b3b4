import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkAvailable, loadCheck } from '../checks/check-loader.js';
import { runCheck, singleCheckPolicy } from '../checks/run-check.js';
import { buildContext } from '../cli/context.js';
import { selectConfiguredChecks } from '../checks/select-checks.js';
import { ConfigError } from '../core/errors.js';
import type { Evidence } from '../core/evidence/model.js';
import { readAllEvidence } from '../core/evidence/store-files.js';
import type { EvidenceStore } from '../core/store/evidence-store.js';
import { runGate, type GateResult } from '../core/gate/gate.js';
import { renderReport } from '../core/render/markdown.js';
import { writeReports } from '../core/render/write-reports.js';
import { redact } from '../core/secrets.js';
import { collectEvidence } from './collect-evidence.js';
import { loadOptionalConfig, type PolicyConfig } from './optional-config.js';
import { failedControls } from './definitions/common.js';
import { actionDefinition, type ActionDefinition, type OutputSource } from './definitions/index.js';
import {
  unavailablePublisher,
  type DrillIssueRequest,
  type Publisher,
  type PublishOutcome,
} from './publish-step.js';

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
  /** Gate only: the pull request to comment on when the event does not say (fork follow-up). */
  pullRequest?: number;
  /** Gate only: render the drill issue of this month (`YYYY-MM`). */
  drill?: { month: string; definitionFile: string; previousBodyFile?: string; runUrl?: string };
}

export interface ActionResult {
  verdict: Evidence['verdict'];
  passed: boolean;
  outputs: Record<string, string>;
  /** Markdown for the job summary (the report plus a publish footer). */
  summary: string;
  /** Set when the step must fail: the reason, one line. */
  failure?: string;
  /** A check action whose check is not configured: nothing ran, nothing fails. */
  skipped?: string;
}

export interface ActionDeps {
  publisher?: Publisher;
  /** The store a check reads history from, given the local one (the runner uses the evidence branch). */
  store?: (local: EvidenceStore, token: string) => EvidenceStore | Promise<EvidenceStore>;
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
  let config: PolicyConfig | undefined;
  let gate: GateResult;
  let evidence: Evidence | undefined;
  if (def.check) {
    if (!checkAvailable(def.check))
      throw new ConfigError(`the ${def.check} check is not available in this build of opsgate`);
    const ctx = await buildContext({ config: settings.configFile, out: outDir }, settings.options, [def.check]);
    ctx.log = log;
    if (deps.store) ctx.store = await deps.store(ctx.store, settings.token);
    config = ctx.config;
    const { skipped } = selectConfiguredChecks(ctx.config, [def.check], { [def.check]: true });
    if (skipped[0]) return skippedResult(def, skipped[0].reason, outDir);
    // Loaded only now: a skipped check never pays for its engine's modules.
    evidence = (await runCheck(await loadCheck(def.check), ctx)).evidence;
    gate = runGate([evidence], singleCheckPolicy(config));
  } else {
    config = await loadOptionalConfig(settings.configFile);
    const copied = await collectEvidence(outDir, settings.evidenceDirs);
    if (copied.length)
      log(`collected ${copied.length} evidence file(s) from ${settings.evidenceDirs.join(', ')}`);
    gate = await writeReports(outDir, config);
  }
  const drill = settings.drill ? await writeDrillIssue(settings.drill, gate, outDir) : undefined;
  const report = redact(renderReport(gate, { title: def.title }));
  const outputs = { ...computeOutputs(def, { evidence, gate, outDir }), ...drill?.outputs };
  let failure = failureOf(gate, evidence);

  let footer = '';
  if (settings.publish) {
    const publisher = deps.publisher ?? unavailablePublisher;
    const all = def.check && evidence ? [evidence] : await readAllEvidence(outDir);
    const outcome = !all.length
      ? { published: false, message: 'no evidence, nothing to publish' }
      : await publishSafely(publisher, {
      outDir,
      config,
      gate,
      evidence: all,
      report,
      token: settings.token,
      commentKey: settings.commentKey,
      pullRequest: settings.pullRequest,
      drill: drill?.request,
      log,
    });
    log(`publish: ${outcome.message}`);
    footer = `\n---\n_Publish: ${outcome.message}_\n`;
    if (outcome.drillIssue) outputs['drill-issue-number'] = String(outcome.drillIssue.number);
    if (outcome.failed) failure = [failure, outcome.message].filter(Boolean).join('; ');
  }
  return { verdict: gate.verdict, passed: gate.passed, outputs, summary: report + footer, failure };
}

/**
 * A publish failure (GitHub down, bad token) fails the step with a clear message, but never
 * before the evidence, the outputs and the summary exist.
 */
async function publishSafely(
  publisher: Publisher,
  request: Parameters<Publisher>[0],
): Promise<PublishOutcome & { failed?: boolean }> {
  try {
    return await publisher(request);
  } catch (err) {
    return {
      published: false,
      failed: true,
      message: redact(
        `publishing failed: ${err instanceof Error ? err.message : String(err)} (evidence is on disk in ${request.outDir})`,
      ),
    };
  }
}

function computeOutputs(def: ActionDefinition, source: OutputSource): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(def.outputs)) {
    const value = output.value?.(source);
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
  if (!failed.length) return 'gate failed: warnings fail the gate (gate.fail-on-warn is true)';
  const names = failed.slice(0, 5).map((c) => `${c.check}: ${c.name}`);
  const more = failed.length > names.length ? ` and ${failed.length - names.length} more` : '';
  return redact(
    `gate failed (${gate.verdict}): ${failed.length} control(s) failed — ${names.join('; ')}${more}`,
  );
}

function skippedResult(def: ActionDefinition, reason: string, outDir: string): ActionResult {
  const summary = `## ${def.title} — ⏭️ skipped\n\n${reason}: nothing was run. Add the section to opsgate.yml to enable it; \`gate.required\` makes a missing check fail the gate.\n`;
  return {
    verdict: 'pass',
    passed: true,
    outputs: { verdict: 'skipped', 'evidence-path': '', 'report-path': path.join(outDir, 'report.md') },
    summary,
    skipped: reason,
  };
}

/**
 * Render the `Drill YYYY-MM` issue body next to the report (offline, from `drill-previous-body`
 * when given) and the request the publisher uses to open or edit the issue with its current body.
 */
async function writeDrillIssue(
  drill: NonNullable<ActionSettings['drill']>,
  gate: GateResult,
  outDir: string,
): Promise<{ outputs: Record<string, string>; request: DrillIssueRequest }> {
  const { builtInDrill, loadDrill } = await import('../core/drill/drill-definition.js');
  const { drillTitle, renderDrillIssue } = await import('../core/drill/drill-issue.js');
  const definition = existsSync(drill.definitionFile)
    ? await loadDrill(drill.definitionFile)
    : builtInDrill();
  const previousBody = drill.previousBodyFile
    ? await readFile(drill.previousBodyFile, 'utf8').catch(() => undefined)
    : undefined;
  const render = (current?: string) =>
    redact(
      renderDrillIssue({
        month: drill.month,
        gate,
        approvers: definition['sign-off'].approvers,
        previousBody: current ?? previousBody,
        runUrl: drill.runUrl,
      }),
    );
  const file = path.join(outDir, 'drill-issue.md');
  await writeFile(file, render());
  return {
    outputs: { 'drill-title': drillTitle(drill.month), 'drill-issue-path': file },
    request: { month: drill.month, render },
  };
}
