/**
 * Guards compared with the last passing `db` run in the evidence store: a p95 that grew beyond
 * limit + noise floor + the baseline's own spread is a regression, and a table that was read
 * through an index and is now scanned sequentially is a plan-change finding, like load regressions.
 */
import { judgeRegression } from '../../core/baseline/regression.js';
import type { DbConfig } from '../../core/config/sections/db.js';
import type { Comparison, Evidence, Finding } from '../../core/evidence/model.js';
import type { EvidenceStore, StoredEvidence } from '../../core/store/evidence-store.js';
import { dbFinding } from './db-finding.js';
import type { PlanNode } from './plan-tree.js';

/** What each guard leaves in evidence.data.guards (and what the next run compares with). */
export interface StoredGuard {
  name: string;
  sql: string;
  ok: boolean;
  p50Ms?: number;
  p95Ms?: number;
  nodes?: Pick<PlanNode, 'label' | 'type' | 'relation' | 'index'>[];
}

const INDEXED = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan', 'Bitmap Index Scan']);

function guardsOf(e: Evidence): StoredGuard[] {
  const g = (e.data as { guards?: unknown } | undefined)?.guards;
  return Array.isArray(g) ? (g as StoredGuard[]) : [];
}

/** The newest stored db run that passed and measured guards. */
export async function latestPassingDbRun(store: EvidenceStore): Promise<StoredEvidence | undefined> {
  const runs = await store.list('db', { limit: 20 });
  return runs.find(
    (s) =>
      (s.evidence.verdict === 'pass' || s.evidence.verdict === 'warn') &&
      !s.evidence.error &&
      guardsOf(s.evidence).length > 0,
  );
}

export interface PlanComparison {
  comparisons: Comparison[];
  findings: Finding[];
}

export function compareGuardsWithBaseline(
  current: StoredGuard[],
  baseline: Evidence,
  cfg: DbConfig,
  where: string,
): PlanComparison {
  const before = new Map(guardsOf(baseline).map((g) => [g.name, g]));
  const comparisons: Comparison[] = [];
  const findings: Finding[] = [];
  for (const now of current) {
    const then = before.get(now.name);
    // A changed statement is a different guard: comparing its plan would be noise.
    if (!then?.ok || !now.ok || then.sql !== now.sql) continue;
    if (then.p95Ms !== undefined && now.p95Ms !== undefined) {
      const spread = Math.max(0, then.p95Ms - (then.p50Ms ?? then.p95Ms));
      const floor = cfg.regression['noise-floor-ms'] + spread;
      // One baseline run: its p50..p95 spread is folded into the floor.
      const v = judgeRegression([then.p95Ms], now.p95Ms, {
        limit: cfg.regression.limit,
        noiseFloor: floor,
        minRuns: 1,
      });
      comparisons.push({
        metric: `p95 guard ${now.name}`,
        baseline: v.baseline,
        actual: v.actual,
        change: Number.isFinite(v.change) ? Math.round(v.change * 10000) / 10000 : 999,
        limit: cfg.regression.limit,
        regressed: v.regressed,
        note: v.note || `noise floor ${Math.round(floor * 100) / 100} ms (floor + baseline spread)`,
      });
    }
    findings.push(...lostIndexScans(now, then, where));
  }
  return { comparisons, findings };
}

/** Relations read through an index in the baseline and only sequentially now. */
function lostIndexScans(now: StoredGuard, then: StoredGuard, where: string): Finding[] {
  const out: Finding[] = [];
  const byRelation = (nodes: StoredGuard['nodes'] = []) => {
    const m = new Map<string, { indexed?: string; seq?: string }>();
    for (const n of nodes) {
      if (!n.relation) continue;
      const e = m.get(n.relation) ?? {};
      if (INDEXED.has(n.type)) e.indexed ??= n.label;
      if (n.type === 'Seq Scan') e.seq ??= n.label;
      m.set(n.relation, e);
    }
    return m;
  };
  const nowRel = byRelation(now.nodes);
  for (const [relation, was] of byRelation(then.nodes)) {
    const is = nowRel.get(relation);
    if (!was.indexed || was.seq || !is?.seq || is.indexed) continue;
    out.push(
      dbFinding({
        rule: 'db-plan-change',
        where: `${where} guard ${now.name} ${relation}`,
        severity: 'high',
        title: `guard ${now.name}: plan changed from ${was.indexed} to ${is.seq}`,
        detail: `The baseline read ${relation} through an index (${was.indexed}); this run scans it sequentially (${is.seq}). A dropped or invalid index, or changed statistics, is the usual cause.`,
        solution: `Check the indexes on ${relation} (\\d ${relation}): recreate the missing one, or ANALYZE ${relation} if the statistics are stale.`,
      }),
    );
  }
  return out;
}
