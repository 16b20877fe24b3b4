/**
 * The promises about the target's own metrics, evaluated on the samples of one run: per control a
 * series of points (one per sample), aggregated over the samples taken during and right after the
 * run and compared with the limit. The points go into the evidence so the report can show why.
 */
import type { ServerMetricsConfig, SeriesSelector } from '../../core/config/sections/server-metrics.js';
import type { Threshold } from '../../core/evidence/model.js';
import { selectorKey } from '../../engines/prometheus/scrape.js';
import { round2 } from './evaluate-thresholds.js';
import type { SamplePhase, ServerSample } from './server-sampler.js';

const MB = 1024 * 1024;
type Op = '<' | '<=' | '>' | '>=';
type Aggregate = 'max' | 'avg' | 'last' | 'increase';

export interface ControlPoint {
  phase: SamplePhase;
  atMs: number;
  /** In the control's unit; null when the sample had no value for it. */
  value: number | null;
  /** The scrape itself succeeded (a null value then means the series was absent). */
  readable?: boolean;
}

export interface ServerControl {
  name: string;
  unit?: string;
  op: Op;
  limit: number;
  aggregate: Aggregate;
  actual: number | null;
  ok: boolean;
  detail: string;
  points: ControlPoint[];
}

/** Every series the configured controls read (scrapes keep only these). */
export function selectorsOf(cfg: ServerMetricsConfig): SeriesSelector[] {
  const pool = cfg['db-pool'];
  const list: Array<SeriesSelector | undefined> = [
    cfg.cpu?.metric,
    cfg.memory?.metric,
    pool?.['in-use'],
    pool?.open,
    pool?.idle,
    pool?.size,
    pool?.waiting,
    ...(cfg.series ?? []).map((s) => ({ metric: s.metric, ...(s.labels ? { labels: s.labels } : {}) })),
  ];
  const byKey = new Map(list.filter((s) => s !== undefined).map((s) => [selectorKey(s), s]));
  return [...byKey.values()];
}

const value = (s: ServerSample, sel: SeriesSelector | undefined): number | null =>
  sel === undefined || s.error ? null : (s.values[selectorKey(sel)] ?? null);

/** Points of a gauge, converted to the control's unit. */
function gaugePoints(samples: ServerSample[], read: (s: ServerSample) => number | null): ControlPoint[] {
  return samples.map((s) => ({
    phase: s.phase,
    atMs: s.atMs,
    value: read(s),
    ...(s.error ? {} : { readable: true }),
  }));
}

/** CPU %: the counter's increase between two readable samples over the time between them. */
function cpuPoints(samples: ServerSample[], sel: SeriesSelector, cores: number): ControlPoint[] {
  let prev: { at: number; v: number } | undefined;
  return samples.map((s) => {
    const v = value(s, sel);
    let pct: number | null = null;
    if (v !== null && prev && s.atMs > prev.at && v >= prev.v)
      pct = ((v - prev.v) / ((s.atMs - prev.at) / 1000) / cores) * 100;
    if (v !== null) prev = { at: s.atMs, v };
    return { phase: s.phase, atMs: s.atMs, value: pct === null ? null : round2(pct) };
  });
}

function aggregateOf(points: ControlPoint[], how: Aggregate): { value: number | null; n: number } {
  const run = points.filter((p) => p.phase !== 'before' && p.value !== null).map((p) => p.value!);
  if (!run.length) return { value: null, n: 0 };
  if (how === 'max') return { value: Math.max(...run), n: run.length };
  if (how === 'last') return { value: run[run.length - 1]!, n: run.length };
  if (how === 'avg') return { value: run.reduce((a, b) => a + b, 0) / run.length, n: run.length };
  // A counter the before scrape read without this series had not counted anything yet: 0.
  const before = points.find((p) => p.phase === 'before');
  const start = before?.value ?? (before?.readable ? 0 : run[0]!);
  return { value: run[run.length - 1]! - start, n: run.length };
}

