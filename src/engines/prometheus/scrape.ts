/**
 * One scrape of the target's Prometheus endpoint, sent like every other request: through the
 * request policy (origin-relative path, allow-listed host, no redirects followed, credentials only
 * to the target) by the shared target client, bounded in time and size. Anything that goes wrong
 * is the sample's error, never the run's: a scrape is evidence about the target, not a step of it.
 */
import type { SeriesSelector } from '../../core/config/sections/server-metrics.js';
import { requestFailureReason } from '../http/request-failure.js';
import { LoginFailedError, type TargetClient } from '../http/sessions.js';
import { parseExposition, type Series } from './parse-exposition.js';

export interface ScrapeOptions {
  identity: string;
  path: string;
  timeoutMs: number;
  maxBytes: number;
}

export interface Scrape {
  /** How long the scrape took (ms). */
  ms: number;
  status?: number;
  bytes?: number;
  /** Why this sample has no values; the other samples of the run keep theirs. */
  error?: string;
  /** Series in the answer. */
  seriesCount?: number;
  /** Lines that were not exposition text, and the first few of them (untrusted). */
  rejected?: number;
  rejectedExamples?: string[];
  /** Per selector key: the sum of the matching series, or null when none matched. */
  values: Record<string, number | null>;
  /** Per selector key: how many series were summed (when not exactly one). */
  matched?: Record<string, number>;
}

/** `db_pool_open_connections{pool="main"}`: the key a selector's values are stored under. */
export function selectorKey(s: SeriesSelector): string {
  if (typeof s === 'string') return s;
  const labels = Object.entries(s.labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return labels.length
    ? `${s.metric}{${labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`
    : s.metric;
}

function pick(series: Series[], selectors: SeriesSelector[]): Pick<Scrape, 'values' | 'matched'> {
  const byName = new Map<string, Series[]>();
  for (const s of series) {
    const list = byName.get(s.name);
    if (list) list.push(s);
    else byName.set(s.name, [s]);
  }
  const values: Record<string, number | null> = {};
  const matched: Record<string, number> = {};
  for (const sel of selectors) {
    const metric = typeof sel === 'string' ? sel : sel.metric;
    const want = Object.entries(typeof sel === 'string' ? {} : (sel.labels ?? {}));
    const hits = (byName.get(metric) ?? []).filter((s) => want.every(([k, v]) => s.labels[k] === v));
    const finite = hits.filter((s) => Number.isFinite(s.value));
    const key = selectorKey(sel);
    values[key] = finite.length ? finite.reduce((sum, s) => sum + s.value, 0) : null;
    if (hits.length !== 1) matched[key] = hits.length;
  }
  return { values, ...(Object.keys(matched).length ? { matched } : {}) };
}

function failed(started: number, error: string, status?: number): Scrape {
  return { ms: Math.round(performance.now() - started), ...(status ? { status } : {}), error, values: {} };
}

export async function scrapeMetrics(
  client: TargetClient,
  opts: ScrapeOptions,
  selectors: SeriesSelector[],
): Promise<Scrape> {
  const started = performance.now();
  let res;
  try {
    res = await client.send(
      opts.identity,
      {
        method: 'GET',
        path: opts.path,
        headers: { accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1' },
        timeoutMs: opts.timeoutMs,
        maxBodyBytes: opts.maxBytes,
      },
      { retryOn401: false },
    );
  } catch (err) {
    const reason = err instanceof LoginFailedError ? err.message : requestFailureReason(err);
    if (reason === undefined) throw err;
    return failed(started, reason);
  }
  if (res.timedOut) return failed(started, `no answer within ${opts.timeoutMs} ms`);
  if (res.tooLarge) return failed(started, `answer larger than ${opts.maxBytes} bytes: not read`, res.status);
  if (res.status >= 300 && res.status < 400)
    return failed(
      started,
      `answered ${res.status} to ${(res.headers.get('location') ?? '').slice(0, 200) || 'nowhere'} (redirects are not followed)`,
      res.status,
    );
  if (res.status !== 200) return failed(started, `answered ${res.status}`, res.status);
  const parsed = parseExposition(res.text);
  const base = {
    ms: Math.round(performance.now() - started),
    status: res.status,
    bytes: Buffer.byteLength(res.text),
    seriesCount: parsed.series.length,
    ...(parsed.rejected ? { rejected: parsed.rejected, rejectedExamples: parsed.rejectedExamples } : {}),
  };
  if (!parsed.series.length)
    return { ...base, error: 'no samples in the Prometheus text format', values: {} };
  return { ...base, ...pick(parsed.series, selectors) };
}
