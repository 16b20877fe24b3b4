import { REFERRER_POLICIES, type HeadersConfig } from '../../core/config/sections/headers.js';
import type { Finding } from '../../core/evidence/model.js';
import { headerFinding, type HeaderProblem } from './finding.js';
import type { ObservedPage } from './observe-page.js';

type Problem = Omit<HeaderProblem, 'place' | 'location'>;

/** CSP directives by name (lower case) → their value, across every policy the page sends. */
export function cspDirectives(value: string | null): Map<string, string> {
  const directives = new Map<string, string>();
  for (const policy of (value ?? '').split(',')) {
    for (const part of policy.split(';')) {
      const [name, ...rest] = part.trim().split(/\s+/);
      if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), rest.join(' '));
    }
  }
  return directives;
}

/** A version number in a Server banner: `nginx/1.25.3`, `Apache/2.4`, `Microsoft-IIS/10.0`. */
const VERSIONED = /\/\s*v?\d|\b\d+\.\d+/;

const MDN = 'https://developer.mozilla.org/docs/Web/HTTP/Headers/';

/**
 * The header rules of one page: HSTS, CSP, X-Content-Type-Options, frame protection,
 * Referrer-Policy and banners. Each violation names the header, the path and expected vs seen.
 */
export function headerFindings(observed: ObservedPage, rules: HeadersConfig, https: boolean): Finding[] {
  const h = observed.headers;
  const skip = observed.page.skip;
  const problems: Problem[] = [];

  if (rules.hsts.enabled && !skip.has('hsts')) problems.push(...hstsProblems(h, rules.hsts, https));

  const csp = h.get('content-security-policy');
  const directives = cspDirectives(csp);
  if (rules.csp.enabled && !skip.has('csp')) {
    if (csp === null) {
      const reportOnly = h.get('content-security-policy-report-only');
      problems.push({
        rule: 'csp',
        severity: rules.csp.severity,
        title: 'Content-Security-Policy missing',
        expected: 'a Content-Security-Policy header',
        seen: reportOnly ? 'only Content-Security-Policy-Report-Only (not enforced)' : 'no header',
        solution: "Send a Content-Security-Policy, e.g. default-src 'self'; frame-ancestors 'none'.",
        references: [`${MDN}Content-Security-Policy`],
      });
    } else {
      for (const directive of rules.csp['required-directives']) {
        if (directives.has(directive)) continue;
        problems.push({
          rule: `csp-directive:${directive}`,
          severity: rules.csp.severity,
          title: `Content-Security-Policy lacks ${directive}`,
          expected: `a ${directive} directive`,
          seen: `Content-Security-Policy: ${csp}`,
          solution: `Add a ${directive} directive to the policy.`,
        });
      }
    }
  }

  const nosniff = h.get('x-content-type-options');
  if (
    rules['content-type-options'].enabled &&
    !skip.has('content-type-options') &&
    nosniff?.trim().toLowerCase() !== 'nosniff'
  ) {
    problems.push({
      rule: 'content-type-options',
      severity: rules['content-type-options'].severity,
      title: nosniff === null ? 'X-Content-Type-Options missing' : 'X-Content-Type-Options not nosniff',
      expected: 'X-Content-Type-Options: nosniff',
      seen: nosniff === null ? 'no header' : `X-Content-Type-Options: ${nosniff}`,
      solution: 'Send X-Content-Type-Options: nosniff on every response.',
      references: [`${MDN}X-Content-Type-Options`],
    });
  }

  const xfo = h.get('x-frame-options');
  const xfoOk = ['deny', 'sameorigin'].includes(xfo?.trim().toLowerCase() ?? '');
  if (
    rules['frame-protection'].enabled &&
    !skip.has('frame-protection') &&
    !xfoOk &&
    !directives.has('frame-ancestors')
  ) {
    problems.push({
      rule: 'frame-protection',
      severity: rules['frame-protection'].severity,
      title: xfo === null ? 'X-Frame-Options missing (no frame protection)' : 'X-Frame-Options ineffective',
      expected: 'X-Frame-Options: DENY or SAMEORIGIN, or a CSP frame-ancestors directive',
      seen: `${xfo === null ? 'no X-Frame-Options' : `X-Frame-Options: ${xfo}`}, no CSP frame-ancestors`,
      solution: "Send X-Frame-Options: DENY or CSP frame-ancestors 'none'.",
      references: [`${MDN}X-Frame-Options`],
    });
  }

  const rp = rules['referrer-policy'];
  if (rp.enabled && !skip.has('referrer-policy')) {
    const value = h.get('referrer-policy');
    const effective = effectiveReferrerPolicy(value);
    if (!effective || !(rp.allowed as string[]).includes(effective)) {
      problems.push({
        rule: 'referrer-policy',
        severity: rp.severity,
        title: value === null ? 'Referrer-Policy missing' : 'Referrer-Policy too permissive',
        expected: `Referrer-Policy one of ${rp.allowed.join(', ')}`,
        seen: value === null ? 'no header' : `Referrer-Policy: ${value}`,
        solution: 'Send Referrer-Policy: strict-origin-when-cross-origin (or stricter).',
        references: [`${MDN}Referrer-Policy`],
      });
    }
  }

  if (rules.banners.enabled && !skip.has('banners')) problems.push(...bannerProblems(h, rules.banners));

  const place = observed.page.path;
  return problems.map((p) =>
    headerFinding({
      ...p,
      title: `${p.title} on ${place}`,
      problem: p.title,
      place,
      location: `GET ${observed.url}`,
    }),
  );
}

