import type { Severity } from '../../core/config/sections/common.js';
import type { Finding } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';

/** The parts of a headers finding; expected vs seen always go into the detail. */
export interface HeaderProblem {
  /** Stable rule key, e.g. `csp`, `banner:x-powered-by`, `cookie-secure:session`. */
  rule: string;
  /** Path for page rules, `host:port` for TLS: the place part of the fingerprint. */
  place: string;
  severity: Severity;
  title: string;
  /** The title without the place, when the title names it: what reports group pages by. */
  problem?: string;
  expected: string;
  seen: string;
  location: string;
  solution?: string;
  references?: string[];
}

/** The scope of a page (its path) or TLS endpoint (`host:port`): see Evidence.coverage. */
export function headersScope(place: string): string {
  return `place:${place}`;
}

/** Build a finding whose fingerprint stays the same while the same rule fails in the same place. */
export function headerFinding(p: HeaderProblem): Finding {
  return {
    fingerprint: fingerprintOf('headers', p.rule, p.place),
    scope: headersScope(p.place),
    severity: p.severity,
    title: p.title,
    detail: `expected: ${p.expected}; seen: ${p.seen}`,
    location: p.location,
    ruleId: `headers.${p.rule.split(':')[0]}`,
    problem: p.problem ?? p.title,
    place: p.place,
    expected: p.expected,
    observed: p.seen,
    ...(p.solution ? { solution: p.solution } : {}),
    ...(p.references ? { references: p.references } : {}),
  };
}