const compare: Record<Op, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function control(
  name: string,
  points: ControlPoint[],
  rule: { op: Op; limit: number; aggregate: Aggregate; unit?: string; what: string },
): ServerControl {
  const agg = aggregateOf(points, rule.aggregate);
  const actual = agg.value === null ? null : round2(agg.value);
  const u = rule.unit === '%' ? '%' : rule.unit ? ` ${rule.unit}` : '';
  const detail =
    actual === null
      ? `no sample during or after the run had ${rule.what}: nothing to compare`
      : `${rule.aggregate} of ${agg.n} samples during and after the run must be ${rule.op} ${rule.limit}${u} (${rule.what})`;
  return {
    name,
    ...(rule.unit ? { unit: rule.unit } : {}),
    op: rule.op,
    limit: rule.limit,
    aggregate: rule.aggregate,
    actual,
    ok: actual !== null && compare[rule.op](actual, rule.limit),
    detail,
    points,
  };
}

/** Display unit of a named series from the Prometheus naming conventions (`_bytes`, `_seconds`). */
function seriesUnit(metric: string): { unit?: string; scale: number } {
  if (/_bytes(_total)?$/.test(metric)) return { unit: 'MB', scale: 1 / MB };
  if (/_seconds(_total)?$/.test(metric)) return { unit: 's', scale: 1 };
  if (/_ratio$/.test(metric)) return { scale: 1 };
  return { scale: 1 };
}

export function evaluateServerControls(cfg: ServerMetricsConfig, samples: ServerSample[]): ServerControl[] {
  const out: ServerControl[] = [];
  if (cfg.cpu) {
    const c = cfg.cpu;
    out.push(
      control(`server cpu ${c.aggregate}`, cpuPoints(samples, c.metric, c.cores), {
        op: '<',
        limit: c.below,
        aggregate: c.aggregate,
        unit: '%',
        what: `${selectorKey(c.metric)} as % of ${c.cores} core${c.cores === 1 ? '' : 's'}`,
      }),
    );
  }
  if (cfg.memory) {
    const m = cfg.memory;
    const points = gaugePoints(samples, (s) => {
      const v = value(s, m.metric);
      return v === null ? null : round2(v / MB);
    });
    out.push(
      control(`server memory ${m.aggregate}`, points, {
        op: '<',
        limit: m['below-mb'],
        aggregate: m.aggregate,
        unit: 'MB',
        what: selectorKey(m.metric),
      }),
    );
  }
  const pool = cfg['db-pool'];
  if (pool) {
    const inUse = (s: ServerSample): number | null => {
      if (pool['in-use']) return value(s, pool['in-use']);
      const open = value(s, pool.open);
      const idle = value(s, pool.idle);
      return open === null || idle === null ? null : open - idle;
    };
    const points = gaugePoints(samples, (s) => {
      const used = inUse(s);
      const size = value(s, pool.size);
      return used === null || size === null || size <= 0 ? null : round2((used / size) * 100);
    });
    const c = control(`server db pool ${pool.aggregate}`, points, {
      op: '<',
      limit: pool.below,
      aggregate: pool.aggregate,
      unit: '%',
      what: `in use (${pool['in-use'] ? selectorKey(pool['in-use']) : `${selectorKey(pool.open!)} − ${selectorKey(pool.idle!)}`}) / ${selectorKey(pool.size)}`,
    });
    const peak = samples.reduce((m, s) => Math.max(m, inUse(s) ?? 0), 0);
    const waiting = pool.waiting
      ? samples.reduce((m, s) => Math.max(m, value(s, pool.waiting) ?? 0), 0)
      : undefined;
    const size = samples.map((s) => value(s, pool.size)).find((v) => v !== null);
    c.detail += `; peak ${peak} of ${size ?? '?'} connections in use${waiting === undefined ? '' : `, up to ${waiting} waiting`}`;
    out.push(c);
  }
  for (const s of cfg.series ?? []) {
    const sel: SeriesSelector = { metric: s.metric, ...(s.labels ? { labels: s.labels } : {}) };
    const { unit, scale } = seriesUnit(s.metric);
    const points = gaugePoints(samples, (x) => {
      const v = value(x, sel);
      return v === null ? null : round2(v * scale);
    });
    out.push(
      control(`server ${s.name ?? s.metric} ${s.aggregate}`, points, {
        op: s.op,
        limit: round2(s.value * scale),
        aggregate: s.aggregate,
        ...(unit ? { unit } : {}),
        what: selectorKey(sel),
      }),
    );
  }
  return out;
}

/** The controls as evidence thresholds (the gate's rows). */
export function serverThresholds(controls: ServerControl[]): Threshold[] {
  return controls.map((c) => ({
    name: c.name,
    limit: c.limit,
    actual: c.actual,
    ok: c.ok,
    ...(c.unit ? { unit: c.unit } : {}),
    detail: c.detail,
  }));
}
