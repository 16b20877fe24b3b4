import type { OpsgateConfig } from '../config/schema.js';
import type { Evidence, Verdict } from '../evidence/model.js';
import { controlsOf, verdictOf, type Control, type GatePolicy } from './controls.js';
import { fingerprintOf } from './fingerprint.js';
import { DRILL_ORDER } from '../drill/drill-definition.js';

export interface CheckResult {
  check: string;
  verdict: Verdict;
  summary: string;
  controls: Control[];
  evidence?: Evidence;
}

export interface GateResult {
  verdict: Verdict;
  /** The gate passes on pass/warn (unless fail-on-warn); fails on fail/error or missing evidence. */
  passed: boolean;
  checks: CheckResult[];
}

export function policyFor(config: Pick<OpsgateConfig, 'gate'> | undefined, check: string): GatePolicy {
  const g = config?.gate;
  return {
    failOnSeverity: g?.checks[check]?.['fail-on-severity'] ?? g?.['fail-on-severity'] ?? 'medium',
    failOnWarn: g?.['fail-on-warn'] ?? false,
  };
}

/** Combine every evidence record of a run into one verdict and a per-control table. */
export function runGate(evidence: Evidence[], config?: Pick<OpsgateConfig, 'gate'>): GateResult {
  const ordered = [...evidence].sort((a, b) => drillRank(a.check) - drillRank(b.check));
  const checks: CheckResult[] = ordered.map((e) => {
    const policy = policyFor(config, e.check);
    const controls = controlsOf(e, policy);
    return {
      check: e.check,
      verdict: verdictOf(controls, policy),
      summary: e.summary,
      controls,
      evidence: e,
    };
  });
  for (const name of config?.gate.required ?? []) {
    if (checks.some((c) => c.check === name)) continue;
    checks.push({
      check: name,
      verdict: 'fail',
      summary: 'no evidence',
      controls: [
        {
          check: name,
          fingerprint: fingerprintOf(name, 'missing'),
          name: `${name} evidence present`,
          status: 'fail',
          detail: 'required by gate.required but no evidence file was found',
        },
      ],
    });
  }
  const order: Verdict[] = ['pass', 'warn', 'fail', 'error'];
  let verdict: Verdict = checks.length ? 'pass' : 'error';
  for (const c of checks) if (order.indexOf(c.verdict) > order.indexOf(verdict)) verdict = c.verdict;
  const failOnWarn = config?.gate['fail-on-warn'] ?? false;
  return { verdict, passed: verdict === 'pass' || (verdict === 'warn' && !failOnWarn), checks };
}

/** Reports list checks in the order a drill runs them, so every report reads the same way. */
function drillRank(check: string): number {
  const i = (DRILL_ORDER as string[]).indexOf(check);
  return i < 0 ? DRILL_ORDER.length : i;
}
