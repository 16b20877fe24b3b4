/**
 * Parsers for the three JSON summaries k6 writes, each into the normalised summary. The
 * formats differ in ways that silently invert verdicts if confused:
 * - handleSummary JSON (`data` passed to handleSummary, k6 ≥ 0.30): values under `values`,
 *   thresholds `{ "p(95)<500": { ok: true } }` — `ok` means HELD; checks are arrays.
 * - `--summary-export` JSON (legacy): values flat on the metric, thresholds
 *   `{ "p(95)<500": false }` — `true` means CROSSED; groups and checks are objects keyed by name.
 * - machine-readable summary (k6 ≥ 1.x with `--new-machine-readable-summary`): metrics as an
 *   array, trend stats `p90`/`p95`, rates `matches`/`total`, only an overall `passed`.
 */
import type { NormalizedSummary, SummaryMetric } from './normalized-summary.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const numbers = (v: unknown): Record<string, number> =>
  Object.fromEntries(
    Object.entries(isObject(v) ? v : {}).filter(
      (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]),
    ),
  );

// Metric names are keys from the file; a null prototype keeps `__proto__` an ordinary name.
/** Rates count `true` samples as passes (for http_req_failed: the failed requests). */
function normaliseRate(v: Record<string, number>): Record<string, number> {
  const total = v.total ?? (v.passes !== undefined && v.fails !== undefined ? v.passes + v.fails : undefined);
  const rate = v.rate ?? v.value;
  const trues =
    v.matches ??
    v.passes ??
    (rate !== undefined && total !== undefined ? Math.round(rate * total) : undefined);
  const out: Record<string, number> = {};
  if (rate !== undefined) out.rate = rate;
  if (trues !== undefined) out.trues = trues;
  if (total !== undefined) out.total = total;
  return out;
}

function isRate(type: unknown, v: Record<string, number>): boolean {
  return type === 'rate' || (type === undefined && v.passes !== undefined && v.fails !== undefined);
}

/** Checks at any depth: arrays (handleSummary) or objects keyed by name (summary-export). */
function checksIn(group: unknown): { name: string; passes: number; fails: number }[] {
  if (!isObject(group)) return [];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : isObject(v) ? Object.values(v) : []);
  const own = list(group.checks)
    .filter(isObject)
    .map((c) => ({ name: String(c.name ?? ''), passes: Number(c.passes ?? 0), fails: Number(c.fails ?? 0) }));
  return [...own, ...list(group.groups).flatMap(checksIn)];
}

export function looksLikeHandleSummary(j: unknown): j is Json {
  return (
    isObject(j) &&
    isObject(j.metrics) &&
    Object.values(j.metrics).some((m) => isObject(m) && isObject(m.values))
  );
}

export function looksLikeSummaryExport(j: unknown): j is Json {
  return (
    isObject(j) &&
    isObject(j.metrics) &&
    Object.keys(j.metrics).length > 0 &&
    Object.values(j.metrics).every((m) => isObject(m) && !isObject(m.values))
  );
}

export function looksLikeMachineReadable(j: unknown): j is Json {
  return isObject(j) && isObject(j.results) && Array.isArray(j.results.metrics) && isObject(j.metadata);
}

export function parseHandleSummary(j: Json): NormalizedSummary {
  const metrics: Record<string, SummaryMetric> = Object.create(null) as Record<string, SummaryMetric>;
  for (const [name, m] of Object.entries(j.metrics as Json)) {
    if (!isObject(m)) continue;
    const raw = numbers(m.values);
    metrics[name] = {
      type: typeof m.type === 'string' ? m.type : undefined,
      values: isRate(m.type, raw) ? normaliseRate(raw) : raw,
      thresholds: Object.entries(isObject(m.thresholds) ? m.thresholds : {}).map(([expression, t]) => ({
        expression,
        ok: isObject(t) && t.ok === true,
      })),
    };
  }
  const state = isObject(j.state) ? j.state : {};
  const ms = typeof state.testRunDurationMs === 'number' ? state.testRunDurationMs : undefined;
  return {
    format: 'k6 handleSummary JSON',
    tool: { name: 'k6', version: 'unknown' },
    ...(ms !== undefined ? { durationS: ms / 1000 } : {}),
    metrics,
    checks: checksIn(j.root_group),
    setupData: j.setup_data,
  };
}

export function parseSummaryExport(j: Json): NormalizedSummary {
  const metrics: Record<string, SummaryMetric> = Object.create(null) as Record<string, SummaryMetric>;
  for (const [name, m] of Object.entries(j.metrics as Json)) {
    if (!isObject(m)) continue;
    const raw = numbers(m);
    metrics[name] = {
      values: isRate(undefined, raw) ? normaliseRate(raw) : raw,
      // In this format `true` means the threshold was crossed.
      thresholds: Object.entries(isObject(m.thresholds) ? m.thresholds : {}).map(([expression, crossed]) => ({
        expression,
        ok: crossed === false,
      })),
    };
  }
  return {
    format: 'k6 --summary-export JSON',
    tool: { name: 'k6', version: 'unknown' },
    metrics,
    checks: checksIn(j.root_group),
    setupData: j.setup_data,
  };
}

/** `p90` → `p(90)`, `p99.9` → `p(99.9)`; nulls (stats not collected) are dropped. */
function trendKeys(v: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [/^p\d/.test(k) ? `p(${k.slice(1)})` : k, x]));
}

export function parseMachineReadable(j: Json): NormalizedSummary {
  const results = j.results as Json;
  const metrics: Record<string, SummaryMetric> = Object.create(null) as Record<string, SummaryMetric>;
  for (const m of results.metrics as unknown[]) {
    if (!isObject(m) || typeof m.name !== 'string') continue;
    const raw = numbers(m.values);
    metrics[m.name] = {
      type: typeof m.type === 'string' ? m.type : undefined,
      values: m.type === 'rate' ? normaliseRate(raw) : m.type === 'trend' ? trendKeys(raw) : raw,
      thresholds: [],
    };
  }
  const checks = isObject(results.checks) ? results.checks : {};
  const list = Array.isArray(checks.results)
    ? checks.results
    : Array.isArray(checks.orderedChecks)
      ? checks.orderedChecks
      : [];
  const meta = j.metadata as Json;
  const version = meta.k6_version ?? meta.k6Version;
  const config = isObject(j.config) ? j.config : {};
  return {
    format: `k6 machine-readable summary ${typeof j.version === 'string' ? j.version : ''}`.trim(),
    tool: { name: 'k6', version: typeof version === 'string' ? version : 'unknown' },
    ...(typeof config.duration === 'number' ? { durationS: config.duration } : {}),
    metrics,
    checks: checksIn({ checks: list }),
    ...(typeof results.passed === 'boolean' ? { passed: results.passed } : {}),
  };
}
