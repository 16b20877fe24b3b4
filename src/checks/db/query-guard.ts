/**
 * Run a declared query guard: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` R times inside one
 * read-only transaction that is rolled back, and summarise the timings and the plan.
 */
import type { DbQueryGuard } from '../../core/config/sections/db.js';
import {
  OPSGATE_SQL_MARK,
  sqlState,
  type ReadOnlySession,
} from '../../engines/postgres/read-only-session.js';
import { readExplain, type PlanSummary } from './plan-tree.js';

export interface GuardRun {
  name: string;
  runs: number;
  /** Execution time reported by EXPLAIN ANALYZE for each run, ms. */
  executionMs: number[];
  p50Ms: number;
  p95Ms: number;
  planningMs: number;
  plan: PlanSummary;
}

export interface GuardFailure {
  name: string;
  /** SQLSTATE, e.g. 25006 (write refused in a read-only transaction), 42501 (permission denied). */
  sqlState?: string;
  message: string;
}

export type GuardResult = ({ ok: true } & GuardRun) | ({ ok: false } & GuardFailure);

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Percentile of sorted samples with linear interpolation between ranks (numpy's default). */
export function samplePercentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export async function runQueryGuard(
  session: ReadOnlySession,
  guard: DbQueryGuard,
  signal: AbortSignal,
): Promise<GuardResult> {
  const text = `${OPSGATE_SQL_MARK} EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${guard.sql}`;
  try {
    return await session.readOnlyTransaction(async () => {
      const times: number[] = [];
      let planning = 0;
      let last: PlanSummary | undefined;
      for (let i = 0; i < guard.runs && !signal.aborted; i++) {
        const rows = await session.query<{ 'QUERY PLAN': unknown }>(text, guard.params);
        const explain = readExplain(rows[0]?.['QUERY PLAN']);
        times.push(explain.executionMs);
        planning += explain.planningMs;
        last = explain.plan;
      }
      if (!last) throw new Error('aborted before the first run');
      const sorted = [...times].sort((a, b) => a - b);
      return {
        ok: true as const,
        name: guard.name,
        runs: times.length,
        executionMs: times.map(round),
        p50Ms: round(samplePercentile(sorted, 50)),
        p95Ms: round(samplePercentile(sorted, 95)),
        planningMs: round(planning / times.length),
        plan: last,
      };
    });
  } catch (err) {
    const state = sqlState(err);
    return {
      ok: false,
      name: guard.name,
      ...(state ? { sqlState: state } : {}),
      message: (err as Error).message,
    };
  }
}
