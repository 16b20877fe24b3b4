import { describe, expect, it } from 'vitest';
import { controlsOf } from '../../src/core/gate/controls.js';
import { formatQuantity } from '../../src/core/units.js';
import { startEvidence } from '../../src/core/evidence/new-evidence.js';

describe('human units in reports', () => {
  it('quantities read with their units', () => {
    expect(formatQuantity(349.6, 'ms')).toBe('350 ms');
    expect(formatQuantity(900_000, 'ms')).toBe('15 min');
    expect(formatQuantity(1.5, '%')).toBe('1.5%');
    expect(formatQuantity(120.456, 'rps')).toBe('120.46 rps');
    expect(formatQuantity(21, 'days')).toBe('21 days');
    expect(formatQuantity(403)).toBe('403');
  });

  it('RTO/RPO and regression rows carry their units', () => {
    const e = startEvidence('restore', 'http://127.0.0.1:1');
    e.thresholds.push(
      { name: 'time to restore (RTO)', limit: 900_000, actual: 48_213, ok: true, unit: 'ms' },
      { name: 'backup age (RPO)', limit: 86_400_000, actual: 5_400_000, ok: true, unit: 'ms' },
    );
    e.baseline = {
      source: 'main',
      comparisons: [
        { metric: 'p95 dashboard', baseline: 120, actual: 610.2, change: 4.085, limit: 0.2, regressed: true },
      ],
    };
    const rows = controlsOf(e, { failOnSeverity: 'medium', failOnWarn: false });
    expect(rows.map((r) => [r.name, r.expected, r.actual])).toEqual([
      ['time to restore (RTO)', '15 min', '48.2 s'],
      ['backup age (RPO)', '24 h', '1 h 30 min'],
      ['regression p95 dashboard', '≤ +20% vs baseline 120 ms', '610 ms (+409%)'],
    ]);
  });
});
