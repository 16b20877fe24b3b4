import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  external_exports,
  severity,
  targetPath
} from "./chunk-MLKP6OQN.js";

// src/core/config/sections/headers.ts
var HEADER_RULE_IDS = [
  "hsts",
  "csp",
  "content-type-options",
  "frame-protection",
  "referrer-policy",
  "banners",
  "cookies",
  "cors"
];
function rule(defaultSeverity, why, extra) {
  return external_exports.object({
    enabled: external_exports.boolean().default(true).describe("Turn this rule off when the plan does not ask for it."),
    severity: severity.default(defaultSeverity).describe("Severity of a violation of this rule."),
    ...extra
  }).strict().prefault({}).describe(why);
}
var pageEntry = external_exports.union([
  targetPath,
  external_exports.object({
    path: targetPath.describe("Path of the page, resolved against target.base-url."),
    identity: external_exports.string().optional().describe("Identity to fetch this page as (defaults to headers.identity)."),
    skip: external_exports.array(external_exports.enum(HEADER_RULE_IDS)).default([]).describe("Rules that do not apply to this page, e.g. csp on a JSON-only endpoint.")
  }).strict()
]);
var REFERRER_POLICIES = [
  "no-referrer",
  "no-referrer-when-downgrade",
  "origin",
  "origin-when-cross-origin",
  "same-origin",
  "strict-origin",
  "strict-origin-when-cross-origin",
  "unsafe-url"
];
var cookieRuleIds = ["secure", "http-only", "same-site"];
var headersSection = external_exports.object({
  enabled: external_exports.boolean().default(true).describe("Run this check in drills (false keeps the section for later)."),
  paths: external_exports.array(pageEntry).min(1, { error: "expected at least one path" }).default(["/"]).describe("Pages and endpoints whose response headers are checked (GET, redirects not followed)."),
  identity: external_exports.string().default("anonymous").describe("Identity the pages are fetched as; some headers only appear on logged-in pages."),
  hsts: rule(
    "medium",
    "Strict-Transport-Security on https pages. Over http browsers ignore it, so it is reported as info only.",
    {
      "min-max-age": external_exports.number().int().nonnegative().default(15552e3).describe("Smallest acceptable max-age in seconds (default 180 days)."),
      "include-subdomains": external_exports.boolean().default(false).describe("Also require includeSubDomains (do this when every subdomain is https).")
    }
  ),
  csp: rule("medium", "Content-Security-Policy present (Report-Only does not count).", {
    "required-directives": external_exports.array(external_exports.string().regex(/^[a-z-]+$/, { error: "expected a CSP directive name like default-src" })).default([]).describe("Directives the policy must contain, e.g. [default-src, frame-ancestors].")
  }),
  "content-type-options": rule("medium", "X-Content-Type-Options: nosniff.", {}),
  "frame-protection": rule(
    "medium",
    "Clickjacking protection: X-Frame-Options DENY/SAMEORIGIN or a CSP frame-ancestors directive.",
    {}
  ),
  "referrer-policy": rule("low", "Referrer-Policy set to a value in the allowed list.", {
    allowed: external_exports.array(external_exports.enum(REFERRER_POLICIES)).min(1).default(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]).describe("Policies that do not leak full URLs to other origins.")
  }),
  cookies: rule("medium", "Flags on every cookie the pages set (values are never recorded).", {
    secure: external_exports.boolean().default(true).describe("Require the Secure flag."),
    "http-only": external_exports.boolean().default(true).describe("Require HttpOnly (scripts cannot read the cookie)."),
    "same-site": external_exports.boolean().default(true).describe("Require a SameSite attribute."),
    "same-site-allowed": external_exports.array(external_exports.enum(["Strict", "Lax", "None"])).min(1).default(["Strict", "Lax"]).describe("Accepted SameSite values."),
    "same-site-severity": severity.default("low").describe("SameSite is defence in depth; its own severity."),
    exceptions: external_exports.array(
      external_exports.object({
        cookie: external_exports.string().min(1).describe("Cookie name; a trailing * matches a prefix."),
        rules: external_exports.array(external_exports.enum(cookieRuleIds)).min(1).default([...cookieRuleIds]).describe("Rules waived for this cookie."),
        reason: external_exports.string().min(1).describe("Why, so the waiver can be reviewed.")
      }).strict()
    ).default([]).describe("Per-cookie waivers, e.g. a CSRF cookie scripts must read (http-only).")
  }),
  banners: rule("low", "No server or framework version banners.", {
    forbidden: external_exports.array(external_exports.string().min(1)).default(["X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Generator"]).describe("Headers that must not appear at all."),
    "server-version": external_exports.boolean().default(true).describe("Flag a Server header that carries a version number (nginx/1.25.3).")
  }),
  cors: rule("high", "CORS must not grant credentials to any origin (wildcard or reflected).", {
    "probe-origin": external_exports.url().default("https://opsgate-probe.invalid").describe("Foreign origin sent in the Origin header of the probe request.")
  }),
  tls: external_exports.object({
    enabled: external_exports.boolean().default(true).describe("Probe TLS when target.base-url is https."),
    "min-version": external_exports.enum(["TLSv1.2", "TLSv1.3"]).default("TLSv1.2").describe("Lowest version the server must accept; every older version must be refused."),
    "cert-min-days": external_exports.number().int().nonnegative().default(21).describe("Fail when the certificate expires in fewer days (time to renew before it bites)."),
    "trusted-severity": severity.default("high").describe("Severity when the certificate chain or host name does not verify."),
    "timeout-ms": external_exports.number().int().positive().default(5e3).describe("Per-handshake timeout.")
  }).strict().prefault({}).describe("TLS promises for https targets: protocol versions and certificate expiry.")
}).strict().optional().describe(
  "Security headers, cookie flags, banners, CORS and TLS of the target (`headers: {}` for the defaults)."
);

export {
  REFERRER_POLICIES,
  headersSection
};
