import type { Severity } from '../../core/config/sections/common.js';
import type { DastSuppression, ZapRisk } from '../../core/config/sections/dast.js';
import { ConfigError } from '../../core/errors.js';
import type { Finding } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import { justificationOf, type ZapRuleLine } from '../../engines/zap/rules-tsv.js';
import { findingOf, RISK_SEVERITY, type AlertGroup } from './zap-findings.js';

const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
const rank = (s: Severity): number => order.indexOf(s);

export interface ImportedRules {
  file: string;
  owner: string;
  expires: string;
  lines: ZapRuleLine[];
}

export interface DastPolicy {
  /** `dast.fail-on`: the lowest ZAP risk that fails. */
  failOn: ZapRisk;
  /** The gate's effective severity for dast (`policyFor(config, 'dast')`). */
  gateSeverity: Severity;
  suppressions: DastSuppression[];
  rules?: ImportedRules;
  /** Today as YYYY-MM-DD (UTC); suppressions expire after their `expires` day. */
  today: string;
}

/**
 * `dast.fail-on` and the gate must agree: alerts at or above fail-on keep their ZAP severity (which
 * is then at or above the gate's severity, so they fail); alerts below it are reported one step
 * under the gate's severity at most, so they warn. A fail-on below the gate's severity could never
 * take effect without inventing severities, so it is a configuration error naming both keys.
 * A gate at `critical` is the exception: nothing ZAP reports can reach it, so dast only warns.
 */
export function assertFailOnConsistent(failOn: ZapRisk, gateSeverity: Severity): void {
  // A gate at `critical` means the user chose that nothing below critical fails; ZAP has no
  // critical risk, so dast then only warns, whatever fail-on says.
  if (gateSeverity === 'critical') return;
  if (rank(failOn) < rank(gateSeverity) || (gateSeverity === 'info' && failOn !== 'info')) {
    throw new ConfigError([
      {
        path: 'dast.fail-on',
        message: `fail-on "${failOn}" is below the gate's severity for dast ("${gateSeverity}"); set gate.checks.dast.fail-on-severity: ${failOn} as well`,
      },
    ]);
  }
}

