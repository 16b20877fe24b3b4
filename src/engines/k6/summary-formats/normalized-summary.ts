/**
 * One shape for every k6 summary format (handleSummary JSON, `--summary-export` JSON, the
 * machine-readable summary), and the stats opsgate reads from it. Numbers are taken as they are
 * in the file: a statistic the file does not have stays NaN (shown as "—"), never 0.
 */
import type { Threshold } from '../../../core/evidence/model.js';
import type { EndpointStats, LatencyStats } from '../../load-plan.js';

/** A metric with normalised value keys: trends `p(95)`, rates `rate`/`trues`/`total`, counters `count`/`rate`. */
export interface SummaryMetric {
  type?: string;
  values: Record<string, number>;
  /** The script's thresholds on this metric; `ok` = held (whatever the file's own polarity). */
  thresholds: { expression: string; ok: boolean }[];
}

export interface NormalizedSummary {
  format: string;
  tool: { name: string; version: string };
  durationS?: number;
  metrics: Record<string, SummaryMetric>;
  checks: { name: string; passes: number; fails: number }[];
  /** The overall threshold verdict, where a format has it but no per-threshold detail. */
  passed?: boolean;
  setupData?: unknown;
}

/** What a result file (or a user script's run) hands to the load check. */
export interface ResultStats {
  format: string;
  tool: { name: string; version: string };
  durationS: number;
  total: EndpointStats;
  endpoints: EndpointStats[];
  /** Thresholds the tool itself evaluated (the script's own), as controls. */
  toolThresholds: Threshold[];
  /** k6 `dropped_iterations`: the generator could not start iterations when it should have. */
  droppedIterations?: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

function latencyOf(m: SummaryMetric | undefined): LatencyStats {
  const v = m?.values ?? {};
  return {
    avg: num(v.avg),
    min: num(v.min),
    p50: num(v.med),
    p90: num(v['p(90)']),
    p95: num(v['p(95)']),
    p99: num(v['p(99)']),
    max: num(v.max),
  };
}

function scope(s: NormalizedSummary, name: string, selector: string, durationS: number): EndpointStats {
  const m = (base: string): SummaryMetric | undefined => s.metrics[`${base}${selector}`];
  const duration = m('http_req_duration');
  const failedMetric = m('http_req_failed')?.values;
  const requests = m('http_reqs')?.values.count ?? failedMetric?.total ?? duration?.values.count ?? 0;
  const failed = failedMetric?.trues ?? Math.round((failedMetric?.rate ?? 0) * requests);
  const reasons: Record<string, number> = {};
  if (!selector) for (const c of s.checks) if (c.fails > 0) reasons[`check "${c.name}"`] = c.fails;
  return {
    name,
    requests,
    failed,
    responses: duration?.values.count ?? (duration ? requests : 0),
    errorRate: failedMetric?.rate ?? (requests ? failed / requests : 0),
    rps: m('http_reqs')?.values.rate ?? (durationS > 0 ? requests / durationS : 0),
    latency: latencyOf(duration),
    reasons,
  };
}

/** `http_req_duration{name:home}` → `home`; other tags keep their key (`type:login`). */
function endpointSelectors(s: NormalizedSummary): { name: string; selector: string }[] {
  const out: { name: string; selector: string }[] = [];
  for (const key of Object.keys(s.metrics)) {
    const m = /^http_req_duration(\{(.+)\})$/.exec(key);
    if (!m || m[2] === 'expected_response:true') continue;
    const tag = m[2]!;
    out.push({ name: tag.startsWith('name:') ? tag.slice(5) : tag, selector: m[1]! });
  }
  return out;
}

const AGGREGATE = /^\s*(p\(\d+(?:\.\d+)?\)|avg|min|max|med|rate|count|value)\s*(?:[<>=!]=?=?)/;

/** The value a threshold expression is about: `p(95)<500` → the metric's p(95). */
function thresholdActual(expression: string, m: SummaryMetric): number | null {
  const agg = AGGREGATE.exec(expression)?.[1];
  if (!agg) return null;
  const v = m.values[agg];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function toolThresholdsOf(s: NormalizedSummary): Threshold[] {
  const out: Threshold[] = [];
  for (const [metric, m] of Object.entries(s.metrics))
    for (const t of m.thresholds)
      out.push({
        name: `k6 threshold ${metric}: ${t.expression}`,
        limit: t.expression,
        actual: thresholdActual(t.expression, m),
        ok: t.ok,
        ...(m.type === 'trend' || m.values['p(95)'] !== undefined ? { unit: 'ms' } : {}),
        detail: `evaluated by ${s.tool.name} ${s.tool.version} (${s.format})`,
      });
  if (!out.length && s.passed !== undefined)
    out.push({
      name: 'k6 thresholds',
      limit: 'all held',
      actual: s.passed ? 'all held' : 'crossed',
      ok: s.passed,
      detail: `${s.format} carries the overall result only`,
    });
  return out;
}

export function statsFromNormalized(s: NormalizedSummary): ResultStats {
  const reqs = s.metrics.http_reqs?.values;
  const durationS = s.durationS ?? (reqs?.count && reqs.rate ? reqs.count / reqs.rate : Number.NaN);
  const dropped = s.metrics.dropped_iterations?.values.count;
  return {
    format: s.format,
    tool: s.tool,
    durationS,
    total: scope(s, 'total', '', durationS),
    endpoints: endpointSelectors(s).map((e) => scope(s, e.name, e.selector, durationS)),
    toolThresholds: toolThresholdsOf(s),
    ...(dropped !== undefined ? { droppedIterations: dropped } : {}),
  };
}
