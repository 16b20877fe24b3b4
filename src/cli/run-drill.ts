import path from 'node:path';
import { checks } from '../checks/index.js';
import type { CheckContext } from '../checks/check.js';
import { runCheck } from '../checks/run-check.js';
import { selectConfiguredChecks, type ConfiguredChecks } from '../checks/select-checks.js';
import type { CheckName } from '../core/config/schema.js';
import type { DrillDefinition } from '../core/drill/drill-definition.js';
import type { Evidence } from '../core/evidence/model.js';
import type { GateResult } from '../core/gate/gate.js';
import { writeReports } from '../core/render/write-reports.js';

export interface DrillOutcome {
  ran: CheckName[];
  skipped: ConfiguredChecks['skipped'];
  evidence: Evidence[];
  gate: GateResult;
  reportPath: string;
}

/** The drill's checks this build has and opsgate.yml configures (see select-checks.ts). */
export function configuredChecks(ctx: CheckContext, wanted: CheckName[]): ConfiguredChecks {
  return selectConfiguredChecks(ctx.config, wanted, checks);
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
