import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  duration,
  durationMs,
  external_exports,
  headerMap,
  httpMethod,
  httpStatus,
  targetPath
} from "./chunk-MLKP6OQN.js";

// src/core/config/sections/fault.ts
var statusMatch = external_exports.union([
  httpStatus,
  external_exports.string().regex(/^[1-5]xx$/, { error: "expected an HTTP status (100-599) or a class such as 2xx" })
]);
var commandAction = external_exports.object({
  command: external_exports.array(external_exports.string().min(1)).min(1, { error: "expected the program and its arguments as a list, e.g. [pg_ctl, stop, -D, /data]" }).describe(
    'Program and arguments as a list, run without a shell (no globbing, no `$VAR`, no pipes). A shell only when you write one: `[sh, -c, "…"]`. Arguments are recorded in the evidence: pass secrets through `env`.'
  ),
  env: headerMap.default({}).describe(
    "Extra environment variables for the command, normally `${ENV}` references (passwords, tokens): they reach the program but never its argv or the evidence."
  ),
  cwd: external_exports.string().optional().describe("Working directory, relative to the config file."),
  timeout: duration.default("60s").describe("The command is stopped (SIGTERM, then SIGKILL) after this long; a timeout is a failure."),
  "expect-exit": external_exports.array(external_exports.number().int().min(0).max(255)).default([0]).describe("Exit codes that mean the action worked.")
}).strict();
var httpAction = external_exports.object({
  http: external_exports.object({
    method: httpMethod.default("POST"),
    url: external_exports.url({ protocol: /^https?$/, error: "expected an absolute http(s) URL" }).describe("Absolute URL of the fault proxy; its host must be in target.allow-hosts."),
    headers: headerMap.default({}),
    body: external_exports.unknown().optional().describe("JSON body (objects) or text (strings)."),
    "expect-status": external_exports.array(statusMatch).default(["2xx"])
  }).strict(),
  timeout: duration.default("10s").describe("Per-request timeout of the call.")
}).strict();
var faultAction = external_exports.union([commandAction, httpAction], {
  error: "expected either `command: [program, args…]` or `http: {url, …}`"
});
function describeAction(a) {
  if ("command" in a) return a.command.map(shellQuote).join(" ");
  return `${a.http.method} ${a.http.url}`;
}
function shellQuote(arg) {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
var phaseExpectation = external_exports.object({
  status: external_exports.array(statusMatch).min(1).default(["2xx"]).describe(
    "Statuses allowed, e.g. `[200, 503]`; anything else (a 500, a timeout) is outside the budget."
  ),
  "retry-after": external_exports.boolean().default(false).describe(
    "Answers outside 2xx must carry a `Retry-After` header (graceful degradation tells clients when to retry)."
  ),
  "max-latency": duration.optional().describe("Each answer must arrive within this long."),
  p95: duration.optional().describe("The 95th percentile latency of the phase must stay under this.")
}).strict();
var healthy = { status: ["2xx"], "retry-after": false };
var probeEndpoint = external_exports.object({
  name: external_exports.string().min(1).describe("Stable name used in reports and threshold names."),
  method: external_exports.enum(["GET", "HEAD"]).default("GET").describe("Probes only read: they run hundreds of times."),
  path: targetPath,
  identity: external_exports.string().default("anonymous").describe("Identity (from identities) the probe sends as."),
  expect: external_exports.object({
    before: phaseExpectation.default(healthy).describe("Before the fault (default: 2xx)."),
    during: phaseExpectation.default(healthy).describe("From inject until recovery, e.g. `{status: [200, 503], retry-after: true}`."),
    after: phaseExpectation.default(healthy).describe('After recovery (default: 2xx); also what a "healthy" probe is for healthy-after.')
  }).strict().default({ before: healthy, during: healthy, after: healthy }),
  detect: external_exports.object({ status: external_exports.array(statusMatch).min(1) }).strict().optional().describe(
    "What it looks like when the target has noticed the fault, e.g. `{status: [503]}` for /health. Time to detect is the first such answer after inject; without it, the first answer outside `expect.before`."
  )
}).strict();
var consistencyCheck = external_exports.union(
  [
    external_exports.object({
      name: external_exports.string().min(1),
      http: external_exports.object({
        path: targetPath,
        identity: external_exports.string().default("anonymous"),
        "expect-status": external_exports.array(statusMatch).default(["2xx"]),
        "body-contains": external_exports.string().optional().describe("Text the response body must contain.")
      }).strict()
    }).strict(),
    external_exports.object({
      name: external_exports.string().min(1),
      sql: external_exports.object({
        url: external_exports.string().regex(/^postgres(ql)?:\/\//, { error: "expected a postgres:// connection URL" }),
        query: external_exports.string().min(1).describe("First column of the first row is compared."),
        expect: external_exports.object({
          op: external_exports.enum([">=", "=", "<=", ">", "<", "!="]).default("="),
          value: external_exports.union([external_exports.number(), external_exports.string(), external_exports.boolean()])
        }).strict()
      }).strict()
    }).strict()
  ],
  { error: "expected `http: {path, …}` or `sql: {url, query, expect}`" }
);
var shareError = { error: "expected a share between 0 and 1 (0.05 = 5 %)" };
var share = external_exports.number(shareError).min(0, shareError).max(1, shareError);
var faultScenario = external_exports.object({
  name: external_exports.string().min(1).describe("Stable name; thresholds and the runbook section are named after it."),
  description: external_exports.string().optional(),
  inject: faultAction.describe("Breaks the dependency (e.g. `[pg_ctl, stop, -D, /data, -m, fast]`)."),
  recover: faultAction.describe(
    "Repairs it. Always runs — after success, failure, timeout, SIGINT and SIGTERM — and a failure is a finding."
  ),
  probe: external_exports.object({
    rate: external_exports.number().positive().max(50, { error: "at most 50 probe rounds per second" }).default(5).describe("Probe rounds per second (each round asks every endpoint once), at most 50."),
    timeout: duration.default("2s").describe("Per-request timeout of a probe."),
    endpoints: external_exports.array(probeEndpoint).min(1),
    phases: external_exports.object({
      before: duration.default("2s").describe("Healthy baseline before inject."),
      during: duration.default("5s").describe("How long the fault stays in after inject returns."),
      after: duration.default("3s").describe("Observation after recovery (after the K healthy probes)."),
      "recovery-timeout": duration.default("60s").describe(
        "The longest opsgate waits for recovery after recover returns; then the scenario fails."
      )
    }).strict().default({ before: "2s", during: "5s", after: "3s", "recovery-timeout": "60s" }),
    "healthy-after": external_exports.number().int().positive().default(3).describe("Recovered = this many consecutive rounds in which every endpoint meets `expect.after`.")
  }).strict(),
  "detect-within": duration.default("5s").describe("Inject start → first probe showing the fault."),
  "recover-within": duration.default("30s").describe("Recover start → first of the K consecutive healthy rounds."),
  "error-budget": external_exports.object({ before: share.default(0), during: share.default(0), after: share.default(0) }).strict().default({ before: 0, during: 0, after: 0 }).describe(
    "Share of probes allowed outside the phase expectations (0.05 = 5 %). Recovering counts as during."
  ),
  consistency: external_exports.array(consistencyCheck).default([]).describe("Assertions run once the target has recovered.")
}).strict().superRefine((s, ctx) => {
  const seen = /* @__PURE__ */ new Set();
  s.probe.endpoints.forEach((e, i) => {
    if (seen.has(e.name))
      ctx.addIssue({
        code: "custom",
        path: ["probe", "endpoints", i, "name"],
        message: `duplicate endpoint name "${e.name}"`
      });
    seen.add(e.name);
  });
  const rounds = s.probe.rate * (durationMs(s.probe.phases.before) + durationMs(s.probe.phases.during) + durationMs(s.probe.phases.after) + durationMs(s.probe.phases["recovery-timeout"])) / 1e3;
  if (rounds * s.probe.endpoints.length > MAX_PROBES_PER_SCENARIO)
    ctx.addIssue({
      code: "custom",
      path: ["probe", "rate"],
      message: `up to ${Math.ceil(rounds * s.probe.endpoints.length)} probes; at most ${MAX_PROBES_PER_SCENARIO} per scenario (lower the rate or the phases)`
    });
});
var MAX_PROBES_PER_SCENARIO = 2e4;
var faultSection = external_exports.object({
  enabled: external_exports.boolean().default(false).describe(
    "Fault drills break things on purpose: they run only where this is true (set it in the configuration of an environment that may be broken), with target.allow-destructive and the host in target.allow-hosts."
  ),
  scenarios: external_exports.array(faultScenario).min(1)
}).strict().superRefine((f, ctx) => {
  const seen = /* @__PURE__ */ new Set();
  f.scenarios.forEach((s, i) => {
    if (seen.has(s.name))
      ctx.addIssue({
        code: "custom",
        path: ["scenarios", i, "name"],
        message: `duplicate scenario name "${s.name}"`
      });
    seen.add(s.name);
  });
}).optional();

export {
  describeAction,
  faultSection
};
