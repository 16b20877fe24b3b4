import path from 'node:path';
import { checks } from '../checks/index.js';
import type { CheckContext } from '../checks/check.js';
import { runCheck } from '../checks/run-check.js';
import type { CheckName } from '../core/config/schema.js';
import type { DrillDefinition } from '../core/drill/drill-definition.js';
import type { Evidence } from '../core/evidence/model.js';
import type { GateResult } from '../core/gate/gate.js';
import { writeReports } from '../core/render/write-reports.js';

export interface DrillOutcome {
  ran: CheckName[];
  skipped: { check: CheckName; reason: string }[];
  evidence: Evidence[];
  gate: GateResult;
  reportPath: string;
}

/** A check takes part when opsgate has it and opsgate.yml configures it (and does not disable it). */
export function configuredChecks(
  ctx: CheckContext,
  wanted: CheckName[],
): { run: CheckName[]; skipped: DrillOutcome['skipped'] } {
  const run: CheckName[] = [];
  const skipped: DrillOutcome['skipped'] = [];
  for (const name of wanted) {
    const section = ctx.config[name] as { enabled?: boolean } | undefined;
    if (!checks[name]) skipped.push({ check: name, reason: 'not available in this opsgate version' });
    else if (!section) skipped.push({ check: name, reason: `no ${name} section in the config` });
    else if (section.enabled === false) skipped.push({ check: name, reason: `${name}.enabled is false` });
    else run.push(name);
  }
  return { run, skipped };
}

/** Run a drill's checks in order, each writing its evidence as it finishes, then the gate. */
export async function runDrill(drill: DrillDefinition, ctx: CheckContext): Promise<DrillOutcome> {
  const { run, skipped } = configuredChecks(ctx, drill.checks);
  for (const s of skipped) ctx.log(`- ${s.check}: skipped (${s.reason})`);
  const evidence: Evidence[] = [];
  for (const [i, name] of run.entries()) {
    if (ctx.signal.aborted) break;
    ctx.log(`[${i + 1}/${run.length}] ${name}…`);
    const started = Date.now();
    const { evidence: e } = await runCheck(checks[name]!, ctx);
    evidence.push(e);
    ctx.log(
      `[${i + 1}/${run.length}] ${name}: ${e.verdict} in ${((Date.now() - started) / 1000).toFixed(1)} s — ${e.summary}`,
    );
    // A skipped check did not fail: the drill goes on to the next one.
    if (!drill['continue-on-failure'] && !['pass', 'warn', 'skip'].includes(e.verdict)) break;
  }
  const gate = await writeReports(ctx.outDir, ctx.config, evidence);
  return { ran: run, skipped, evidence, gate, reportPath: path.join(ctx.outDir, 'report.md') };
}