/** Findings of all groups under the policy, plus findings about expired/unused suppressions. */
export function applyDastPolicy(groups: AlertGroup[], p: DastPolicy): Finding[] {
  assertFailOnConsistent(p.failOn, p.gateSeverity);
  const below = order[rank(p.gateSeverity) - 1] ?? 'info';
  const rulesExpired = p.rules ? p.today > p.rules.expires : false;
  const used = new Set<DastSuppression>();
  const findings: Finding[] = [];

  for (const g of groups) {
    const real = RISK_SEVERITY[g.alert.risk]!;
    const notes: string[] = [];
    let severity: Severity = rank(real) >= rank(p.failOn) ? real : minSeverity(real, below);
    if (severity !== real) notes.push(`Reported as ${severity}: below dast.fail-on (${p.failOn}).`);
    let suppressed: Finding['suppressed'];

    const level = p.rules?.lines.find((l) => l.level !== 'OUTOFSCOPE' && l.rules.includes(g.alert.pluginId));
    if (level && p.rules) {
      const where = `${p.rules.file}:${level.line}`;
      if (level.level === 'INFO') {
        severity = 'info';
        notes.push(`${where} sets the rule to INFO.`);
      } else if (level.level === 'FAIL') {
        severity = order[Math.max(rank(real), rank(p.gateSeverity))]!;
        notes.push(`${where} sets the rule to FAIL.`);
      } else if (level.level === 'IGNORE' && !rulesExpired) {
        suppressed = {
          reason: justificationOf(level, g.alert.name) ?? `IGNORE in ${where}`,
          owner: p.rules.owner,
          expires: p.rules.expires,
        };
      }
    }
    const outOfScope = p.rules?.lines.find(
      (l) =>
        l.level === 'OUTOFSCOPE' &&
        (l.rules.includes('*') || l.rules.includes(g.alert.pluginId)) &&
        urlsOf(g).every((u) => new RegExp(l.value).exec(u)?.index === 0),
    );
    if (outOfScope && p.rules && !rulesExpired) {
      suppressed = {
        reason: [
          justificationOf(outOfScope),
          `OUTOFSCOPE ${outOfScope.value} in ${p.rules.file}:${outOfScope.line}`,
        ]
          .filter(Boolean)
          .join(' — '),
        owner: p.rules.owner,
        expires: p.rules.expires,
      };
    }
    if (g.alert.confidence === 0)
      suppressed = { reason: 'ZAP rated the alert a false positive (confidence 0)', owner: 'ZAP' };

    for (const s of p.suppressions.filter((s) => suppressionMatches(s, g))) {
      used.add(s);
      if (p.today > s.expires) {
        notes.push(`Suppression by ${s.owner} expired on ${s.expires} and no longer applies: ${s.reason}`);
      } else {
        suppressed = { reason: s.reason, owner: s.owner, expires: s.expires };
      }
    }
    findings.push({ ...findingOf(g, severity, notes), ...(suppressed ? { suppressed } : {}) });
  }

  for (const s of p.suppressions) {
    const scope = suppressionScope(s);
    if (p.today > s.expires) {
      findings.push({
        fingerprint: fingerprintOf('dast', 'suppression-expired', s.rule, s.url ?? '', s.parameter ?? ''),
        severity: 'low',
        title: `DAST suppression expired: ${scope}`,
        detail: `Owner ${s.owner}; expired ${s.expires}; ${used.has(s) ? 'it matches alerts of this scan, which are now reported' : 'it matched nothing in this scan'}. Reason given: ${s.reason}. Review it, then renew or remove it.`,
        location: `dast.suppressions (${scope})`,
        ruleId: 'opsgate-suppression-expired',
      });
    } else if (!used.has(s)) {
      findings.push({
        fingerprint: fingerprintOf('dast', 'suppression-unused', s.rule, s.url ?? '', s.parameter ?? ''),
        severity: 'info',
        title: `DAST suppression matched nothing: ${scope}`,
        detail: `Owner ${s.owner}; expires ${s.expires}. Remove it if the alert is fixed.`,
        location: `dast.suppressions (${scope})`,
        ruleId: 'opsgate-suppression-unused',
      });
    }
  }
  if (
    p.rules &&
    rulesExpired &&
    p.rules.lines.some((l) => l.level === 'IGNORE' || l.level === 'OUTOFSCOPE')
  ) {
    findings.push({
      fingerprint: fingerprintOf('dast', 'rules-file-expired', p.rules.file),
      severity: 'low',
      title: `DAST rules file expired: ${p.rules.file}`,
      detail: `Owner ${p.rules.owner}; expired ${p.rules.expires}. Its IGNORE/OUTOFSCOPE lines no longer suppress anything until it is reviewed.`,
      location: `dast.rules-file (${p.rules.file})`,
      ruleId: 'opsgate-suppression-expired',
    });
  }
  return findings;
}

/** How a suppression is named in findings about it: `rule 10038 url ^/x parameter q`. */
export function suppressionScope(s: DastSuppression): string {
  return `rule ${s.rule}${s.url ? ` url ${s.url}` : ''}${s.parameter ? ` parameter ${s.parameter}` : ''}`;
}

/** Rule id (plugin id or alertRef), URL regex (every instance) and parameter must all match. */
export function suppressionMatches(s: DastSuppression, g: AlertGroup): boolean {
  if (s.rule !== g.alert.pluginId && s.rule !== g.alert.alertRef) return false;
  if (s.parameter !== undefined && s.parameter.toLowerCase() !== g.parameter) return false;
  if (s.url !== undefined) {
    const re = new RegExp(s.url);
    if (!urlsOf(g).every((u) => re.test(u))) return false;
  }
  return true;
}

function urlsOf(g: AlertGroup): string[] {
  return g.instances.length ? g.instances.map((i) => i.uri) : [g.location];
}

function minSeverity(a: Severity, b: Severity): Severity {
  return rank(a) <= rank(b) ? a : b;
}
