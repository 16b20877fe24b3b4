import type { Severity } from '../../core/config/sections/common.js';
import type { Finding } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import { quoteIdent } from '../../engines/postgres/connection.js';

/** A `db` finding whose fingerprint is stable across runs (rule + where it is). */
export function dbFinding(f: {
  rule: string;
  where: string;
  severity: Severity;
  title: string;
  detail: string;
  solution?: string;
}): Finding {
  return {
    fingerprint: fingerprintOf('db', f.rule, f.where),
    severity: f.severity,
    title: f.title,
    detail: f.detail,
    location: f.where,
    ruleId: f.rule,
    ...(f.solution ? { solution: f.solution } : {}),
  };
}

/** `GRANT … TO "role";` with the role quoted, for solutions the operator can paste. */
export function grantTo(what: string, role: string): string {
  return `GRANT ${what} TO ${quoteIdent(role)};`;
}
