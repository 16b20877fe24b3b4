import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  rbacSection,
  statusExpectation
} from "./chunk-YUAPXZBY.js";
import {
  faultSection
} from "./chunk-KAEF76QS.js";
import {
  duration,
  durationMs,
  external_exports,
  headerMap,
  httpMethod,
  httpStatus,
  registerSecret,
  severity,
  targetPath
} from "./chunk-MLKP6OQN.js";

// src/core/config/sections/abuse.ts
var unlockRequest = external_exports.object({
  identity: external_exports.string().describe("Identity allowed to re-activate accounts (an admin), never the locked one."),
  method: httpMethod.default("POST"),
  path: targetPath,
  body: external_exports.unknown().optional().describe("JSON body, e.g. { email: lockout@example.test }."),
  headers: headerMap.optional(),
  expect: statusExpectation.default("2xx").describe("What a successful unlock answers.")
}).strict();
var loginLimiter = external_exports.object({
  identity: external_exports.string().describe(
    "A json-login or cookie-session identity for a dedicated account: the probe locks it out, so never one the other probes use."
  ),
  style: external_exports.enum(["429", "lockout"]).default("429").describe(
    "`429`: after N counted attempts the next failure is rate limited. `lockout`: after N counted attempts the account refuses even the right password (suspend, temporary lockout)."
  ),
  "password-field": external_exports.string().default("password").describe("Login body field that carries the password."),
  "wrong-password": external_exports.string().default("opsgate-wrong-password").describe("Password sent on the failed attempts."),
  attempts: external_exports.number().int().min(1).max(50).default(5).describe("Counted attempts the limiter allows (N): attempt N+1 is the first refused."),
  "failure-status": statusExpectation.default(401).describe("What a wrong password answers before the limit (and, for lockout, after it)."),
  "expect-status": statusExpectation.optional().describe(
    "What the refused attempt answers: style 429 → the failure after N (default 429); style lockout → the right password after N (default 401)."
  ),
  "locked-login-status": statusExpectation.nullable().default(429).describe("Style 429: what the right password answers while limited. null to skip."),
  "success-resets": external_exports.boolean().default(false).describe(
    "A successful login resets the counter (suspend-on-N-attempts CMSes, Keycloak). express-rate-limit does not."
  ),
  "successes-count": external_exports.boolean().default(false).describe("Successful logins count as attempts (express-rate-limit without skipSuccessfulRequests)."),
  unlock: unlockRequest.optional(),
  "max-duration": duration.default("60s")
}).strict();
var globalLimit = external_exports.object({
  identity: external_exports.string().default("anonymous").describe(
    "Identity the burst is sent as (a dedicated one, so a per-identity limiter throttles no other probe)."
  ),
  request: external_exports.object({ method: httpMethod.default("GET"), path: targetPath, headers: headerMap.optional() }).strict().describe("A cheap, read-only request counted by the limiter."),
  limit: external_exports.number().int().min(1).max(1e4).describe("Requests allowed per window."),
  margin: external_exports.number().int().min(0).max(1e3).default(10).describe("Extra requests sent past the limit."),
  tolerance: external_exports.number().int().min(0).default(0).describe(
    "How far the observed limit may be from `limit`. The ledger subtracts what opsgate already sent, so 0 is right unless other clients share the key."
  ),
  key: external_exports.enum(["ip", "identity"]).default("ip").describe(
    "What the limiter counts by: `ip` (every request opsgate sent to the host in the window counts), `identity` (only this identity's requests: limiters keyed by user or token)."
  ),
  "uncounted-paths": external_exports.array(targetPath).default([]).describe(
    "Paths the limiter does not count (`/api/auth/login`, or a prefix ending in `*`), left out of the ledger count."
  ),
  "expect-status": httpStatus.default(429),
  window: duration.optional().describe(
    "The limiter window (e.g. 15m): requests opsgate sent to the host within it are subtracted from the budget. Never slept out. Unset: every earlier request of the run counts."
  ),
  "max-duration": duration.default("60s").describe("Time bound for the whole burst.")
}).strict();
var abuseSection = external_exports.object({
  enabled: external_exports.boolean().default(true),
  "login-limiter": loginLimiter.optional(),
  "global-limit": globalLimit.optional()
}).strict().optional();

