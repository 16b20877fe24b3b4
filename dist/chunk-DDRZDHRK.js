import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  DRILL_ORDER
} from "./chunk-H6NLF7E3.js";
import {
  formatDuration
} from "./chunk-YILOGUBB.js";
import {
  fingerprintOf
} from "./chunk-3ZMT66VX.js";

// src/core/units.ts
function formatQuantity(value, unit) {
  if (unit === "ms") return formatDuration(value);
  if (unit === "%") return `${round(value)}%`;
  if (!unit) return String(value);
  return `${round(value)} ${unit}`;
}
function round(n) {
  return Math.round(n * 100) / 100;
}

// src/core/gate/controls.ts
var rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
function severityAtLeast(s, min) {
  return rank[s] >= rank[min];
}
function thresholdStatus(t) {
  return t.skipped ? "skip" : t.ok ? "pass" : "fail";
}
function controlsOf(e, policy) {
  const rows = [];
  if (e.error) {
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, "error"),
      name: `${e.check} ran to completion`,
      status: "error",
      detail: e.error.message
    });
  }
  for (const t of e.thresholds) {
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, "threshold", t.name),
      name: t.name,
      status: thresholdStatus(t),
      expected: typeof t.limit === "number" ? formatQuantity(t.limit, t.unit) : String(t.limit),
      actual: t.actual === null ? "—" : typeof t.actual === "number" ? formatQuantity(t.actual, t.unit) : String(t.actual),
      detail: t.skipped ?? t.detail
    });
  }
  if (e.baseline?.inconclusive)
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, "regression", "baseline"),
      name: "regression vs baseline",
      status: "warn",
      actual: "inconclusive",
      detail: e.baseline.inconclusive
    });
  for (const c of e.baseline?.comparisons ?? []) {
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, "regression", c.metric),
      name: `regression ${c.metric}`,
      status: c.regressed ? "fail" : c.inconclusive ? "warn" : "pass",
      // Regression metrics are latency percentiles, in ms.
      expected: `≤ +${Math.round(c.limit * 100)}% vs baseline ${formatDuration(c.baseline)}`,
      actual: `${formatDuration(c.actual)} (${c.change >= 0 ? "+" : ""}${Math.round(c.change * 100)}%)`,
      detail: c.inconclusive ? `inconclusive: ${c.inconclusive}` : c.note
    });
  }
  for (const f of e.findings) {
    const status = f.suppressed ? "suppressed" : severityAtLeast(f.severity, policy.failOnSeverity) ? "fail" : f.severity === "info" ? "info" : "warn";
    rows.push({
      check: e.check,
      fingerprint: f.fingerprint,
      name: f.title,
      status,
      severity: f.severity,
      // A finding that says what it saw shows that as the actual value, and where it asked as detail.
      ...f.observed !== void 0 ? { expected: f.expected, actual: f.observed, detail: suppressedOr(f, f.location) } : { actual: f.location, detail: suppressedOr(f, f.detail) },
      ...f.scope ? { scope: f.scope } : {},
      ...f.problem ? { problem: f.problem } : {},
      ...f.place ? { place: f.place } : {},
      ...f.solution ? { solution: f.solution } : {}
    });
  }
  return rows;
}
function suppressedOr(f, detail) {
  return f.suppressed ? `suppressed: ${f.suppressed.reason}` : detail;
}
function verdictOf(rows, policy) {
  if (rows.some((r) => r.status === "error")) return "error";
  if (rows.some((r) => r.status === "fail")) return "fail";
  if (rows.some((r) => r.status === "warn")) return policy.failOnWarn ? "fail" : "warn";
  return "pass";
}
function evidenceVerdict(e, policy) {
  const v = verdictOf(controlsOf(e, policy), policy);
  return e.skipped && v === "pass" ? "skip" : v;
}

// src/core/gate/gate.ts
var VERDICT_ORDER = ["pass", "skip", "warn", "fail", "error"];
function policyFor(config, check) {
  const g = config?.gate;
  return {
    failOnSeverity: g?.checks[check]?.["fail-on-severity"] ?? g?.["fail-on-severity"] ?? "medium",
    failOnWarn: g?.["fail-on-warn"] ?? false
  };
}
function runGate(evidence, config) {
  const ordered = [...evidence].sort((a, b) => drillRank(a.check) - drillRank(b.check));
  const checks = ordered.map((e) => {
    const policy = policyFor(config, e.check);
    const controls = controlsOf(e, policy);
    return {
      check: e.check,
      verdict: evidenceVerdict(e, policy),
      summary: e.summary,
      controls,
      evidence: e
    };
  });
  for (const name of config?.gate.required ?? []) {
    const present = checks.find((c) => c.check === name);
    if (present?.verdict === "skip") {
      present.verdict = "fail";
      present.controls.push({
        check: name,
        fingerprint: fingerprintOf(name, "required-skipped"),
        name: `${name} ran (gate.required)`,
        status: "fail",
        detail: `required by gate.required but skipped: ${skipReason(present)}`
      });
    }
    if (present) continue;
    checks.push({
      check: name,
      verdict: "fail",
      summary: "no evidence",
      controls: [
        {
          check: name,
          fingerprint: fingerprintOf(name, "missing"),
          name: `${name} evidence present`,
          status: "fail",
          detail: "required by gate.required but no evidence file was found"
        }
      ]
    });
  }
  let verdict = checks.length ? "pass" : "error";
  for (const c of checks)
    if (VERDICT_ORDER.indexOf(c.verdict) > VERDICT_ORDER.indexOf(verdict)) verdict = c.verdict;
  const failOnWarn = config?.gate["fail-on-warn"] ?? false;
  const skipped = checks.filter((c) => c.verdict === "skip").map((c) => ({ check: c.check, reason: skipReason(c) }));
  return {
    verdict,
    passed: verdict === "pass" || verdict === "skip" || verdict === "warn" && !failOnWarn,
    checks,
    skipped
  };
}
function skipReason(c) {
  return c.evidence?.skipped?.reason ?? c.controls.find((r) => r.status === "skip")?.detail ?? c.summary;
}
function drillRank(check) {
  const i = DRILL_ORDER.indexOf(check);
  return i < 0 ? DRILL_ORDER.length : i;
}

export {
  formatQuantity,
  severityAtLeast,
  thresholdStatus,
  controlsOf,
  verdictOf,
  evidenceVerdict,
  policyFor,
  runGate
};
