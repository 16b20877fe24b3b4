import { cell } from '../../core/render/markdown.js';
import type { EndpointStats } from '../../engines/load-plan.js';
import { describeReasons, round2 } from './evaluate-thresholds.js';

/** Flat metrics for Evidence: `total.p95_ms`, `endpoint.dashboard.rps`, … */
export function flatMetrics(total: EndpointStats, endpoints: EndpointStats[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of [total, ...endpoints]) {
    const prefix = s === total ? 'total' : `endpoint.${s.name}`;
    out[`${prefix}.requests`] = s.requests;
    out[`${prefix}.failed`] = s.failed;
    out[`${prefix}.error_rate`] = round2(s.errorRate * 10000) / 10000;
    out[`${prefix}.rps`] = round2(s.rps);
    for (const k of ['avg', 'p50', 'p90', 'p95', 'p99', 'max'] as const)
      out[`${prefix}.${k}_ms`] = round2(s.latency[k]);
  }
  // A statistic a result file did not have is absent, not 0.
  return Object.fromEntries(Object.entries(out).filter(([, v]) => Number.isFinite(v)));
}

/** Per-endpoint results table for the report. */
export function resultsTable(total: EndpointStats, endpoints: EndpointStats[]): string {
  const rows = [
    '| Endpoint | Requests | RPS | p50 | p90 | p95 | p99 | max | Errors | Failures by reason |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  const n = (v: number): string => (Number.isFinite(v) ? String(round2(v)) : '—');
  for (const s of [...endpoints, total]) {
    const name = s === total ? '**total**' : s.method ? `${s.name} \`${s.method} ${s.path}\`` : s.name;
    const l = s.latency;
    rows.push(
      `| ${cell(name)} | ${s.requests} | ${n(s.rps)} | ${n(l.p50)} | ${n(l.p90)} | ${n(l.p95)} | ${n(l.p99)} | ${n(l.max)} | ${n(s.errorRate * 100)}% | ${cell(describeReasons(s.reasons, 6)) || '—'} |`,
    );
  }
  rows.push('', 'Latencies in ms.');
  return rows.join('\n');
}
