/**
 * A guard's promises as thresholds (p95, forbidden nodes, required indexes, cost), each failing
 * one naming the offending plan node; a guard that could not run is a finding saying why.
 */
import type { DbQueryGuard } from '../../core/config/sections/db.js';
import type { Finding, Threshold } from '../../core/evidence/model.js';
import { dbFinding } from './db-finding.js';
import { nodesMatching, planOutline } from './plan-tree.js';
import { grantForDenied } from './privileges.js';
import type { GuardFailure, GuardRun } from './query-guard.js';

const SCAN_WITH_INDEX = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

export function guardThresholds(guard: DbQueryGuard, run: GuardRun): Threshold[] {
  const out: Threshold[] = [];
  const outline = `plan: ${planOutline(run.plan)}`;
  if (guard['max-p95-ms'] !== undefined)
    out.push({
      name: `guard ${guard.name} p95`,
      limit: guard['max-p95-ms'],
      actual: run.p95Ms,
      ok: run.p95Ms <= guard['max-p95-ms'],
      unit: 'ms',
      detail: `p50 ${run.p50Ms} ms over ${run.runs} runs; ${outline}`,
    });
  for (const rule of guard.plan.forbid) {
    const hit = nodesMatching(run.plan, rule);
    out.push({
      name: `guard ${guard.name} plan has no ${rule}`,
      limit: 'absent',
      actual: hit.length ? hit[0]!.label : 'absent',
      ok: hit.length === 0,
      detail: hit.length
        ? `offending node: ${hit[0]!.label} (${hit[0]!.actualRows} rows actual, ${hit[0]!.estimatedRows} estimated); ${outline}`
        : outline,
    });
  }
  for (const index of guard.plan['require-index']) {
    const used = run.plan.nodes.some((n) => n.index === index && SCAN_WITH_INDEX.has(n.type));
    // Name what scanned instead: the node that should have used the index.
    const instead = run.plan.nodes.find((n) => n.type === 'Seq Scan') ?? run.plan.nodes.at(-1);
    out.push({
      name: `guard ${guard.name} uses index ${index}`,
      limit: 'used',
      actual: used ? 'used' : 'not used',
      ok: used,
      detail: used ? outline : `offending node: ${instead?.label ?? 'none'}; ${outline}`,
    });
  }
  if (guard.plan['max-cost'] !== undefined)
    out.push({
      name: `guard ${guard.name} plan cost`,
      limit: guard.plan['max-cost'],
      actual: run.plan.totalCost,
      ok: run.plan.totalCost <= guard.plan['max-cost'],
      detail: `top node ${run.plan.nodes[0]?.label ?? '?'}; ${outline}`,
    });
  return out;
}

/** Why a guard did not run, and what to do about it. */
export function guardFailureFinding(f: GuardFailure, where: string, role: string): Finding {
  const base = { rule: 'db-guard-error', where: `${where} guard ${f.name}` };
  if (f.sqlState === '25006')
    return dbFinding({
      ...base,
      rule: 'db-guard-write-refused',
      severity: 'high',
      title: `guard ${f.name} tried to write: refused by the read-only session`,
      detail: `${f.message}. Query guards run in a read-only transaction that is rolled back; nothing was written.`,
      solution: 'Declare only SELECT statements as query guards.',
    });
  if (f.sqlState === '42501') {
    const grant = grantForDenied(f.message, role);
    return dbFinding({
      ...base,
      rule: 'db-guard-permission-denied',
      severity: 'high',
      title: `guard ${f.name}: role ${role} lacks a privilege`,
      detail: f.message,
      ...(grant ? { solution: grant } : {}),
    });
  }
  if (f.sqlState === '57014')
    return dbFinding({
      ...base,
      severity: 'high',
      title: `guard ${f.name} exceeded the statement timeout`,
      detail: f.message,
      solution: 'Make the query faster, or raise db.statement-timeout if the limit is too tight.',
    });
  return dbFinding({
    ...base,
    severity: 'high',
    title: `guard ${f.name} could not run`,
    detail: `${f.sqlState ? `SQLSTATE ${f.sqlState}: ` : ''}${f.message}`,
    solution: 'Declare one SELECT statement per guard, with one value in params for each $n.',
  });
}
