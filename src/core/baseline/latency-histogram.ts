/**
 * A compact, mergeable latency histogram. Shards of a load run each keep one per endpoint; merged
 * histograms give percentiles of the whole run without shipping every sample.
 *
 * Buckets grow geometrically by `GROWTH` (1 %), starting at `MIN_MS`. A percentile is reported as
 * the geometric middle of its bucket, clamped to the exact min/max, so its relative error is at
 * most ±0.5 % of the true sample value (plus the usual rank ambiguity between neighbouring samples).
 */

export const HISTOGRAM_GROWTH = 1.01;
const MIN_MS = 0.001;
const LOG_GROWTH = Math.log(HISTOGRAM_GROWTH);

/** Serializable histogram: bucket index → count, plus exact count/sum/min/max. */
export interface LatencyHistogram {
  count: number;
  sumMs: number;
  minMs: number;
  maxMs: number;
  buckets: Record<string, number>;
}

export function emptyHistogram(): LatencyHistogram {
  return { count: 0, sumMs: 0, minMs: Number.POSITIVE_INFINITY, maxMs: 0, buckets: {} };
}

function bucketOf(ms: number): number {
  return ms <= MIN_MS ? 0 : Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH) + 1;
}

function bucketMiddle(index: number): number {
  if (index === 0) return MIN_MS;
  const low = MIN_MS * HISTOGRAM_GROWTH ** (index - 1);
  return low * Math.sqrt(HISTOGRAM_GROWTH);
}

/** Record one sample (milliseconds). */
export function recordLatency(h: LatencyHistogram, ms: number): void {
  const b = String(bucketOf(ms));
  h.buckets[b] = (h.buckets[b] ?? 0) + 1;
  h.count++;
  h.sumMs += ms;
  if (ms < h.minMs) h.minMs = ms;
  if (ms > h.maxMs) h.maxMs = ms;
}

/** Sum of histograms: exact for count, sum, min and max; bucket-exact for percentiles. */
export function mergeHistograms(list: readonly LatencyHistogram[]): LatencyHistogram {
  const out = emptyHistogram();
  for (const h of list) {
    out.count += h.count;
    out.sumMs += h.sumMs;
    if (h.count > 0) {
      out.minMs = Math.min(out.minMs, h.minMs);
      out.maxMs = Math.max(out.maxMs, h.maxMs);
    }
    for (const [b, n] of Object.entries(h.buckets)) out.buckets[b] = (out.buckets[b] ?? 0) + n;
  }
  return out;
}

/** Percentile `p` (0–100) by nearest rank; 0 for an empty histogram. */
export function histogramPercentile(h: LatencyHistogram, p: number): number {
  if (h.count === 0) return 0;
  if (p >= 100) return h.maxMs;
  const rank = Math.max(1, Math.ceil((p / 100) * h.count));
  const indexes = Object.keys(h.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const i of indexes) {
    seen += h.buckets[String(i)]!;
    if (seen >= rank) return Math.min(h.maxMs, Math.max(h.minMs, bucketMiddle(i)));
  }
  return h.maxMs;
}

/** JSON turns Infinity into null; restore an empty histogram's min after reading one back. */
export function normalizeHistogram(h: LatencyHistogram): LatencyHistogram {
  return { ...h, minMs: h.count === 0 || h.minMs === null ? Number.POSITIVE_INFINITY : h.minMs };
}