// src/core/config/sections/dast.ts
var zapRisk = external_exports.enum(["info", "low", "medium", "high"]);
var isoDate = external_exports.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date as YYYY-MM-DD" }).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: "expected a real calendar date" });
var dastSuppression = external_exports.object({
  rule: external_exports.string().regex(/^(\d+(-\d+)?|wapiti-[a-z0-9-]+)$/, {
    error: "expected a ZAP rule id such as 10038, an alertRef such as 10038-1, or a wapiti rule such as wapiti-cross-site-scripting"
  }).describe(
    "ZAP plugin id (all alerts of the rule) or alertRef (one variant of it), or a wapiti rule id."
  ),
  url: external_exports.string().optional().describe("Regular expression an alert URL must match (searched anywhere in the URL)."),
  parameter: external_exports.string().optional().describe("Only alerts on this parameter (exact, case-insensitive)."),
  reason: external_exports.string().min(10, { error: "say why in at least 10 characters" }).describe("Why this is accepted."),
  owner: external_exports.string().min(1).describe("Who answers for the exception (person or team)."),
  expires: isoDate.describe(
    "Last day the exception holds (YYYY-MM-DD); afterwards it is reported, not applied."
  )
}).strict();
var rulesFile = external_exports.object({
  path: external_exports.string().min(1).describe("Path of the rules.tsv, relative to opsgate.yml."),
  owner: external_exports.string().min(1).describe("Who answers for the IGNORE/OUTOFSCOPE lines of this file."),
  expires: isoDate.describe("When the file must be reviewed again; afterwards its IGNOREs stop applying.")
}).strict();
var apiDefinition = external_exports.object({
  definition: external_exports.string().min(1).describe(
    "URL or file (relative to opsgate.yml) of the API definition; the GraphQL endpoint URL for graphql."
  ),
  format: external_exports.enum(["openapi", "graphql", "soap"]).default("openapi"),
  schema: external_exports.string().optional().describe("GraphQL schema URL or file (zap-api-scan.py --schema).")
}).strict();
var repoFile = external_exports.string().min(1).refine((f) => !/^[/\\]|^[A-Za-z][A-Za-z0-9+.-]*:|\\|(^|\/)\.\.(\/|$)/.test(f), {
  error: "expected a path relative to the repository root (no leading /, no scheme, no .., forward slashes)"
});
var sarifOptions = external_exports.object({
  informational: external_exports.enum(["omit", "note"]).default("omit").describe(
    "Informational findings: omit leaves them out of the SARIF upload; note keeps them as notes without a security severity."
  ),
  locations: external_exports.array(
    external_exports.object({
      url: external_exports.string().describe("Regular expression a finding URL must match (searched anywhere in it)."),
      file: repoFile.describe("File that serves those URLs, relative to the repository root."),
      line: external_exports.number().int().positive().default(1).describe("Line in that file.")
    }).strict()
  ).default([]).describe("Path mapping: the first entry whose url matches places the result; else opsgate.yml.")
}).strict().default({ informational: "omit", locations: [] });
var dastSection = external_exports.object({
  enabled: external_exports.boolean().default(true),
  mode: external_exports.enum(["baseline", "full", "api"]).default("baseline").describe(
    "baseline: spider + passive rules (safe anywhere). full: active attack scan (needs target.allow-destructive and an allow-listed host). api: scan an OpenAPI/GraphQL/SOAP definition."
  ),
  engine: external_exports.enum(["zap-docker", "zap-local", "wapiti", "auto"]).default("zap-docker").describe(
    "zap-docker runs the official image and its scan scripts; zap-local drives a zap.sh on PATH with an Automation Framework plan; wapiti runs the OS package behind opsgate's scope proxy; auto picks ZAP where Docker or zap.sh is available, else wapiti."
  ),
  image: external_exports.string().default("ghcr.io/zaproxy/zaproxy:stable").describe("ZAP image for zap-docker; pin a tag or digest for reproducible scans."),
  "docker-network": external_exports.string().optional().describe(
    'docker run --network; defaults to "host" when the target is loopback so the container can reach it.'
  ),
  "zap-command": external_exports.string().default("zap.sh").describe("The zap.sh to run for zap-local."),
  "wapiti-command": external_exports.string().default("wapiti").describe("The wapiti to run for engine wapiti (or auto)."),
  "start-path": targetPath.default("/").describe("Where the spider starts, relative to target.base-url."),
  api: apiDefinition.optional().describe("Required for mode: api."),
  identity: external_exports.string().optional().describe(
    "Identity (from identities) whose auth header ZAP sends on every request (ZAP_AUTH_HEADER / ZAP_AUTH_HEADER_VALUE), for authenticated scans."
  ),
  "spider-minutes": external_exports.number().int().positive().default(1).describe("How long the spider runs (-m)."),
  "ajax-spider": external_exports.boolean().default(false).describe("Also run the browser-based spider (-j)."),
  "max-minutes": external_exports.number().int().positive().optional().describe("Upper bound for ZAP start-up and passive scanning (-T)."),
  timeout: duration.default("60m").describe("The scan process is killed after this long (exit 3)."),
  "zap-options": external_exports.array(external_exports.string()).default([]).describe(
    'Extra ZAP command line options passed with -z, e.g. ["-config", "scanner.threadPerHost=2"].'
  ),
  "fail-on": zapRisk.default("high").describe(
    "Lowest ZAP risk that fails the gate after suppressions; lower alerts are reported as warnings."
  ),
  suppressions: external_exports.array(dastSuppression).default([]),
  "rules-file": rulesFile.optional().describe("Import an existing ZAP rules.tsv (IGNORE/INFO/WARN/FAIL/OUTOFSCOPE)."),
  sarif: sarifOptions.describe("SARIF for GitHub code scanning: locations and informational findings."),
  "on-missing-engine": external_exports.enum(["error", "skip"]).default("error").describe(
    "When Docker (or zap.sh) is not available: error (exit 3) or record a skipped scan with the reason."
  )
}).strict().superRefine((d, ctx) => {
  if (d.mode === "api" && !d.api)
    ctx.addIssue({ code: "custom", path: ["api"], message: "mode: api needs api.definition" });
  if (d.api?.format === "graphql" && !/^https?:\/\//.test(d.api.definition))
    ctx.addIssue({
      code: "custom",
      path: ["api", "definition"],
      message: "a graphql definition is the endpoint URL (http:// or https://)"
    });
  d.sarif.locations.forEach((l, i) => {
    try {
      new RegExp(l.url);
    } catch (err) {
      ctx.addIssue({
        code: "custom",
        path: ["sarif", "locations", i, "url"],
        message: `not a valid regular expression: ${err.message}`
      });
    }
  });
  d.suppressions.forEach((s, i) => {
    if (s.url === void 0) return;
    try {
      new RegExp(s.url);
    } catch (err) {
      ctx.addIssue({
        code: "custom",
        path: ["suppressions", i, "url"],
        message: `not a valid regular expression: ${err.message}`
      });
    }
  });
}).optional();

// src/core/config/sections/db.ts
var postgresUrl = external_exports.string().regex(/^postgres(ql)?:\/\//, { error: "expected a postgres:// connection URL" });
var dbPlanRules = external_exports.object({
  forbid: external_exports.array(external_exports.string().min(1)).default([]).describe(
    "Plan nodes that must not appear, as `<Node Type>` or `<Node Type> on <relation>` (e.g. `Seq Scan on units`)."
  ),
  "require-index": external_exports.array(external_exports.string().min(1)).default([]).describe("Indexes the plan must use (index, index-only or bitmap index scan), by name."),
  "max-cost": external_exports.number().positive().optional().describe("Upper bound on the planner’s total cost of the top plan node.")
}).strict();
var dbQueryGuard = external_exports.object({
  name: external_exports.string().min(1).describe("Stable name; it is what a failure report and the baseline key on."),
  sql: external_exports.string().min(1).describe(
    "One SELECT (placeholders `$1`, `$2`, …). It runs as `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` in a read-only transaction that is rolled back; one statement only."
  ),
  params: external_exports.array(external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean(), external_exports.null()])).default([]).describe("Values for `$1`, `$2`, … (sent as parameters, never spliced into the text)."),
  runs: external_exports.number().int().min(1).max(1e3).default(10).describe("How many times the plan is executed; p50/p95 are over these runs."),
  "max-p95-ms": external_exports.number().positive().optional().describe("p95 of the execution time reported by EXPLAIN ANALYZE, in ms."),
  plan: dbPlanRules.default({ forbid: [], "require-index": [] })
}).strict();
var dbSection = external_exports.object({
  enabled: external_exports.boolean().default(true),
  url: postgresUrl.describe(
    "Database to inspect, normally `${OPSGATE_DB_URL}`: a read-only role with `pg_read_all_stats` is enough. Never written to evidence or logs."
  ),
  "statement-timeout": duration.default("5s").describe("`statement_timeout` of every session the check opens; a runaway query is cancelled."),
  "top-n": external_exports.number().int().min(1).max(100).default(5).describe("How many statements the top-queries tables list (by total and by mean time)."),
  "reset-statistics": external_exports.boolean().default(false).describe(
    "Call `pg_stat_statements_reset()` first, so a drill window starts from zero (needs EXECUTE on it)."
  ),
  thresholds: external_exports.object({
    "min-calls": external_exports.number().int().min(1).default(10).describe("Only statements called at least this often are held to max-mean-ms."),
    "max-mean-ms": external_exports.number().positive().optional().describe("No statement with ≥ min-calls calls may have a mean execution time above this.")
  }).strict().default({ "min-calls": 10 }),
  queries: external_exports.array(dbQueryGuard).default([]).describe("Query guards: EXPLAIN ANALYZE runs with plan rules."),
  health: external_exports.object({
    "pool-size": external_exports.number().int().positive().optional().describe(
      "The application’s connection pool size: connections open to this database may not exceed it."
    ),
    "max-connections-ratio": external_exports.number().positive().max(1).default(0.8).describe("Connections open on the server may not exceed this share of max_connections."),
    "min-cache-hit-ratio": external_exports.number().min(0).max(1).optional().describe(
      "Shared-buffer hit ratio of this database (blks_hit / (hit + read)) must be at least this."
    ),
    "max-dead-tuple-ratio": external_exports.number().positive().max(1).default(0.2).describe(
      "A table with at least 1,000 dead rows above this share of its rows gets a VACUUM finding."
    )
  }).strict().default({ "max-connections-ratio": 0.8, "max-dead-tuple-ratio": 0.2 }).describe(
    "Index and table health: invalid and unused indexes, dead tuples, cache hit ratio, connections."
  ),
  regression: external_exports.object({
    limit: external_exports.number().positive().default(0.5).describe("Relative increase of a guard’s p95 vs the baseline that counts as a regression."),
    "noise-floor-ms": external_exports.number().nonnegative().default(2).describe("Absolute p95 increase below which a change is noise.")
  }).strict().default({ limit: 0.5, "noise-floor-ms": 2 }).describe("Guards are compared with the last passing db run in the store: p95 and plan shape.")
}).strict().superRefine((d, ctx) => {
  const seen = /* @__PURE__ */ new Set();
  d.queries.forEach((q, i) => {
    if (seen.has(q.name))
      ctx.addIssue({
        code: "custom",
        path: ["queries", i, "name"],
        message: `duplicate guard name "${q.name}"`
      });
    seen.add(q.name);
  });
}).optional();

