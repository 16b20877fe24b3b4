import { severity as severitySchema } from '../../core/config/sections/common.js';
import { TargetUnreachableError } from '../../core/errors.js';
import type { Evidence, Finding } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import { assertAllowedHost } from '../../engines/http/host-policy.js';
import { requestFailureReason, targetGone } from '../../engines/http/request-failure.js';
import { TargetClient } from '../../engines/http/sessions.js';
import { probeTls, type TlsProbeResult } from '../../engines/tls/tls-probe.js';
import type { Check, CheckContext } from '../check.js';
import { cookieFindings } from './cookie-rules.js';
import { headersScope } from './finding.js';
import { corsFindings, probeCors, type CorsObservation } from './cors-probe.js';
import { headerFindings } from './header-rules.js';
import { observePage, type ObservedPage } from './observe-page.js';
import { pageRecord, type PageRecord } from './page-record.js';
import { planHeaders, type HeadersPlan } from './plan.js';
import { observedHeadersMarkdown } from './report-section.js';
import { writeHeadersSarif } from './headers-sarif.js';
import { tlsVerdicts } from './tls-rules.js';

/**
 * The `headers` check: fetch each configured page, judge its security headers, cookie flags,
 * banners and CORS answer, and for https targets probe TLS versions and certificate expiry.
 */
export const headersCheck: Check = {
  name: 'headers',
  description: 'security headers, cookie flags, banners, CORS and TLS (versions, certificate expiry)',
  run: runHeadersCheck,
};

export async function runHeadersCheck(ctx: CheckContext): Promise<Evidence> {
  const plan = planHeaders(ctx.config);
  const target = ctx.config.target;
  const evidence = startEvidence('headers', target['base-url'], target.name);
  if (!plan.rules.enabled) {
    evidence.summary = 'headers check disabled (headers.enabled: false)';
    return evidence;
  }
  assertAllowedHost(target, plan.baseUrl);

  const covered: string[] = [];
  let tls: TlsProbeResult | undefined;
  if (plan.tls) {
    ctx.log(`headers: probing TLS on ${plan.tls.host}:${plan.tls.port}`);
    tls = await probeTls({ ...plan.tls, timeoutMs: plan.rules.tls['timeout-ms'], label: plan.baseUrl });
    const verdicts = tlsVerdicts(tls, plan.rules.tls);
    covered.push(headersScope(`${plan.tls.host}:${plan.tls.port}`));
    evidence.thresholds.push(...verdicts.thresholds);
    evidence.findings.push(...verdicts.findings);
  } else if (plan.rules.tls.enabled) {
    evidence.thresholds.push(...skippedTlsThresholds(plan));
  }

  const client = new TargetClient(target, ctx.config.identities, ctx.sessions, ctx.signal);
  const pages: PageRecord[] = [];
  let gone: string | undefined;
  for (const page of plan.pages) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('interrupted');
    ctx.log(`headers: GET ${page.path} as ${page.identity}`);
    let observed: ObservedPage;
    try {
      observed = await withTrustHint(observePage(client, page), tls);
    } catch (err) {
      // A target that never answered is unreachable (exit 3); one page's failure is that page's finding.
      const why = requestFailureReason(err);
      if (!why || ctx.signal.aborted || (targetGone(err) && !pages.some((p) => !p.error))) throw err;
      if (targetGone(err)) gone ??= `${page.path}: ${why}`;
      evidence.findings.push(noAnswerFinding(page, client.url(page.path), why));
      pages.push({
        path: page.path,
        identity: page.identity,
        url: client.url(page.path),
        status: 0,
        headers: {},
        cookies: [],
        error: why,
      });
      continue;
    }
    if (observed.timedOut) {
      evidence.findings.push(timeoutFinding(observed, target['timeout-ms']));
      pages.push(pageRecord(observed, plan.rules.banners.forbidden));
      continue;
    }
    covered.push(headersScope(page.path));
    evidence.findings.push(
      ...headerFindings(observed, plan.rules, plan.https),
      ...cookieFindings(observed, plan.rules.cookies),
    );
    let cors: CorsObservation | undefined;
    if (plan.rules.cors.enabled && !page.skip.has('cors')) {
      try {
        cors = await withTrustHint(probeCors(client, page, plan.rules.cors), tls);
        evidence.findings.push(...corsFindings(cors, page, observed.url, plan.rules.cors));
      } catch (err) {
        const why = requestFailureReason(err);
        if (!why) throw err;
        evidence.findings.push(noAnswerFinding(page, observed.url, `CORS probe: ${why}`));
      }
    }
    pages.push(pageRecord(observed, plan.rules.banners.forbidden, cors));
  }

  evidence.coverage = [...new Set(covered)];
  if (gone)
    evidence.error = {
      kind: 'TargetUnreachableError',
      message: `target stopped answering at ${gone}; the ${pages.filter((p) => !p.error).length} pages answered before are kept`,
    };
  evidence.metrics = metricsOf(pages, evidence.findings, tls);
  evidence.data = { pages, ...(tls ? { tls } : {}) };
  evidence.sections = [{ title: 'Observed security headers', markdown: observedHeadersMarkdown(pages, tls) }];
  evidence.summary = summaryOf(pages, evidence);
  const sarif = await writeHeadersSarif({ ...ctx, rules: plan.rules }, evidence);
  evidence.artifacts.push({ name: 'sarif', path: sarif });
  return evidence;
}

