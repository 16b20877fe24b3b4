/**
 * Regression maths for load baselines. Pure functions. The baseline of a metric is the median
 * of the last K accepted runs, not one run, so one lucky (or unlucky) run does not become the
 * yardstick. A change is a regression only when it is over the relative limit AND over the
 * absolute noise floor AND beyond the spread the baseline runs themselves showed. With fewer
 * runs than `minRuns` the comparison is inconclusive: it can warn, never fail.
 */

export interface RegressionPolicy {
  /** Relative increase that counts as a regression (0.2 = +20 %). */
  limit: number;
  /** Absolute increase (same unit as the metric) below which a change is noise. */
  noiseFloor: number;
  /** Accepted baseline runs needed to judge at all. */
  minRuns: number;
  /** Optional extra outlier test against the baseline runs. */
  test?: { kind: 'z-score'; zLimit: number };
}

export interface RegressionVerdict {
  /** Median of the baseline runs. */
  baseline: number;
  actual: number;
  /** Relative change vs the median, 0.25 = +25 %. */
  change: number;
  /** max − min of the baseline runs: how much the metric moved when nothing changed. */
  spread: number;
  runs: number;
  regressed: boolean;
  /** Why no verdict could be given (too few runs); never a fail. */
  inconclusive?: string;
  note: string;
}

/** Relative change of `actual` vs `baseline`; 0 when both are 0, +Infinity from a zero baseline. */
export function relativeChange(baseline: number, actual: number): number {
  if (baseline === 0) return actual === 0 ? 0 : Number.POSITIVE_INFINITY;
  return (actual - baseline) / baseline;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Sample variance (n − 1). */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

/** How many standard deviations `x` lies above the mean of `history`; null when it cannot say. */
export function zScore(x: number, history: readonly number[]): number | null {
  if (history.length < 2) return null;
  const sd = Math.sqrt(variance(history));
  if (sd === 0)
    return x === mean(history) ? 0 : x > mean(history) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return (x - mean(history)) / sd;
}

/**
 * Judge one latency-like metric (higher is worse) against the values it had in the accepted
 * baseline runs (any order).
 */
export function judgeRegression(
  runs: readonly number[],
  actual: number,
  policy: RegressionPolicy,
): RegressionVerdict {
  const baseline = runs.length ? median(runs) : Number.NaN;
  const spread = runs.length ? Math.max(...runs) - Math.min(...runs) : 0;
  const change = relativeChange(baseline, actual);
  const delta = actual - baseline;
  const base = { baseline, actual, change, spread, runs: runs.length };
  if (runs.length < policy.minRuns)
    return {
      ...base,
      regressed: false,
      inconclusive: `${runs.length} accepted baseline run${runs.length === 1 ? '' : 's'}, ${policy.minRuns} needed`,
      note: '',
    };
  const notes: string[] = [];
  const overLimit = change > policy.limit;
  const overFloor = delta > policy.noiseFloor;
  const overSpread = delta > spread;
  let regressed = overLimit && overFloor && overSpread;
  if (overLimit && !overFloor)
    notes.push(`+${fmt(delta)} is within the noise floor of ${fmt(policy.noiseFloor)}`);
  if (overLimit && overFloor && !overSpread)
    notes.push(`+${fmt(delta)} is within the spread of the ${runs.length} baseline runs (${fmt(spread)})`);
  if (policy.test?.kind === 'z-score') {
    const z = zScore(actual, runs);
    if (z !== null) {
      notes.push(`z = ${Number.isFinite(z) ? z.toFixed(2) : z > 0 ? '+∞' : '−∞'} over ${runs.length} runs`);
      if (regressed && z <= policy.test.zLimit) {
        regressed = false;
        notes.push(`not an outlier (limit ${policy.test.zLimit})`);
      }
    }
  }
  return { ...base, regressed, note: notes.join('; ') };
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}
