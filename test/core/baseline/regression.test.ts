import { describe, expect, it } from 'vitest';
import {
  judgeRegression,
  relativeChange,
  zScore,
  type RegressionPolicy,
} from '../../../src/core/baseline/regression.js';

const policy: RegressionPolicy = { limit: 0.2, noiseFloor: 5 };

describe('regression maths', () => {
  it('computes relative change, including from zero', () => {
    expect(relativeChange(100, 125)).toBeCloseTo(0.25);
    expect(relativeChange(100, 80)).toBeCloseTo(-0.2);
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(0, 3)).toBe(Number.POSITIVE_INFINITY);
  });

  it('flags only changes over both the relative limit and the noise floor', () => {
    expect(judgeRegression(100, 130, policy).regressed).toBe(true); // +30 %, +30 ms
    expect(judgeRegression(100, 120, policy).regressed).toBe(false); // exactly the limit
    expect(judgeRegression(100, 119, policy).regressed).toBe(false);
    const tiny = judgeRegression(2, 4, policy); // +100 % but +2 ms
    expect(tiny.regressed).toBe(false);
    expect(tiny.note).toContain('within the noise floor of 5');
    expect(judgeRegression(20, 25.5, policy).regressed).toBe(true); // +27.5 %, +5.5 ms
    expect(judgeRegression(20, 25, policy).regressed).toBe(false); // +5 ms is not above the floor
    expect(judgeRegression(100, 60, policy).regressed).toBe(false); // faster is never a regression
  });

  it('z-score statistic', () => {
    expect(zScore(12, [10, 10, 10])).toBe(Number.POSITIVE_INFINITY);
    expect(zScore(10, [10, 10])).toBe(0);
    expect(zScore(10, [10])).toBeNull();
    expect(zScore(14, [8, 10, 12])).toBeCloseTo(2); // mean 10, sd 2
  });

  it('with the z-score test, a noisy history keeps a big jump from counting as a regression', () => {
    const zPolicy: RegressionPolicy = { ...policy, test: { kind: 'z-score', zLimit: 3 } };
    const noisy = [100, 160, 90, 150, 110];
    const calm = [100, 101, 99, 100, 102];
    const onNoisy = judgeRegression(100, 140, zPolicy, noisy);
    expect(onNoisy.regressed).toBe(false);
    expect(onNoisy.note).toMatch(/not an outlier/);
    const onCalm = judgeRegression(100, 140, zPolicy, calm);
    expect(onCalm.regressed).toBe(true);
    expect(onCalm.note).toMatch(/z = \d+\.\d+ over 5 runs/);
    // Too little history: the test does not block the plain rule.
    expect(judgeRegression(100, 140, zPolicy, [100]).regressed).toBe(true);
  });
});
