import type { HeadersConfig } from '../../core/config/sections/headers.js';
import type { Finding, Threshold } from '../../core/evidence/model.js';
import { PROBED_TLS_VERSIONS, type TlsProbeResult } from '../../engines/tls/tls-probe.js';
import { headerFinding } from './finding.js';

/** The two TLS promises as thresholds, plus a finding when the certificate does not verify. */
export interface TlsVerdicts {
  thresholds: Threshold[];
  findings: Finding[];
}

/**
 * Minimum version: every version below `min-version` refused and `min-version` itself accepted
 * (clients that stop there can still connect). Certificate: whole days left >= `cert-min-days`.
 */
export function tlsVerdicts(probe: TlsProbeResult, rules: HeadersConfig['tls']): TlsVerdicts {
  const place = `${probe.host}:${probe.port}`;
  const min = rules['min-version'];
  const minIndex = PROBED_TLS_VERSIONS.indexOf(min);
  const below = probe.versions.filter((v) => PROBED_TLS_VERSIONS.indexOf(v.version) < minIndex);
  const acceptedBelow = below.filter((v) => v.outcome === 'accepted');
  const untested = below.filter((v) => v.outcome === 'inconclusive');
  const atMin = probe.versions.find((v) => v.version === min);
  const lowest = probe.versions.find((v) => v.outcome === 'accepted')?.version ?? 'none';
  const detail = probe.versions
    .map((v) => `${v.version} ${v.outcome}${v.code && v.outcome !== 'refused' ? ` (${v.code})` : ''}`)
    .join(', ');
  const ok = acceptedBelow.length === 0 && atMin?.outcome === 'accepted';
  const versionThreshold: Threshold = {
    name: `TLS minimum version ${min} (${place})`,
    limit: min,
    actual: lowest,
    ok,
    detail: acceptedBelow.length
      ? `accepts ${acceptedBelow.map((v) => v.version).join(', ')}, older than ${min}: ${detail}`
      : atMin?.outcome !== 'accepted'
        ? `${min} not accepted: ${detail}`
        : detail,
  };
  if (ok && untested.length) {
    versionThreshold.skipped = `could not offer ${untested.map((v) => v.version).join(', ')} from this machine: ${detail}`;
  }

  const cert = probe.certificate;
  const days = cert ? Math.floor(cert.daysLeft) : null;
  const certThreshold: Threshold = {
    name: `TLS certificate days to expiry (${place})`,
    limit: rules['cert-min-days'],
    actual: days,
    unit: 'days',
    ok: days !== null && days >= rules['cert-min-days'],
    detail: cert
      ? `valid to ${cert.validTo}; subject ${cert.subject}; issuer ${cert.issuer}`
      : 'no certificate: the handshake did not complete',
  };

  const findings: Finding[] = [];
  if (cert && !cert.trusted) {
    findings.push(
      headerFinding({
        rule: 'tls-trusted',
        place,
        severity: rules['trusted-severity'],
        title: `TLS certificate not trusted (${place})`,
        problem: 'TLS certificate not trusted',
        expected: 'a chain to a trusted root that names the host',
        seen: `${cert.trustError ?? 'not verified'}; subject ${cert.subject}; issuer ${cert.issuer}`,
        location: `tls://${place}`,
        solution:
          'Serve the full chain from a trusted CA for this host name (private CA: set NODE_EXTRA_CA_CERTS for opsgate).',
      }),
    );
  }
  return { thresholds: [versionThreshold, certThreshold], findings };
}