// src/core/config/sections/gate.ts
var gateSection = external_exports.object({
  "fail-on-severity": severity.default("medium").describe("Unsuppressed findings at or above this severity fail the gate; lower ones warn."),
  "fail-on-warn": external_exports.boolean().default(false).describe("Treat warnings as failures (strict mode)."),
  required: external_exports.array(external_exports.string()).default([]).describe("Checks whose evidence must be present; a missing one fails the gate."),
  checks: external_exports.record(external_exports.string(), external_exports.object({ "fail-on-severity": severity.optional() }).strict()).default({}).describe("Per-check overrides, e.g. dast: { fail-on-severity: high }.")
}).strict().default({ "fail-on-severity": "medium", "fail-on-warn": false, required: [], checks: {} });

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

// src/core/config/sections/identities.ts
var base = {
  headers: headerMap.optional().describe("Extra headers this identity always sends."),
  "target-headers": external_exports.boolean().default(true).describe(
    "Send target.headers too. Abuse identities turn this off so a bypass header does not hide the limiter."
  )
};
var loginRequest = external_exports.object({
  method: httpMethod.default("POST"),
  path: targetPath,
  body: external_exports.unknown().optional().describe("JSON body of the login request."),
  form: external_exports.record(external_exports.string(), external_exports.string()).optional().describe("Form-encoded body, for classic login forms."),
  headers: headerMap.optional()
}).strict();
var captureFields = {
  capture: external_exports.record(external_exports.string().regex(/^[A-Za-z0-9_-]+$/), external_exports.string()).optional().describe(
    "name → JSON path read from the login response (or from capture-from), used as `{identity.name}` in rbac placeholders, e.g. { id: $.user.id }."
  ),
  "capture-from": targetPath.optional().describe("Read the captures from GET this path as the logged-in identity instead (e.g. /api/me).")
};
var identitySchema = external_exports.discriminatedUnion(
  "kind",
  [
    external_exports.object({ kind: external_exports.literal("anonymous"), ...base }).strict(),
    external_exports.object({ kind: external_exports.literal("bearer"), token: external_exports.string().min(1), ...base }).strict(),
    external_exports.object({
      kind: external_exports.literal("api-key"),
      header: external_exports.string().default("X-API-Key"),
      value: external_exports.string().min(1),
      ...base
    }).strict(),
    external_exports.object({ kind: external_exports.literal("basic"), username: external_exports.string(), password: external_exports.string(), ...base }).strict(),
    external_exports.object({
      kind: external_exports.literal("json-login"),
      login: loginRequest,
      "token-path": external_exports.string().default("$.token").describe("JSON path of the token in the login response."),
      "token-header": external_exports.string().default("Authorization"),
      "token-scheme": external_exports.string().default("Bearer").describe("Prefix before the token; empty for none."),
      ...captureFields,
      ...base
    }).strict(),
    external_exports.object({
      kind: external_exports.literal("cookie-session"),
      login: loginRequest,
      csrf: external_exports.object({
        "from-path": targetPath.optional().describe("GET this path first to obtain the CSRF token."),
        "json-path": external_exports.string().optional().describe("Read the token from this JSON path of that response."),
        cookie: external_exports.string().optional().describe("Or read it from this cookie."),
        header: external_exports.string().default("X-CSRF-Token").describe("Header that carries the token on writes."),
        "login-field": external_exports.string().optional().describe("Also send the token in this login body field.")
      }).strict().optional(),
      ...captureFields,
      ...base
    }).strict()
  ],
  { error: "expected kind: anonymous, bearer, api-key, basic, json-login or cookie-session" }
);
var identitiesSection = external_exports.record(external_exports.string().regex(/^[a-z0-9][a-z0-9_-]*$/), identitySchema).default({
  anonymous: { kind: "anonymous", "target-headers": true }
});

