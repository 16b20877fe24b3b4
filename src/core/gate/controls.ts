import type { Severity } from '../config/sections/common.js';
import type { Evidence, Finding, Threshold, Verdict } from '../evidence/model.js';
import { formatDuration } from '../render/format-duration.js';
import { formatQuantity } from '../units.js';
import { fingerprintOf } from './fingerprint.js';

/** One row of the per-control table: the unit that passes or fails, and that issues are opened for. */
export interface Control {
  check: string;
  fingerprint: string;
  name: string;
  status: 'pass' | 'warn' | 'fail' | 'error' | 'skip' | 'suppressed' | 'info';
  expected?: string;
  actual?: string;
  detail?: string;
  severity?: Severity;
  /** The finding's scope (see Finding.scope): lets a later run that covered it close the issue. */
  scope?: string;
  /** Finding.problem and Finding.place: reports show one row per problem listing its places. */
  problem?: string;
  place?: string;
  /** What to do about it (Finding.solution). */
  solution?: string;
}

export interface GatePolicy {
  failOnSeverity: Severity;
  failOnWarn: boolean;
}

const rank: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function severityAtLeast(s: Severity, min: Severity): boolean {
  return rank[s] >= rank[min];
}

/** Derive the controls of one evidence record under a policy. Used by checks and the gate alike. */
/** A threshold nobody measured (`skipped`) is a skip, never a pass. */
export function thresholdStatus(t: Threshold): 'skip' | 'pass' | 'fail' {
  return t.skipped ? 'skip' : t.ok ? 'pass' : 'fail';
}

export function controlsOf(e: Evidence, policy: GatePolicy): Control[] {
  const rows: Control[] = [];
  if (e.error) {
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, 'error'),
      name: `${e.check} ran to completion`,
      status: 'error',
      detail: e.error.message,
    });
  }
  for (const t of e.thresholds) {
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, 'threshold', t.name),
      name: t.name,
      status: thresholdStatus(t),
      expected: typeof t.limit === 'number' ? formatQuantity(t.limit, t.unit) : String(t.limit),
      actual:
        t.actual === null
          ? '—'
          : typeof t.actual === 'number'
            ? formatQuantity(t.actual, t.unit)
            : String(t.actual),
      detail: t.skipped ?? t.detail,
    });
  }
  if (e.baseline?.inconclusive)
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, 'regression', 'baseline'),
      name: 'regression vs baseline',
      status: 'warn',
      actual: 'inconclusive',
      detail: e.baseline.inconclusive,
    });
  for (const c of e.baseline?.comparisons ?? []) {
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, 'regression', c.metric),
      name: `regression ${c.metric}`,
      status: c.regressed ? 'fail' : c.inconclusive ? 'warn' : 'pass',
      // Regression metrics are latency percentiles, in ms.
      expected: `≤ +${Math.round(c.limit * 100)}% vs baseline ${formatDuration(c.baseline)}`,
      actual: `${formatDuration(c.actual)} (${c.change >= 0 ? '+' : ''}${Math.round(c.change * 100)}%)`,
      detail: c.inconclusive ? `inconclusive: ${c.inconclusive}` : c.note,
    });
  }
  for (const f of e.findings) {
    const status: Control['status'] = f.suppressed
      ? 'suppressed'
      : severityAtLeast(f.severity, policy.failOnSeverity)
        ? 'fail'
        : f.severity === 'info'
          ? 'info'
          : 'warn';
    rows.push({
      check: e.check,
      fingerprint: f.fingerprint,
      name: f.title,
      status,
      severity: f.severity,
      // A finding that says what it saw shows that as the actual value, and where it asked as detail.
      ...(f.observed !== undefined
        ? { expected: f.expected, actual: f.observed, detail: suppressedOr(f, f.location) }
        : { actual: f.location, detail: suppressedOr(f, f.detail) }),
      ...(f.scope ? { scope: f.scope } : {}),
      ...(f.problem ? { problem: f.problem } : {}),
      ...(f.place ? { place: f.place } : {}),
      ...(f.solution ? { solution: f.solution } : {}),
    });
  }
  return rows;
}

function suppressedOr(f: Finding, detail: string | undefined): string | undefined {
  return f.suppressed ? `suppressed: ${f.suppressed.reason}` : detail;
}

export function verdictOf(rows: Control[], policy: GatePolicy): Verdict {
  if (rows.some((r) => r.status === 'error')) return 'error';
  if (rows.some((r) => r.status === 'fail')) return 'fail';
  if (rows.some((r) => r.status === 'warn')) return policy.failOnWarn ? 'fail' : 'warn';
  return 'pass';
}

/**
 * The verdict of one evidence record: its controls' verdict, except that a check which says it
 * did not look (`skipped`, e.g. no scan engine) is `skip` rather than a pass nobody measured.
 */
export function evidenceVerdict(e: Evidence, policy: GatePolicy): Verdict {
  const v = verdictOf(controlsOf(e, policy), policy);
  return e.skipped && v === 'pass' ? 'skip' : v;
}
