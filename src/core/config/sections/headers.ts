import { z } from 'zod';
import { severity, targetPath, type Severity } from './common.js';

/**
 * Configuration of the `headers` check: the security headers, cookie flags, banners, CORS and
 * TLS promises a hardening plan makes ("helmet on every page", "TLS 1.2+", "certificate renewed
 * three weeks ahead"). `headers: {}` checks `/` anonymously against sensible defaults.
 */

/** Rule ids a page may opt out of with `paths[].skip`. */
export const HEADER_RULE_IDS = [
  'hsts',
  'csp',
  'content-type-options',
  'frame-protection',
  'referrer-policy',
  'banners',
  'cookies',
  'cors',
] as const;
export type HeaderRuleId = (typeof HEADER_RULE_IDS)[number];

/** One rule: on or off, and how bad a violation is (the gate fails at `gate.fail-on-severity`). */
function rule<Extra extends z.ZodRawShape>(defaultSeverity: Severity, why: string, extra: Extra) {
  return (
    z
      .object({
        enabled: z.boolean().default(true).describe('Turn this rule off when the plan does not ask for it.'),
        severity: severity.default(defaultSeverity).describe('Severity of a violation of this rule.'),
        ...extra,
      })
      .strict()
      // Every field of every rule has a default, so `{}` is a complete rule (TS cannot see that
      // through the generic `Extra`).
      .prefault({} as never)
      .describe(why)
  );
}

const pageEntry = z.union([
  targetPath,
  z
    .object({
      path: targetPath.describe('Path of the page, resolved against target.base-url.'),
      identity: z
        .string()
        .optional()
        .describe('Identity to fetch this page as (defaults to headers.identity).'),
      skip: z
        .array(z.enum(HEADER_RULE_IDS))
        .default([])
        .describe('Rules that do not apply to this page, e.g. csp on a JSON-only endpoint.'),
    })
    .strict(),
]);

/** Every Referrer-Policy token browsers recognise. */
export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;

const cookieRuleIds = ['secure', 'http-only', 'same-site'] as const;

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersionName = (typeof TLS_VERSIONS)[number];

export const headersSection = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('Run this check in drills (false keeps the section for later).'),
    paths: z
      .array(pageEntry)
      .min(1, { error: 'expected at least one path' })
      .default(['/'])
      .describe('Pages and endpoints whose response headers are checked (GET, redirects not followed).'),
    identity: z
      .string()
      .default('anonymous')
      .describe('Identity the pages are fetched as; some headers only appear on logged-in pages.'),
    hsts: rule(
      'medium',
      'Strict-Transport-Security on https pages. Over http browsers ignore it, so it is reported as info only.',
      {
        'min-max-age': z
          .number()
          .int()
          .nonnegative()
          .default(15_552_000)
          .describe('Smallest acceptable max-age in seconds (default 180 days).'),
        'include-subdomains': z
          .boolean()
          .default(false)
          .describe('Also require includeSubDomains (do this when every subdomain is https).'),
      },
    ),
    csp: rule('medium', 'Content-Security-Policy present (Report-Only does not count).', {
      'required-directives': z
        .array(z.string().regex(/^[a-z-]+$/, { error: 'expected a CSP directive name like default-src' }))
        .default([])
        .describe('Directives the policy must contain, e.g. [default-src, frame-ancestors].'),
    }),
    'content-type-options': rule('medium', 'X-Content-Type-Options: nosniff.', {}),
    'frame-protection': rule(
      'medium',
      'Clickjacking protection: X-Frame-Options DENY/SAMEORIGIN or a CSP frame-ancestors directive.',
      {},
    ),
    'referrer-policy': rule('low', 'Referrer-Policy set to a value in the allowed list.', {
      allowed: z
        .array(z.enum(REFERRER_POLICIES))
        .min(1)
        .default(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'])
        .describe('Policies that do not leak full URLs to other origins.'),
    }),
    cookies: rule('medium', 'Flags on every cookie the pages set (values are never recorded).', {
      secure: z.boolean().default(true).describe('Require the Secure flag.'),
      'http-only': z.boolean().default(true).describe('Require HttpOnly (scripts cannot read the cookie).'),
      'same-site': z.boolean().default(true).describe('Require a SameSite attribute.'),
      'same-site-allowed': z
        .array(z.enum(['Strict', 'Lax', 'None']))
        .min(1)
        .default(['Strict', 'Lax'])
        .describe('Accepted SameSite values.'),
      'same-site-severity': severity
        .default('low')
        .describe('SameSite is defence in depth; its own severity.'),
      exceptions: z
        .array(
          z
            .object({
              cookie: z.string().min(1).describe('Cookie name; a trailing * matches a prefix.'),
              rules: z
                .array(z.enum(cookieRuleIds))
                .min(1)
                .default([...cookieRuleIds])
                .describe('Rules waived for this cookie.'),
              reason: z.string().min(1).describe('Why, so the waiver can be reviewed.'),
            })
            .strict(),
        )
        .default([])
        .describe('Per-cookie waivers, e.g. a CSRF cookie scripts must read (http-only).'),
    }),
    banners: rule('low', 'No server or framework version banners.', {
      forbidden: z
        .array(z.string().min(1))
        .default(['X-Powered-By', 'X-AspNet-Version', 'X-AspNetMvc-Version', 'X-Generator'])
        .describe('Headers that must not appear at all.'),
      'server-version': z
        .boolean()
        .default(true)
        .describe('Flag a Server header that carries a version number (nginx/1.25.3).'),
    }),
    cors: rule('high', 'CORS must not grant credentials to any origin (wildcard or reflected).', {
      'probe-origin': z
        .url()
        .default('https://opsgate-probe.invalid')
        .describe('Foreign origin sent in the Origin header of the probe request.'),
    }),
    tls: z
      .object({
        enabled: z.boolean().default(true).describe('Probe TLS when target.base-url is https.'),
        'min-version': z
          .enum(['TLSv1.2', 'TLSv1.3'])
          .default('TLSv1.2')
          .describe('Lowest version the server must accept; every older version must be refused.'),
        'cert-min-days': z
          .number()
          .int()
          .nonnegative()
          .default(21)
          .describe('Fail when the certificate expires in fewer days (time to renew before it bites).'),
        'trusted-severity': severity
          .default('high')
          .describe('Severity when the certificate chain or host name does not verify.'),
        'timeout-ms': z.number().int().positive().default(5_000).describe('Per-handshake timeout.'),
      })
      .strict()
      .prefault({})
      .describe('TLS promises for https targets: protocol versions and certificate expiry.'),
  })
  .strict()
  .optional()
  .describe(
    'Security headers, cookie flags, banners, CORS and TLS of the target (`headers: {}` for the defaults).',
  );

export type HeadersConfig = Exclude<z.infer<typeof headersSection>, undefined>;
