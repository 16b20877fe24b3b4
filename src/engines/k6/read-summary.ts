/**
 * Read k6's `handleSummary` JSON (not its console text) into per-endpoint and total stats.
 */
import type { EndpointStats, LatencyStats, PlannedEndpoint } from '../load-plan.js';

interface SummaryMetric {
  type: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

interface SummaryGroup {
  groups?: SummaryGroup[];
  checks?: { name: string; passes: number; fails: number }[];
}

export interface K6Summary {
  state?: { testRunDurationMs?: number };
  metrics: Record<string, SummaryMetric>;
  root_group?: SummaryGroup;
}

function latencyOf(m: SummaryMetric | undefined): LatencyStats {
  const v = m?.values ?? {};
  return {
    avg: v.avg ?? 0,
    min: v.min ?? 0,
    p50: v.med ?? 0,
    p90: v['p(90)'] ?? 0,
    p95: v['p(95)'] ?? 0,
    p99: v['p(99)'] ?? 0,
    max: v.max ?? 0,
  };
}

function allChecks(g: SummaryGroup | undefined): { name: string; fails: number }[] {
  if (!g) return [];
  return [...(g.checks ?? []), ...(g.groups ?? []).flatMap(allChecks)];
}

/** Failures by reason for one endpoint, from checks named `<endpoint> <reason>`. */
function reasonsOf(summary: K6Summary, endpoint: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of allChecks(summary.root_group)) {
    if (c.fails === 0) continue;
    const space = c.name.indexOf(' ');
    if (space < 0) continue;
    const name = c.name.slice(0, space);
    if (endpoint !== undefined && name !== endpoint) continue;
    const reason = c.name.slice(space + 1);
    out[reason] = (out[reason] ?? 0) + c.fails;
  }
  return out;
}

function scopeStats(summary: K6Summary, tag: string, name: string, durationS: number): EndpointStats {
  const values = (metric: string): Record<string, number> =>
    summary.metrics[`${metric}{${tag}}`]?.values ?? {};
  // Attempts are the requests sent plus those that could not be (no session); a Rate counts
  // `true` (failed) samples as passes.
  const unsent = values('opsgate_unsent').count ?? 0;
  const requests = (values('http_reqs').count ?? 0) + unsent;
  const failed = (values('http_req_failed').passes ?? 0) + unsent;
  return {
    name,
    requests,
    failed,
    responses: values('http_req_duration').count ?? 0,
    errorRate: requests ? failed / requests : 0,
    rps: durationS > 0 ? requests / durationS : 0,
    latency: latencyOf(summary.metrics[`http_req_duration{${tag}}`]),
    reasons: reasonsOf(summary, tag === 'kind:endpoint' ? undefined : name),
  };
}

export function statsFromSummary(
  summary: K6Summary,
  endpoints: readonly PlannedEndpoint[],
): { endpoints: EndpointStats[]; total: EndpointStats; durationS: number; crossed: string[] } {
  const durationS = (summary.state?.testRunDurationMs ?? 0) / 1000;
  const crossed: string[] = [];
  for (const [metric, m] of Object.entries(summary.metrics))
    for (const [expr, t] of Object.entries(m.thresholds ?? {})) if (!t.ok) crossed.push(`${metric}: ${expr}`);
  return {
    durationS,
    endpoints: endpoints.map((e) => ({
      ...scopeStats(summary, `endpoint:${e.name}`, e.name, durationS),
      method: e.method,
      path: e.path,
    })),
    total: scopeStats(summary, 'kind:endpoint', 'total', durationS),
    crossed,
  };
}
