import { describe, expect, it } from 'vitest';
import {
  emptyHistogram,
  histogramPercentile,
  mergeHistograms,
  normalizeHistogram,
  recordLatency,
} from '../../../src/core/baseline/latency-histogram.js';

/** Exact nearest-rank percentile of a sorted sample. */
function exact(sorted: number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

/** Deterministic pseudo-random latencies with a long tail (no Math.random: reproducible). */
function latencies(n: number, seed: number): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const u = x / 2 ** 31;
    out.push(0.3 + 20 * u ** 4 + (u > 0.97 ? 400 * u : 0));
  }
  return out;
}

describe('latency histogram', () => {
  it('gives percentiles within ±0.5 % of the exact sample value', () => {
    const xs = latencies(20_000, 7);
    const h = emptyHistogram();
    for (const x of xs) recordLatency(h, x);
    const sorted = [...xs].sort((a, b) => a - b);
    for (const p of [50, 90, 95, 99, 99.9]) {
      const want = exact(sorted, p);
      expect(Math.abs(histogramPercentile(h, p) - want) / want, `p${p}`).toBeLessThanOrEqual(0.005);
    }
    expect(h.count).toBe(20_000);
    expect(histogramPercentile(h, 100)).toBe(sorted.at(-1));
    expect(h.minMs).toBe(sorted[0]);
  });

  it('merging shard histograms equals one histogram of all samples', () => {
    const a = latencies(5000, 1);
    const b = latencies(7000, 2);
    const ha = emptyHistogram();
    const hb = emptyHistogram();
    const all = emptyHistogram();
    for (const x of a) {
      recordLatency(ha, x);
      recordLatency(all, x);
    }
    for (const x of b) {
      recordLatency(hb, x);
      recordLatency(all, x);
    }
    // Through JSON, as shard files travel.
    const merged = mergeHistograms([ha, hb].map((h) => normalizeHistogram(JSON.parse(JSON.stringify(h)))));
    expect(merged.buckets).toEqual(all.buckets);
    expect(merged.count).toBe(all.count);
    expect(merged.sumMs).toBeCloseTo(all.sumMs, 6);
    expect(merged.minMs).toBe(all.minMs);
    expect(merged.maxMs).toBe(all.maxMs);
    for (const p of [50, 95, 99]) expect(histogramPercentile(merged, p)).toBe(histogramPercentile(all, p));
  });

  it('handles empty histograms, also after a JSON round trip', () => {
    const empty = normalizeHistogram(JSON.parse(JSON.stringify(emptyHistogram())));
    expect(histogramPercentile(empty, 95)).toBe(0);
    const h = emptyHistogram();
    recordLatency(h, 12);
    expect(mergeHistograms([empty, h]).minMs).toBe(12);
  });
});
