import { ConfigError, describeCause } from '../core/errors.js';
import type { Evidence } from '../core/evidence/model.js';
import { finishEvidence, startEvidence } from '../core/evidence/new-evidence.js';
import { writeEvidence } from '../core/evidence/store-files.js';
import { evidenceVerdict } from '../core/gate/controls.js';
import { policyFor } from '../core/gate/gate.js';
import { writeReports } from '../core/render/write-reports.js';
import type { Check, CheckContext } from './check.js';

export interface CheckOutcome {
  evidence: Evidence;
  evidenceFile: string;
}

/**
 * Run one check and write its evidence. Configuration mistakes propagate (exit 2); anything
 * else that goes wrong is recorded as an `error` verdict with its message, so the evidence of
 * a crashed run still exists and says what happened.
 */
export async function runCheck(check: Check, ctx: CheckContext): Promise<CheckOutcome> {
  const started = Date.now();
  let evidence: Evidence;
  try {
    evidence = await check.run(ctx);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    evidence = startEvidence(check.name, ctx.config.target['base-url'], ctx.config.target.name);
    evidence.run.startedAt = new Date(started).toISOString();
    evidence.error = { kind: (err as Error).name ?? 'Error', message: describeCause(err) };
    evidence.summary = `${check.name} did not complete: ${evidence.error.message}`;
    if (process.env.OPSGATE_DEBUG) console.error(err);
  }
  finishEvidence(evidence, started);
  evidence.verdict = evidenceVerdict(evidence, policyFor(ctx.config, check.name));
  const evidenceFile = await writeEvidence(ctx.outDir, evidence);
  await writeReports(ctx.outDir, ctx.config);
  return { evidence, evidenceFile };
}
