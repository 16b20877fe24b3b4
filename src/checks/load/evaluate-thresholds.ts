/**
 * Evaluate the configured promises against measured stats. Done by opsgate for every engine (and
 * again after a shard merge), so thresholds mean the same thing whatever produced the numbers.
 */
import type { Threshold } from '../../core/evidence/model.js';
import type { EndpointStats, LoadPlan, ScopeThresholds } from '../../engines/load-plan.js';

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `dashboard (GET /api/dashboard)` or `total`. */
export function scopeLabel(s: EndpointStats): string {
  return s.method ? `${s.name} (${s.method} ${s.path})` : s.name;
}

/** `login failed (401): 40, status 500: 3` — most frequent first. */
export function describeReasons(reasons: Record<string, number>, max = 4): string {
  const list = Object.entries(reasons).sort((a, b) => b[1] - a[1]);
  const shown = list.slice(0, max).map(([r, n]) => `${r}: ${n}`);
  if (list.length > max) shown.push(`${list.length - max} more`);
  return shown.join(', ');
}

function scopeThresholds(s: EndpointStats, t: ScopeThresholds): Threshold[] {
  const out: Threshold[] = [];
  const label = scopeLabel(s);
  const noResponses = s.responses === 0;
  for (const [key, limit] of [
    ['p95', t.p95],
    ['p99', t.p99],
  ] as const) {
    if (limit === undefined) continue;
    const actual = round2(s.latency[key]);
    const missing = !noResponses && !Number.isFinite(actual);
    out.push({
      name: `${key} ${label}`,
      limit,
      actual: noResponses || missing ? null : actual,
      ok: !noResponses && !missing && actual < limit,
      unit: 'ms',
      ...(noResponses
        ? { detail: 'no responses were measured' }
        : missing
          ? { detail: `the result has no ${key}` }
          : {}),
    });
  }
  if (t.errorRate !== undefined) {
    const reasons = describeReasons(s.reasons);
    out.push({
      name: `error rate ${label}`,
      limit: round2(t.errorRate * 100),
      actual: round2(s.errorRate * 100),
      ok: s.errorRate <= t.errorRate,
      unit: '%',
      detail: `${s.failed} of ${s.requests} failed${reasons ? `: ${reasons}` : ''}`,
    });
  }
  if (t.minRps !== undefined)
    out.push({
      name: `min rps ${label}`,
      limit: t.minRps,
      actual: round2(s.rps),
      ok: s.rps >= t.minRps,
      unit: 'rps',
      detail: `${s.requests} requests`,
    });
  return out;
}

export function evaluateThresholds(
  plan: Pick<LoadPlan, 'thresholds'>,
  total: EndpointStats,
  endpoints: EndpointStats[],
): Threshold[] {
  return [
    ...scopeThresholds(total, plan.thresholds.total),
    ...endpoints.flatMap((e) => scopeThresholds(e, plan.thresholds.endpoints[e.name] ?? {})),
  ];
}
