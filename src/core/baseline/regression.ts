/**
 * Regression maths for load baselines. Pure functions: a comparison is regressed only when the
 * relative change exceeds the limit AND the absolute change exceeds the noise floor (a 2 ms → 3 ms
 * move is +50 % but means nothing), and, when a statistical test is on, when the current value is
 * also an outlier against the recent history.
 */

export interface RegressionPolicy {
  /** Relative increase that counts as a regression (0.2 = +20 %). */
  limit: number;
  /** Absolute increase (same unit as the metric) below which a change is noise. */
  noiseFloor: number;
  /** Optional outlier test against the last N baseline values. */
  test?: { kind: 'z-score'; zLimit: number };
}

export interface RegressionVerdict {
  baseline: number;
  actual: number;
  /** Relative change, 0.25 = +25 %. */
  change: number;
  regressed: boolean;
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
 * Compare one latency-like metric (higher is worse) with its baseline and, optionally, the
 * history of past baseline values (newest first or any order).
 */
export function judgeRegression(
  baseline: number,
  actual: number,
  policy: RegressionPolicy,
  history: readonly number[] = [],
): RegressionVerdict {
  const change = relativeChange(baseline, actual);
  const delta = actual - baseline;
  const overLimit = change > policy.limit;
  const overFloor = delta > policy.noiseFloor;
  let regressed = overLimit && overFloor;
  const notes: string[] = [];
  if (overLimit && !overFloor)
    notes.push(`+${fmt(delta)} is within the noise floor of ${fmt(policy.noiseFloor)}`);
  if (policy.test?.kind === 'z-score') {
    const z = zScore(actual, history);
    if (z === null) notes.push(`z-score needs ≥ 2 past values (have ${history.length}); not applied`);
    else {
      notes.push(
        `z = ${Number.isFinite(z) ? z.toFixed(2) : z > 0 ? '+∞' : '−∞'} over ${history.length} runs`,
      );
      if (regressed && z <= policy.test.zLimit) {
        regressed = false;
        notes.push(`not an outlier (limit ${policy.test.zLimit})`);
      }
    }
  }
  return { baseline, actual, change, regressed, note: notes.join('; ') };
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}