// src/core/config/sections/server-metrics.ts
var METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
var LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
var metricName = external_exports.string().regex(METRIC_NAME, { error: "expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)" });
var labelMap = external_exports.record(
  external_exports.string().regex(LABEL_NAME, { error: "expected a Prometheus label name" }),
  external_exports.string()
);
var seriesSelector = external_exports.union([
  metricName,
  external_exports.object({
    metric: metricName.describe("Metric name as exposed, e.g. `db_pool_open_connections`."),
    labels: labelMap.optional().describe("Only series with these label values; several matching series are summed.")
  }).strict()
]);
var AGGREGATES = ["max", "avg", "last", "increase"];
var aggregate = external_exports.enum(AGGREGATES).describe(
  "Over the samples taken during and right after the run: max, avg, last, or increase (last − before, for counters)."
);
var cpuControl = external_exports.object({
  below: external_exports.number().positive().describe("Process CPU (% of `cores`) must stay below this."),
  aggregate: external_exports.enum(["max", "avg", "last"]).default("avg").describe("Over the CPU rates between scrapes during and right after the run."),
  cores: external_exports.number().positive().default(1).describe("Cores the process may use: 100 % means all of them (default 1: % of one core)."),
  metric: seriesSelector.default("process_cpu_seconds_total").describe("Counter of CPU seconds; the rate between two scrapes is the CPU use.")
}).strict();
var memoryControl = external_exports.object({
  "below-mb": external_exports.number().positive().describe("Resident memory (MB = 1,048,576 bytes) must stay below this."),
  aggregate: aggregate.default("max"),
  metric: seriesSelector.default("process_resident_memory_bytes").describe("Gauge of resident bytes.")
}).strict();
var poolControl = external_exports.object({
  below: external_exports.number().positive().max(100).describe("Pool usage (in use / size, %) must stay below this."),
  aggregate: aggregate.default("max"),
  "in-use": seriesSelector.optional().describe("Connections checked out; or give `open` and `idle`."),
  open: seriesSelector.optional().describe("Connections open (in use = open − idle), e.g. pg Pool totalCount."),
  idle: seriesSelector.optional().describe("Open connections not checked out, e.g. pg Pool idleCount."),
  size: seriesSelector.describe("The pool size (its configured maximum)."),
  waiting: seriesSelector.optional().describe("Requests waiting for a connection: shown with the usage.")
}).strict().refine((p) => p["in-use"] !== void 0 || p.open !== void 0 && p.idle !== void 0, {
  error: "expected in-use, or open and idle",
  path: ["in-use"]
});
var seriesControl = external_exports.object({
  name: external_exports.string().regex(/^[a-z0-9][a-z0-9 _-]*$/, { error: "expected a short name of a-z, 0-9, space, _ or -" }).max(60).optional().describe("Names the control (default: the metric name)."),
  metric: metricName.describe("Metric name as exposed."),
  labels: labelMap.optional().describe("Only series with these label values; several matching series are summed."),
  op: external_exports.enum(["<", "<=", ">", ">="]).default("<").describe("How the aggregated value compares with `value`."),
  value: external_exports.number().describe("The limit, in the metric’s own unit (bytes, seconds, a count)."),
  aggregate: aggregate.default("max")
}).strict();
var serverMetricsSection = external_exports.object({
  url: targetPath.describe("The Prometheus endpoint, origin-relative like every path (e.g. /metrics)."),
  identity: external_exports.string().default("anonymous").describe("Who scrapes (a key of `identities`), for endpoints behind a token or basic auth."),
  interval: duration.default("2s").describe("Time between scrapes while the load runs (at least 250ms)."),
  timeout: duration.default("2s").describe("One scrape’s time limit; a slower answer is a failed sample."),
  "max-samples": external_exports.number().int().min(1).max(1e3).default(120).describe("Scrapes during the run at most (plus one before and one after)."),
  "max-bytes": external_exports.number().int().min(1024).max(64 * 1024 * 1024).default(4 * 1024 * 1024).describe("A larger answer is not read: the sample records the failure."),
  cpu: cpuControl.optional().describe("Gate on the process CPU of the target."),
  memory: memoryControl.optional().describe("Gate on the resident memory of the target."),
  "db-pool": poolControl.optional().describe("Gate on the database pool usage (in use / size)."),
  series: external_exports.array(seriesControl).optional().describe("Gates on any named series.")
}).strict().superRefine((v, ctx) => {
  if (durationMs(v.interval) < 250)
    ctx.addIssue({
      code: "custom",
      path: ["interval"],
      message: "expected at least 250ms between scrapes"
    });
});

