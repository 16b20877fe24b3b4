import { describe, expect, it } from 'vitest';
import {
  judgeRegression,
  median,
  relativeChange,
  zScore,
  type RegressionPolicy,
} from '../../../src/core/baseline/regression.js';

const policy: RegressionPolicy = { limit: 0.2, noiseFloor: 5, minRuns: 3 };

describe('regression maths', () => {
  it('computes relative change, including from zero, and the median', () => {
    expect(relativeChange(100, 125)).toBeCloseTo(0.25);
    expect(relativeChange(100, 80)).toBeCloseTo(-0.2);
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(0, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('judges against the median of the runs, so one lucky run is not the yardstick', () => {
    // The first run was lucky (60); the median of the runs is 100, so 118 is no regression.
    const v = judgeRegression([60, 100, 104, 98, 101], 118, policy);
    expect(v.baseline).toBe(100);
    expect(v.regressed).toBe(false);
    expect(v.spread).toBe(44);
  });

  it('needs the relative limit AND the noise floor AND a move beyond the runs’ own spread', () => {
    const calm = [100, 101, 99, 100, 102];
    expect(judgeRegression(calm, 130, policy).regressed).toBe(true); // +30 %, +30 ms, spread 3
    expect(judgeRegression(calm, 120, policy).regressed).toBe(false); // exactly the limit
    const tiny = judgeRegression([2, 2, 2], 4, policy); // +100 % but +2 ms
    expect(tiny.regressed).toBe(false);
    expect(tiny.note).toContain('within the noise floor of 5');
    const noisy = judgeRegression([80, 140, 100], 135, policy); // +35 %, +35 ms, spread 60
    expect(noisy.regressed).toBe(false);
    expect(noisy.note).toContain('within the spread of the 3 baseline runs (60)');
    expect(judgeRegression([80, 140, 100], 161, policy).regressed).toBe(true); // +61 > spread 60
    expect(judgeRegression(calm, 60, policy).regressed).toBe(false); // faster is never a regression
  });

  it('with fewer runs than minRuns the comparison is inconclusive, never a regression', () => {
    const v = judgeRegression([100, 100], 500, policy);
    expect(v.regressed).toBe(false);
    expect(v.inconclusive).toBe('2 accepted baseline runs, 3 needed');
    expect(judgeRegression([100], 500, policy).inconclusive).toBe('1 accepted baseline run, 3 needed');
  });

  it('z-score statistic and the optional outlier test', () => {
    expect(zScore(12, [10, 10, 10])).toBe(Number.POSITIVE_INFINITY);
    expect(zScore(10, [10, 10])).toBe(0);
    expect(zScore(10, [10])).toBeNull();
    expect(zScore(14, [8, 10, 12])).toBeCloseTo(2); // mean 10, sd 2
    const zPolicy: RegressionPolicy = { ...policy, test: { kind: 'z-score', zLimit: 3 } };
    const wide = judgeRegression([100, 110, 90, 105, 95], 125, zPolicy); // over spread 20, z ≈ 3.2
    expect(wide.regressed).toBe(true);
    expect(wide.note).toMatch(/z = 3\.\d+ over 5 runs/);
    const strict: RegressionPolicy = { ...policy, test: { kind: 'z-score', zLimit: 4 } };
    expect(judgeRegression([100, 110, 90, 105, 95], 125, strict).note).toMatch(/not an outlier \(limit 4\)/);
  });
});