function hstsProblems(h: Headers, rule: HeadersConfig['hsts'], https: boolean): Problem[] {
  // Browsers ignore HSTS received over http: on an http target it cannot be verified, only noted.
  const severity = https ? rule.severity : 'info';
  const note = https ? '' : ' (http target: browsers only honour HSTS over https)';
  const value = h.get('strict-transport-security');
  const base = { rule: 'hsts', severity, references: [`${MDN}Strict-Transport-Security`] };
  const expected = `Strict-Transport-Security with max-age >= ${rule['min-max-age']}${rule['include-subdomains'] ? ' and includeSubDomains' : ''}`;
  if (value === null) {
    return [
      {
        ...base,
        title: `Strict-Transport-Security missing${note}`,
        expected,
        seen: 'no header',
        solution: `Send Strict-Transport-Security: max-age=${Math.max(rule['min-max-age'], 31_536_000)}; includeSubDomains.`,
      },
    ];
  }
  const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(value)?.[1] ?? NaN);
  const subdomains = /(^|;)\s*includesubdomains\s*(;|$)/i.test(value);
  if (!(maxAge >= rule['min-max-age']) || (rule['include-subdomains'] && !subdomains)) {
    return [
      {
        ...base,
        title: `Strict-Transport-Security too weak${note}`,
        expected,
        seen: `Strict-Transport-Security: ${value}`,
        solution: 'Raise max-age (and add includeSubDomains where required).',
      },
    ];
  }
  return [];
}

function bannerProblems(h: Headers, rule: HeadersConfig['banners']): Problem[] {
  const problems: Problem[] = [];
  for (const name of rule.forbidden) {
    const value = h.get(name);
    if (value === null) continue;
    problems.push({
      rule: `banner:${name.toLowerCase()}`,
      severity: rule.severity,
      title: `${name} banner present`,
      expected: `no ${name} header`,
      seen: `${name}: ${value}`,
      solution: `Remove the ${name} header (it tells attackers which software and version to target).`,
    });
  }
  const server = h.get('server');
  const serverForbidden = rule.forbidden.some((n) => n.toLowerCase() === 'server');
  if (rule['server-version'] && !serverForbidden && server !== null && VERSIONED.test(server)) {
    problems.push({
      rule: 'banner:server',
      severity: rule.severity,
      title: 'Server banner reveals a version',
      expected: 'no version number in the Server header',
      seen: `Server: ${server}`,
      solution: 'Hide the version (nginx server_tokens off; Apache ServerTokens Prod) or drop the header.',
    });
  }
  return problems;
}

const KNOWN_POLICIES = new Set<string>(REFERRER_POLICIES);

/** Browsers apply the last policy token they recognise (fallback lists like `no-referrer, strict-origin`). */
export function effectiveReferrerPolicy(value: string | null): string | undefined {
  const tokens = (value ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => KNOWN_POLICIES.has(t));
  return tokens.at(-1);
}