// src/core/config/sections/load.ts
var DEFAULT_NOISE_FLOOR_MS = 50;
var LOAD_PROFILES = ["smoke", "baseline", "steady", "ramp", "spike", "soak", "stress"];
var loadStage = external_exports.object({
  duration: duration.describe("How long this stage lasts (e.g. 30s, 5m)."),
  target: external_exports.number().int().nonnegative().describe("Virtual users at the end of the stage.")
}).strict();
var loadThresholds = external_exports.object({
  p95: external_exports.number().positive().optional().describe("95th percentile latency must stay below this (ms)."),
  p99: external_exports.number().positive().optional().describe("99th percentile latency must stay below this (ms)."),
  "error-rate": external_exports.number().min(0).max(1).optional().describe("Share of failed requests (0.01 = 1 %) that must not be exceeded."),
  "min-rps": external_exports.number().nonnegative().optional().describe("Throughput that must be sustained (requests per second) over the whole run.")
}).strict();
var loadEndpoint = external_exports.object({
  name: external_exports.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "expected a short name of a-z, 0-9, _ or -" }).describe("Stable name: tags every request, names thresholds and metrics, keys the baseline."),
  method: httpMethod.default("GET"),
  path: targetPath,
  body: external_exports.unknown().optional().describe("JSON body for POST/PUT/PATCH."),
  headers: headerMap.optional().describe("Extra headers for this endpoint only."),
  identity: external_exports.string().default("anonymous").describe("Who sends the request (a key of `identities`); logs in once per virtual user."),
  weight: external_exports.number().positive().default(1).describe("Relative share of the traffic; 3 gets three times the requests of 1."),
  tags: external_exports.record(external_exports.string(), external_exports.string()).optional().describe("Extra k6 tags for your own dashboards."),
  expect: external_exports.array(httpStatus).min(1).default([200]).describe("Statuses that count as success; anything else is a failure with its status as reason."),
  thresholds: loadThresholds.optional().describe("Promises for this endpoint alone.")
}).strict();
var loadRegression = external_exports.object({
  limit: external_exports.number().positive().default(0.2).describe("Relative increase (0.20 = +20 %) of a latency metric that counts as a regression."),
  "noise-floor-ms": external_exports.number().nonnegative().default(DEFAULT_NOISE_FLOOR_MS).describe(
    "Absolute increase below which a change is noise, however large in relative terms (default measured on a shared 2-core runner, see docs/checks/load.md)."
  ),
  metrics: external_exports.array(external_exports.enum(["p50", "p90", "p95", "p99"])).min(1).default(["p95", "p99"]).describe("Latency percentiles compared with the baseline, per endpoint and in total."),
  test: external_exports.enum(["none", "z-score"]).default("none").describe(
    "Also require a statistical outlier against the last `window` baselines, so a noisy runner does not flap."
  ),
  window: external_exports.number().int().min(1).default(5).describe(
    "K: the baseline is the median of the last K accepted runs of the same plan, engine and profile."
  ),
  "min-runs": external_exports.number().int().min(1).default(3).describe(
    "Accepted runs needed before a regression can fail; with fewer the comparison is inconclusive (warn)."
  ),
  "min-samples": external_exports.number().int().min(1).default(30).describe("Latency samples an endpoint needs in this run for its percentiles to be compared."),
  "z-limit": external_exports.number().positive().default(3).describe("z-score above which the current value is an outlier vs the window.")
}).strict();
var loadBaseline = external_exports.object({
  commit: external_exports.string().optional().describe(
    "Compare with the evidence of this commit (the PR base). Overridden by --baseline-commit / OPSGATE_BASELINE_COMMIT."
  ),
  branch: external_exports.string().default("main").describe("Otherwise compare with the latest run stored for this branch (the default branch)."),
  "fallback-latest": external_exports.boolean().default(true).describe("With nothing stored for the branch, use the latest stored run of any branch."),
  store: external_exports.boolean().default(true).describe("Store this run so later runs can compare with it.")
}).strict();
var loadSection = external_exports.object({
  enabled: external_exports.boolean().default(true),
  engine: external_exports.enum(["auto", "k6", "embedded"]).default("auto").describe("k6 (primary), the embedded Node engine for machines without k6, or auto: k6 when found."),
  profile: external_exports.enum(LOAD_PROFILES).default("smoke").describe("Traffic shape with sensible default stages; override with stages, or vus + duration."),
  stages: external_exports.array(loadStage).min(1).optional().describe("Replace the profile stages."),
  vus: external_exports.number().int().positive().optional().describe("Constant virtual users (with duration)."),
  duration: duration.optional().describe("Length of a constant-VU run (with vus)."),
  iterations: external_exports.number().int().positive().optional().describe("Send exactly this many requests in total, shared by the VUs (deterministic totals)."),
  "think-time": duration.default(0).describe("Pause of each virtual user between requests."),
  "timeout-ms": external_exports.number().int().positive().optional().describe("Per-request timeout; defaults to target.timeout-ms. A timeout is a failure reason."),
  script: external_exports.string().min(1).optional().describe(
    "Your own k6 script (path relative to opsgate.yml), run unchanged; its thresholds become controls. Replaces endpoints."
  ),
  from: external_exports.string().min(1).optional().describe(
    "Read a result produced elsewhere instead of generating load: k6 --summary-export or handleSummary JSON, the k6 machine-readable summary, or an Artillery JSON report."
  ),
  "endpoint-thresholds": external_exports.record(external_exports.string(), loadThresholds).optional().describe(
    "Promises per endpoint of a script or a file, keyed by the k6 `name` tag (or `METHOD /path` group, or the Artillery URL)."
  ),
  endpoints: external_exports.array(loadEndpoint).min(1, { error: "expected at least one endpoint" }).check(
    external_exports.superRefine(
      (list, ctx) => {
        if (!Array.isArray(list)) return;
        const names = /* @__PURE__ */ new Set();
        list.forEach((e, i) => {
          const name = e?.name;
          if (typeof name !== "string") return;
          if (names.has(name))
            ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate name "${name}"` });
          names.add(name);
        });
      },
      // Also when other endpoint fields are wrong, so every problem is named at once.
      { when: () => true }
    )
  ).optional(),
  thresholds: loadThresholds.default({ "error-rate": 0.01 }).describe("Promises for all endpoints together (default: error rate below 1 %)."),
  dataset: external_exports.string().optional().describe('What data the target held, e.g. "1,000 companies, 5,000 units"; recorded into evidence.'),
  regression: loadRegression.default({
    limit: 0.2,
    "noise-floor-ms": DEFAULT_NOISE_FLOOR_MS,
    metrics: ["p95", "p99"],
    test: "none",
    window: 5,
    "min-runs": 3,
    "min-samples": 30,
    "z-limit": 3
  }),
  baseline: loadBaseline.default({ branch: "main", "fallback-latest": true, store: true }),
  "server-metrics": serverMetricsSection.optional().describe(
    "Read the target's Prometheus endpoint before, during and after the run, and gate on its CPU, memory, database pool or any series."
  )
}).strict().superRefine((v, ctx) => {
  if (!v.endpoints && !v.script && !v.from)
    ctx.addIssue({
      code: "custom",
      path: ["endpoints"],
      message: "expected endpoints, a script or a file to read (from)"
    });
  if (v.script && v.from)
    ctx.addIssue({ code: "custom", path: ["from"], message: "script and from do not go together" });
  if (v.vus === void 0 !== (v.duration === void 0) && v.iterations === void 0)
    ctx.addIssue({
      code: "custom",
      path: [v.vus === void 0 ? "vus" : "duration"],
      message: "vus and duration go together"
    });
}).optional();

// src/core/config/sections/restore.ts
var postgresUrl2 = external_exports.string().regex(/^postgres(ql)?:\/\//, { error: "expected a postgres:// connection URL" });
var backupSource = external_exports.discriminatedUnion(
  "kind",
  [
    external_exports.object({
      kind: external_exports.literal("pg-dump"),
      url: postgresUrl2.describe(
        "Source database URL, normally `${SOURCE_DATABASE_URL}`. Read-only credentials are enough: the drill only runs pg_dump and SELECT count(*)."
      ),
      dir: external_exports.string().default(".opsgate/backups").describe(
        "Where the fresh dump (and its .counts.json sidecar) is written, relative to the config file."
      )
    }).strict(),
    external_exports.object({
      kind: external_exports.literal("path"),
      path: external_exports.string().min(1).describe(
        "A backup file or a glob (`backups/*.dump`); the newest match by modification time is restored. Custom format `.dump`, plain `.sql` or `.sql.gz`."
      )
    }).strict(),
    external_exports.object({
      kind: external_exports.literal("command"),
      run: external_exports.string().min(1).describe(
        "Shell command that fetches a backup (e.g. from object storage); `{path}` is replaced by the file it must write. Runs in the directory of opsgate.yml."
      ),
      format: external_exports.enum(["custom", "sql", "sql.gz"]).default("custom").describe("Format of the file the command writes."),
      "timeout-ms": external_exports.number().int().positive().default(30 * 6e4).describe("The fetch is killed after this long.")
    }).strict()
  ],
  { error: "backup.kind must be one of pg-dump, path, command" }
);
var comparisonOp = external_exports.enum([">=", "=", "<=", ">", "<", "!="], {
  error: "expected one of >=, =, <=, >, <, !="
});
var restoreAssertion = external_exports.object({
  name: external_exports.string().min(1).describe("Stable name; it is what a failure report names."),
  sql: external_exports.string().min(1).describe("A query whose first row, first column is compared (e.g. SELECT count(*) …)."),
  expect: external_exports.object({
    op: comparisonOp.default(">="),
    value: external_exports.union([external_exports.number(), external_exports.string(), external_exports.boolean()])
  }).strict().describe('e.g. `{op: "=", value: 0}` for an orphan check, `{op: ">=", value: 1}` for "has data".'),
  severity: external_exports.enum(["low", "medium", "high", "critical"]).default("high")
}).strict();
var retentionPolicy = external_exports.object({
  dir: external_exports.string().optional().describe(
    "Backup directory to audit (relative to the config file); defaults to the backup source directory."
  ),
  pattern: external_exports.string().default("*").describe("Glob of backup file names inside dir; other files are ignored."),
  daily: external_exports.number().int().nonnegative().default(30).describe("Days for which one backup per day must exist."),
  weekly: external_exports.number().int().nonnegative().default(12).describe("ISO weeks for which one backup per week must exist."),
  monthly: external_exports.number().int().nonnegative().default(12).describe("Months for which one backup per month must exist."),
  "date-from": external_exports.enum(["name", "mtime"]).default("name").describe(
    "Take a backup’s date from a YYYY-MM-DD (or YYYYMMDD) in its file name, or from its modification time."
  )
}).strict();
var restoreSection = external_exports.object({
  enabled: external_exports.boolean().default(true),
  backup: backupSource.describe("The backup to prove restorable."),
  scratch: external_exports.object({
    url: postgresUrl2.describe(
      "Server the drill restores into (`${SCRATCH_PG_URL}`), with CREATEDB rights. The drill creates `opsgate_drill_<timestamp>_<rand>` there, tagged with its host and pid, and drops it; it also drops those of dead drills owned by the same role."
    ),
    "sweep-after": duration.default("24h").describe(
      "A drill database tagged by another host (or untagged) is taken as abandoned after this long and dropped by the next drill; on this host a dead pid is enough."
    )
  }).strict(),
  recovery: external_exports.object({
    "server-url": external_exports.string().min(1).optional().describe(
      "Shell command that prints the URL of the server to restore into in a real recovery (CREATEDB rights), e.g. a secret-store lookup. The disaster-recovery runbook runs it into `$RECOVERY_SERVER_URL`; without it the runbook asks on-call to paste the URL. The URL is never written into the runbook."
    ),
    "server-start": external_exports.string().min(1).optional().describe(
      "Shell command that starts that server when it is down (e.g. after a fault drill stopped it); shown in the runbook before the restore steps."
    )
  }).strict().optional().describe(
    "How on-call reaches the recovery server; commands run in the directory of opsgate.yml, like the runbook’s."
  ),
  jobs: external_exports.number().int().positive().optional().describe("Parallel pg_restore jobs; defaults to the number of CPU cores."),
  verify: external_exports.object({
    assertions: external_exports.array(restoreAssertion).default([]),
    "row-counts": external_exports.object({
      tables: external_exports.union([external_exports.literal("all"), external_exports.array(external_exports.string().min(1))]).default("all").describe("Tables (schema.table or table) whose row counts must match, or `all`."),
      "compare-with": external_exports.enum(["recorded", "source"]).default("recorded").describe(
        "`recorded`: counts stored beside the backup when it was taken (<dump>.counts.json); `source`: count the source database now (pg-dump source only)."
      )
    }).strict().optional().describe("Compare per-table row counts of the restored database with the backup’s."),
    "smoke-queries": external_exports.array(external_exports.string().min(1)).default([]).describe(
      "Queries that must run without error on the restored database (e.g. the app’s hot paths)."
    )
  }).strict().default({ assertions: [], "smoke-queries": [] }),
  rto: duration.default("15m").describe("Recovery time objective: fetch + create + restore + verify must fit."),
  rpo: duration.default("24h").describe("Recovery point objective: the backup may be at most this old."),
  retention: retentionPolicy.optional().describe("Retention compliance of the backup directory."),
  "drill-log": external_exports.object({
    "max-age": duration.default("35d").describe(
      "The gate fails when the last passing drill is older than this (monthly drills + slack)."
    )
  }).strict().default({ "max-age": "35d" })
}).strict().superRefine((r, ctx) => {
  if (r.verify["row-counts"]?.["compare-with"] === "source" && r.backup.kind !== "pg-dump")
    ctx.addIssue({
      code: "custom",
      path: ["verify", "row-counts", "compare-with"],
      message: `compare-with: source needs backup.kind: pg-dump (this backup is kind: ${r.backup.kind}); use recorded`
    });
}).optional();

// src/core/config/sections/store.ts
var storeSection = external_exports.object({
  dir: external_exports.string().default(".opsgate/store").describe("Local evidence store directory (relative to the config file).")
}).strict().default({ dir: ".opsgate/store" });

// src/core/config/sections/target.ts
var targetSection = external_exports.object({
  "base-url": external_exports.url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://staging.example.com" }).describe("Base URL of the deployed target; every probe path is resolved against it."),
  name: external_exports.string().optional().describe("Human name shown in reports (defaults to the host)."),
  "allow-hosts": external_exports.array(external_exports.string().min(1)).optional().describe(
    "Hosts opsgate may send traffic to. Defaults to the host of base-url. Destructive probes and load only run against hosts listed here."
  ),
  "allow-destructive": external_exports.boolean().default(false).describe(
    "Allow requests that change data: POST/PUT/PATCH/DELETE from any check (probes, load endpoints, abuse probes) and active scans. Also needs the host listed in allow-hosts. Off by default so pointing opsgate at production is safe."
  ),
  "timeout-ms": external_exports.number().int().positive().default(1e4).describe("Per-request timeout for probes."),
  headers: headerMap.default({}).describe(
    "Headers sent with every request (e.g. a rate-limit bypass for load tests). Values may use ${ENV}."
  )
}).strict();

// src/core/config/schema.ts
var configSchema = external_exports.object({
  version: external_exports.literal(1, { error: "expected version: 1" }).default(1),
  target: targetSection,
  identities: identitiesSection,
  headers: headersSection,
  load: loadSection,
  rbac: rbacSection,
  abuse: abuseSection,
  restore: restoreSection,
  dast: dastSection,
  db: dbSection,
  fault: faultSection,
  gate: gateSection,
  store: storeSection
}).strict();
var CHECK_NAMES = ["headers", "load", "rbac", "abuse", "restore", "dast", "db", "fault"];

// src/core/config/interpolate.ts
var ENV_REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
var notSecret = /* @__PURE__ */ new Set(["target.base-url", "target.name", "target.allow-hosts", "store.dir"]);
function isPlainPath(path) {
  return notSecret.has(path.filter((p) => typeof p === "string").join("."));
}
function interpolateEnv(value, env, problems, start = []) {
  const path = [...start];
  const visit = (value2) => {
    if (typeof value2 === "string") {
      if (!value2.includes("${")) return value2;
      const plain = isPlainPath(path);
      if (value2.replace(ENV_REFERENCE, "").includes("${")) {
        problems.push({
          path: formatPath(path),
          message: "unterminated or malformed ${...} reference (write ${NAME} or ${NAME:-default}; $${ for a literal ${)"
        });
        return "";
      }
      return value2.replace(ENV_REFERENCE, (whole, name, fallback) => {
        if (whole === "$${") return "${";
        const v = env[name] ?? fallback;
        if (v === void 0) {
          problems.push({ path: formatPath(path), message: `environment variable ${name} is not set` });
          return "";
        }
        if (!plain) registerSecret(v);
        return v;
      });
    }
    if (Array.isArray(value2))
      return value2.map((v, i) => {
        path.push(i);
        const out = visit(v);
        path.pop();
        return out;
      });
    if (value2 && typeof value2 === "object") {
      const out = {};
      for (const [k, v] of Object.entries(value2)) {
        path.push(k);
        out[k] = visit(v);
        path.pop();
      }
      return out;
    }
    return value2;
  };
  return visit(value);
}
function formatPath(path) {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export {
  REFERRER_POLICIES,
  headersSection,
  METRIC_NAME,
  LABEL_NAME,
  targetSection,
  configSchema,
  CHECK_NAMES,
  ENV_REFERENCE,
  isPlainPath,
  interpolateEnv,
  formatPath
};
