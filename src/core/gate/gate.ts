import type { OpsgateConfig } from '../config/schema.js';
import type { Evidence, Verdict } from '../evidence/model.js';
import { controlsOf, evidenceVerdict, type Control, type GatePolicy } from './controls.js';
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
  /**
   * The gate does not fail: pass, warn (unless fail-on-warn) or skip. A skipped check is not a
   * pass (the verdict says `skip` and the report says which check did not run and why), but it
   * does not fail the gate unless `gate.required` names it.
   */
  passed: boolean;
  checks: CheckResult[];
  /** Checks that did not look, with the reason they gave (optional: absent means none). */
  skipped?: { check: string; reason: string }[];
}

/** Gate verdicts from best to worst: a skip outranks a pass (it is not one) and nothing else. */
export const VERDICT_ORDER: readonly Verdict[] = ['pass', 'skip', 'warn', 'fail', 'error'];

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
      verdict: evidenceVerdict(e, policy),
      summary: e.summary,
      controls,
      evidence: e,
    };
  });
  for (const name of config?.gate.required ?? []) {
    const present = checks.find((c) => c.check === name);
    if (present?.verdict === 'skip') {
      // Required means the promise must be measured: a check that did not look fails the gate.
      present.verdict = 'fail';
      present.controls.push({
        check: name,
        fingerprint: fingerprintOf(name, 'required-skipped'),
        name: `${name} ran (gate.required)`,
        status: 'fail',
        detail: `required by gate.required but skipped: ${skipReason(present)}`,
      });
    }
    if (present) continue;
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
  let verdict: Verdict = checks.length ? 'pass' : 'error';
  for (const c of checks)
    if (VERDICT_ORDER.indexOf(c.verdict) > VERDICT_ORDER.indexOf(verdict)) verdict = c.verdict;
  const failOnWarn = config?.gate['fail-on-warn'] ?? false;
  const skipped = checks
    .filter((c) => c.verdict === 'skip')
    .map((c) => ({ check: c.check, reason: skipReason(c) }));
  return {
    verdict,
    passed: verdict === 'pass' || verdict === 'skip' || (verdict === 'warn' && !failOnWarn),
    checks,
    skipped,
  };
}

/** Why a check skipped: its first skipped control, else its summary. */
export function skipReason(c: Pick<CheckResult, 'controls' | 'summary' | 'evidence'>): string {
  return c.evidence?.skipped?.reason ?? c.controls.find((r) => r.status === 'skip')?.detail ?? c.summary;
}

/** Reports list checks in the order a drill runs them, so every report reads the same way. */
function drillRank(check: string): number {
  const i = (DRILL_ORDER as string[]).indexOf(check);
  return i < 0 ? DRILL_ORDER.length : i;
}
