/**
 * Read an Artillery 2.x JSON report (`artillery run --output report.json`): the `aggregate`
 * counters (`http.requests`, `http.codes.<status>`, `errors.<reason>`), the
 * `http.response_time` summary and, when the metrics-by-endpoint plugin ran (the default in
 * 2.x), per-URL counters and summaries. Errors and 4xx/5xx statuses become failures by reason.
 */
import type { EndpointStats, LatencyStats } from '../load-plan.js';
import type { ResultStats } from '../k6/summary-formats/normalized-summary.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);
const ENDPOINT_PREFIX = 'plugins.metrics-by-endpoint.';

export function looksLikeArtilleryReport(j: unknown): j is { aggregate: Json } {
  return isObject(j) && isObject(j.aggregate) && isObject(j.aggregate.counters);
}

function latencyOf(s: unknown): LatencyStats {
  const v = isObject(s) ? s : {};
  return {
    avg: num(v.mean),
    min: num(v.min),
    p50: num(v.median ?? v.p50),
    p90: num(v.p90),
    p95: num(v.p95),
    p99: num(v.p99),
    max: num(v.max),
  };
}

/** Counters `<codes>NNN` (4xx/5xx) and `<errors><reason>` → failures by reason. */
function failuresOf(
  counters: Record<string, number>,
  codes: string,
  errors: string,
): { failed: number; reasons: Record<string, number> } {
  // Keys come from the file: a null prototype keeps `errors.__proto__` an ordinary reason.
  const reasons: Record<string, number> = Object.create(null) as Record<string, number>;
  let failed = 0;
  for (const [key, n] of Object.entries(counters)) {
    const code = key.startsWith(codes) ? /^(\d{3})$/.exec(key.slice(codes.length))?.[1] : undefined;
    if (code && Number(code) >= 400) reasons[`status ${code}`] = n;
    else if (key.startsWith(errors)) reasons[key.slice(errors.length)] = n;
    else continue;
    failed += n;
  }
  return { failed, reasons };
}

function scope(
  name: string,
  requests: number,
  counters: Record<string, number>,
  keys: { codes: string; errors: string },
  summary: unknown,
  durationS: number,
): EndpointStats {
  const { failed, reasons } = failuresOf(counters, keys.codes, keys.errors);
  const responses = isObject(summary) && typeof summary.count === 'number' ? summary.count : 0;
  return {
    name,
    requests,
    failed,
    responses,
    errorRate: requests ? Math.min(1, failed / requests) : 0,
    rps: durationS > 0 ? requests / durationS : 0,
    latency: latencyOf(summary),
    reasons,
  };
}

export function statsFromArtilleryReport(report: { aggregate: Json }): ResultStats {
  const a = report.aggregate;
  const counters = Object.fromEntries(
    Object.entries(a.counters as Json).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
  const summaries = isObject(a.summaries) ? a.summaries : {};
  const first = num(a.firstCounterAt);
  const last = num(a.lastCounterAt);
  const durationS =
    Number.isFinite(first) && Number.isFinite(last) && last > first ? (last - first) / 1000 : Number.NaN;
  const requests = counters['http.requests'] ?? 0;
  const total = scope(
    'total',
    requests,
    counters,
    { codes: 'http.codes.', errors: 'errors.' },
    summaries['http.response_time'],
    durationS,
  );
  const rates = isObject(a.rates) ? a.rates : {};
  if (typeof rates['http.request_rate'] === 'number') total.rps = rates['http.request_rate'];

  const urls = new Set<string>();
  for (const key of Object.keys(counters)) {
    const m = /^plugins\.metrics-by-endpoint\.(.+)\.(?:codes\.\d{3}|errors\..+)$/.exec(key);
    if (m && !m[1]!.startsWith('response_time.')) urls.add(m[1]!);
  }
  const endpoints = [...urls].map((url) => {
    const prefix = `${ENDPOINT_PREFIX}${url}.`;
    const answered = Object.entries(counters)
      .filter(([k]) => k.startsWith(`${prefix}codes.`))
      .reduce((s, [, n]) => s + n, 0);
    const errors = Object.entries(counters)
      .filter(([k]) => k.startsWith(`${prefix}errors.`))
      .reduce((s, [, n]) => s + n, 0);
    return scope(
      url,
      answered + errors,
      counters,
      { codes: `${prefix}codes.`, errors: `${prefix}errors.` },
      summaries[`${ENDPOINT_PREFIX}response_time.${url}`],
      durationS,
    );
  });
  return {
    format: 'Artillery JSON report',
    tool: { name: 'artillery', version: 'unknown' },
    durationS,
    total,
    endpoints,
    toolThresholds: [],
  };
}
