import type { Severity } from '../../core/config/sections/common.js';
import type { Finding } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import type { ZapAlert, ZapInstance } from '../../engines/zap/parse-zap-report.js';

/** ZAP risk code → opsgate severity. ZAP has no "critical": risk 3 is high whatever the confidence. */
export const RISK_SEVERITY: readonly Severity[] = ['info', 'low', 'medium', 'high'];
/** ZAP's names for risk codes 0-3 and confidence codes 0-4, as its reports print them. */
export const RISK_NAMES = ['Informational', 'Low', 'Medium', 'High'] as const;
export const CONFIDENCE_NAMES = ['False Positive', 'Low', 'Medium', 'High', 'Confirmed'] as const;

/**
 * One group of alert instances that is one finding: the same rule (alertRef) at the same risk on
 * the same site, the same normalised URL and the same parameter, so no alert or instance is lost
 * when a rule reports one place at two risks. Systemic alerts (ZAP 2.17) are one group per rule and site, because
 * ZAP itself says the problem is site-wide.
 */
export interface AlertGroup {
  alert: ZapAlert;
  /** Normalised path + query keys, or `*` for a systemic alert. */
  path: string;
  parameter: string;
  instances: ZapInstance[];
  fingerprint: string;
  location: string;
}

/**
 * Normalise a URL so the same place hashes the same across runs and hosts: drop scheme/host,
 * query values and fragment, sort query keys, collapse numeric / UUID / long-hex path segments to
 * `{id}` and drop a trailing slash.
 */
export function normaliseUrlPath(uri: string): string {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return uri;
  }
  let p = u.pathname
    .split('/')
    .map((seg) =>
      /^\d+$/.test(seg) ||
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg) ||
      /^[0-9a-f]{16,}$/i.test(seg)
        ? '{id}'
        : seg,
    )
    .join('/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  const keys = [...new Set(u.searchParams.keys())].sort();
  return keys.length ? `${p}?${keys.map((k) => `${k}=`).join('&')}` : p;
}

/** Group the alerts of a report into findings-to-be. */
export function groupAlerts(alerts: ZapAlert[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  // The rule's highest risk (on a single-site report) keeps the historical fingerprint, so
  // existing issues stay matched; a second risk or site of the same place is a finding of its own.
  const topRisk = new Map<string, number>();
  for (const a of alerts) topRisk.set(a.alertRef, Math.max(a.risk, topRisk.get(a.alertRef) ?? 0));
  const manySites = new Set(alerts.map((a) => a.site)).size > 1;
  for (const alert of alerts) {
    const instances = alert.instances.length ? alert.instances : [{ uri: alert.site } as ZapInstance];
    for (const inst of instances) {
      const path = alert.systemic ? '*' : normaliseUrlPath(inst.uri);
      const parameter = alert.systemic ? '' : (inst.param ?? '').toLowerCase();
      const origin = originOf(inst.uri) ?? alert.site;
      const key = `${alert.alertRef}\u0000${alert.risk}\u0000${origin}\u0000${path}\u0000${parameter}`;
      let g = groups.get(key);
      if (!g) {
        const extra = [
          ...(alert.risk === topRisk.get(alert.alertRef) ? [] : [`risk${alert.risk}`]),
          ...(manySites ? [origin] : []),
        ];
        const fingerprint = fingerprintOf('dast', alert.alertRef, path, parameter, ...extra);
        g = {
          alert,
          path,
          parameter,
          instances: [],
          fingerprint,
          location: path === '*' ? alert.site : `${origin}${path}`,
        };
        groups.set(key, g);
      }
      if (alert.instances.length) g.instances.push(inst);
    }
  }
  return [...groups.values()];
}

/** Build the evidence finding of one group, at the given (possibly capped or raised) severity. */
export function findingOf(g: AlertGroup, severity: Severity, notes: string[] = []): Finding {
  const a = g.alert;
  const example = g.instances[0];
  const count = g.path === '*' ? a.count : g.instances.length || 1;
  const detail = [
    `${scannerOf(a)} risk ${RISK_NAMES[a.risk]}, confidence ${CONFIDENCE_NAMES[a.confidence]}; ${count} instance${count === 1 ? '' : 's'}${a.systemic ? ' (systemic: the same problem across the site)' : ''}.`,
    ...notes,
    example
      ? `Example: ${example.method || 'GET'} ${example.uri}${example.param ? ` parameter ${example.param}` : ''}${example.evidence ? ` evidence ${JSON.stringify(example.evidence.slice(0, 200))}` : ''}${example.attack ? ` attack ${JSON.stringify(example.attack.slice(0, 200))}` : ''}`
      : '',
    a.description,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    fingerprint: g.fingerprint,
    severity,
    title: `${scannerOf(a)} ${a.alertRef} ${a.name}: ${g.path === '*' ? 'site-wide' : g.path}${g.parameter ? ` [${g.parameter}]` : ''}`,
    detail,
    location: g.location,
    ruleId: a.alertRef,
    ...(a.solution ? { solution: a.solution } : {}),
    ...(a.references.length ? { references: a.references } : {}),
    count,
  };
}

function scannerOf(a: ZapAlert): string {
  return a.alertRef.startsWith('wapiti-') ? 'wapiti' : 'ZAP';
}

function originOf(uri: string): string | undefined {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
}