/** On an http target the TLS promises cannot be measured: say so instead of staying silent. */
function skippedTlsThresholds(plan: HeadersPlan) {
  const reason = 'target is http: no TLS to probe';
  return [
    {
      name: `TLS minimum version ${plan.rules.tls['min-version']}`,
      limit: plan.rules.tls['min-version'],
      actual: null,
      ok: true,
      skipped: reason,
    },
    {
      name: 'TLS certificate days to expiry',
      limit: plan.rules.tls['cert-min-days'],
      actual: null,
      ok: true,
      unit: 'days',
      skipped: reason,
    },
  ];
}

/** A page fetch that fails on an untrusted certificate gets the reason next to the URL. */
async function withTrustHint<T>(pending: Promise<T>, tls: TlsProbeResult | undefined): Promise<T> {
  try {
    return await pending;
  } catch (err) {
    const cert = tls?.certificate;
    if (err instanceof TargetUnreachableError && cert && !cert.trusted) {
      throw new TargetUnreachableError(
        err.tried,
        Object.assign(
          new Error(
            `${err.message}; the certificate is not trusted (${cert.trustError ?? 'unverified'}), for a private CA set NODE_EXTRA_CA_CERTS`,
          ),
          { code: err.code },
        ),
      );
    }
    throw err;
  }
}

/** A page whose request failed (reset, header overflow, invalid bytes): checked nothing, said so. */
function noAnswerFinding(page: { path: string }, url: string, why: string): Finding {
  return {
    fingerprint: fingerprintOf('headers', 'no-answer', page.path),
    scope: headersScope(page.path),
    severity: 'high',
    title: `No usable answer from ${page.path}: ${why}`,
    problem: 'No usable answer',
    place: page.path,
    expected: 'a response whose headers can be checked',
    observed: why,
    detail: `expected: a response whose headers can be checked; seen: ${why}. The other pages were checked.`,
    location: `GET ${url}`,
    ruleId: 'headers.no-answer',
  };
}

function timeoutFinding(observed: ObservedPage, timeoutMs: number): Finding {
  return {
    fingerprint: fingerprintOf('headers', 'timeout', observed.page.path),
    scope: headersScope(observed.page.path),
    severity: 'medium',
    title: `No answer from ${observed.page.path} within ${timeoutMs} ms`,
    problem: `No answer within ${timeoutMs} ms`,
    place: observed.page.path,
    expected: 'a response whose headers can be checked',
    observed: `no response within ${timeoutMs} ms`,
    detail: `expected: a response whose headers can be checked; seen: no response within ${timeoutMs} ms`,
    location: `GET ${observed.url}`,
    ruleId: 'headers.timeout',
  };
}

function metricsOf(pages: PageRecord[], findings: Finding[], tls?: TlsProbeResult): Record<string, number> {
  const metrics: Record<string, number> = { pages_checked: pages.length };
  for (const s of severitySchema.options) {
    metrics[`findings_${s}`] = findings.filter((f) => f.severity === s && !f.suppressed).length;
  }
  if (tls?.certificate) metrics.cert_days_left = Math.floor(tls.certificate.daysLeft);
  if (tls) metrics.tls_versions_accepted = tls.versions.filter((v) => v.outcome === 'accepted').length;
  return metrics;
}

function summaryOf(pages: PageRecord[], e: Evidence): string {
  const bySeverity = severitySchema.options
    .map((s) => [s, e.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const findings = e.findings.length
    ? `${e.findings.length} finding${e.findings.length === 1 ? '' : 's'} (${bySeverity.join(', ')})`
    : 'no findings';
  const failedTls = e.thresholds.filter((t) => !t.ok).map((t) => t.name);
  const tls = failedTls.length ? `; failed: ${failedTls.join('; ')}` : '';
  return `${pages.length} page${pages.length === 1 ? '' : 's'} checked: ${findings}${tls}`;
}
