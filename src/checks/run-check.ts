import { ConfigError, describeCause } from '../core/errors.js';
import type { OpsgateConfig } from '../core/config/schema.js';
import type { Evidence } from '../core/evidence/model.js';
import { finishEvidence, startEvidence } from '../core/evidence/new-evidence.js';
import { writeEvidence } from '../core/evidence/store-files.js';
import { evidenceVerdict } from '../core/gate/controls.js';
import { policyFor } from '../core/gate/gate.js';
import { writeReports } from '../core/render/write-reports.js';
import { withLedger, type LedgerScope } from '../engines/http/request-ledger.js';
import type { Check, CheckContext } from './check.js';
import { progressHeartbeat } from './progress.js';

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
  const heartbeat = progressHeartbeat(ctx.log, check.name);
  const deferred: (() => Promise<void>)[] = [];
  let evidence: Evidence;
  let ledger: LedgerScope | undefined;
  try {
    // Every request the check sends is counted in the out dir's ledger, shared by the whole run.
    evidence = await withLedger(ctx.outDir, check.name, (scope) => {
      ledger = scope;
      return check.run({
        ...ctx,
        log: heartbeat.log,
        afterEvidence: (record) => void deferred.push(record),
      });
    });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    evidence = startEvidence(check.name, ctx.config.target['base-url'], ctx.config.target.name);
    evidence.run.startedAt = new Date(started).toISOString();
    evidence.error = { kind: (err as Error).name ?? 'Error', message: describeCause(err) };
    evidence.summary = `${check.name} did not complete: ${evidence.error.message}`;
    if (process.env.OPSGATE_DEBUG) console.error(err);
  } finally {
    heartbeat.stop();
  }
  for (const [host, n] of ledger?.sent ?? []) evidence.metrics[`requests sent to ${host}`] = n;
  finishEvidence(evidence, started);
  evidence.verdict = evidenceVerdict(evidence, policyFor(ctx.config, check.name));
  const evidenceFile = await writeEvidence(ctx.outDir, evidence);
  for (const record of deferred) await record();
  // The reports of one check say what this run of it found, never older evidence of other
  // checks or targets left in the out dir (`opsgate gate` combines those on purpose).
  await writeReports(ctx.outDir, singleCheckPolicy(ctx.config), [evidence]);
  return { evidence, evidenceFile };
}

/** The gate policy for one check on its own: `gate.required` is the combined gate's business. */
export function singleCheckPolicy(config: Pick<OpsgateConfig, 'gate'>): Pick<OpsgateConfig, 'gate'> {
  return { gate: { ...config.gate, required: [] } };
}
