import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  ConfigError,
  EVIDENCE_VERSION,
  FsEvidenceStore,
  describeCause,
  evidenceSchema,
  loadConfig,
  redact,
  redactDeep,
  renderReport
} from "./chunk-TFRJT3A2.js";

// src/checks/index.ts
var checks = {};

// src/core/gate/fingerprint.ts
import { createHash } from "node:crypto";
function fingerprintOf(...parts) {
  const h = createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 16);
  return `${parts[0]}-${h}`;
}

// src/core/gate/controls.ts
var rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
function severityAtLeast(s, min) {
  return rank[s] >= rank[min];
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
      status: t.skipped ? "skip" : t.ok ? "pass" : "fail",
      expected: String(t.limit) + (t.unit && typeof t.limit === "number" ? ` ${t.unit}` : ""),
      actual: t.actual === null ? "—" : String(t.actual) + (t.unit && typeof t.actual === "number" ? ` ${t.unit}` : ""),
      detail: t.skipped ?? t.detail
    });
  }
  for (const c of e.baseline?.comparisons ?? []) {
    rows.push({
      check: e.check,
      fingerprint: fingerprintOf(e.check, "regression", c.metric),
      name: `regression ${c.metric}`,
      status: c.regressed ? "fail" : "pass",
      expected: `≤ +${Math.round(c.limit * 100)}% vs baseline ${round(c.baseline)}`,
      actual: `${round(c.actual)} (${c.change >= 0 ? "+" : ""}${Math.round(c.change * 100)}%)`,
      detail: c.note
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
      actual: f.location,
      detail: f.suppressed ? `suppressed: ${f.suppressed.reason}` : f.detail
    });
  }
  return rows;
}
function verdictOf(rows, policy) {
  if (rows.some((r) => r.status === "error")) return "error";
  if (rows.some((r) => r.status === "fail")) return "fail";
  if (rows.some((r) => r.status === "warn")) return policy.failOnWarn ? "fail" : "warn";
  return "pass";
}
function round(n) {
  return Math.round(n * 100) / 100;
}

// src/core/gate/gate.ts
function policyFor(config, check) {
  const g = config?.gate;
  return {
    failOnSeverity: g?.checks[check]?.["fail-on-severity"] ?? g?.["fail-on-severity"] ?? "medium",
    failOnWarn: g?.["fail-on-warn"] ?? false
  };
}
function runGate(evidence, config) {
  const checks2 = evidence.map((e) => {
    const policy = policyFor(config, e.check);
    const controls = controlsOf(e, policy);
    return {
      check: e.check,
      verdict: verdictOf(controls, policy),
      summary: e.summary,
      controls,
      evidence: e
    };
  });
  for (const name of config?.gate.required ?? []) {
    if (checks2.some((c) => c.check === name)) continue;
    checks2.push({
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
  const order = ["pass", "warn", "fail", "error"];
  let verdict = checks2.length ? "pass" : "error";
  for (const c of checks2) if (order.indexOf(c.verdict) > order.indexOf(verdict)) verdict = c.verdict;
  const failOnWarn = config?.gate["fail-on-warn"] ?? false;
  return { verdict, passed: verdict === "pass" || verdict === "warn" && !failOnWarn, checks: checks2 };
}

// src/core/render/write-reports.ts
import { mkdir as mkdir2, writeFile as writeFile2 } from "node:fs/promises";
import path2 from "node:path";

// src/core/evidence/store-files.ts
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
function evidencePath(outDir, check) {
  return path.join(outDir, "evidence", `${check}.json`);
}
async function writeEvidence(outDir, evidence) {
  const clean = evidenceSchema.parse(redactDeep(evidence));
  const file = evidencePath(outDir, clean.check);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(clean, null, 2) + "\n");
  await rename(tmp, file);
  return file;
}
async function readEvidenceFile(file) {
  const parsed = evidenceSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success)
    throw new Error(`${file} is not valid opsgate evidence: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
async function readAllEvidence(outDir) {
  const dir = path.join(outDir, "evidence");
  let names;
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map((n) => readEvidenceFile(path.join(dir, n))));
}

// src/core/render/junit.ts
function renderJunit(gate) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = gate.checks.flatMap((c) => c.controls);
  const failures = all.filter((r) => r.status === "fail").length;
  const errors = all.filter((r) => r.status === "error").length;
  out.push(`<testsuites name="opsgate" tests="${all.length}" failures="${failures}" errors="${errors}">`);
  for (const c of gate.checks) {
    const f = c.controls.filter((r) => r.status === "fail").length;
    const e = c.controls.filter((r) => r.status === "error").length;
    const s = c.controls.filter((r) => ["skip", "suppressed"].includes(r.status)).length;
    const time = ((c.evidence?.run.durationMs ?? 0) / 1e3).toFixed(3);
    out.push(
      `  <testsuite name="${esc(c.check)}" tests="${c.controls.length}" failures="${f}" errors="${e}" skipped="${s}" time="${time}">`
    );
    for (const r of c.controls) {
      const detail = [r.expected && `expected: ${r.expected}`, r.actual && `actual: ${r.actual}`, r.detail].filter(Boolean).join("\n");
      out.push(`    <testcase classname="opsgate.${esc(c.check)}" name="${esc(r.name)}">`);
      if (r.status === "fail") out.push(`      <failure message="${esc(r.name)}">${esc(detail)}</failure>`);
      if (r.status === "error")
        out.push(`      <error message="${esc(r.detail ?? "error")}">${esc(detail)}</error>`);
      if (r.status === "skip" || r.status === "suppressed")
        out.push(`      <skipped message="${esc(r.detail ?? r.status)}"/>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return out.join("\n") + "\n";
}
function esc(s) {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// src/core/render/write-reports.ts
async function writeReports(outDir, config) {
  const gate = runGate(await readAllEvidence(outDir), config);
  await mkdir2(outDir, { recursive: true });
  await writeFile2(path2.join(outDir, "report.md"), redact(renderReport(gate)));
  await writeFile2(path2.join(outDir, "junit.xml"), redact(renderJunit(gate)));
  return gate;
}

// src/core/evidence/new-evidence.ts
import { randomUUID } from "node:crypto";
function startEvidence(check, targetUrl, targetName) {
  const now = (/* @__PURE__ */ new Date()).toISOString();
  return {
    kind: "opsgate.evidence",
    version: EVIDENCE_VERSION,
    check,
    target: { url: targetUrl, ...targetName ? { name: targetName } : {} },
    run: {
      id: process.env.GITHUB_RUN_ID ? `${process.env.GITHUB_RUN_ID}-${process.env.GITHUB_RUN_ATTEMPT ?? 1}` : randomUUID(),
      startedAt: now,
      finishedAt: now,
      durationMs: 0,
      ...process.env.GITHUB_SHA ? { commit: process.env.GITHUB_SHA } : {},
      ...process.env.GITHUB_REF ? { ref: process.env.GITHUB_REF } : {}
    },
    verdict: "pass",
    summary: "",
    metrics: {},
    thresholds: [],
    findings: [],
    artifacts: []
  };
}
function finishEvidence(e, started = Date.parse(e.run.startedAt)) {
  const end = Date.now();
  e.run.finishedAt = new Date(end).toISOString();
  e.run.durationMs = end - started;
  return e;
}

// src/checks/run-check.ts
async function runCheck(check, ctx) {
  const started = Date.now();
  let evidence;
  try {
    evidence = await check.run(ctx);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    evidence = startEvidence(check.name, ctx.config.target["base-url"], ctx.config.target.name);
    evidence.run.startedAt = new Date(started).toISOString();
    evidence.error = { kind: err.name ?? "Error", message: describeCause(err) };
    evidence.summary = `${check.name} did not complete: ${evidence.error.message}`;
    if (process.env.OPSGATE_DEBUG) console.error(err);
  }
  finishEvidence(evidence, started);
  evidence.verdict = verdictOf(
    controlsOf(evidence, policyFor(ctx.config, check.name)),
    policyFor(ctx.config, check.name)
  );
  const evidenceFile = await writeEvidence(ctx.outDir, evidence);
  await writeReports(ctx.outDir, ctx.config);
  return { evidence, evidenceFile };
}

// src/cli/context.ts
import path3 from "node:path";
async function buildContext(opts, options = {}) {
  const { config, dir } = await loadConfig(opts.config);
  const controller = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.once(sig, () => {
      process.stderr.write(`opsgate: ${sig} received, stopping and cleaning up…
`);
      controller.abort(new Error(`interrupted by ${sig}`));
    });
  }
  return {
    config,
    configDir: dir,
    outDir: path3.resolve(opts.out),
    store: new FsEvidenceStore(path3.resolve(dir, config.store.dir)),
    log: (m) => process.stderr.write(`${m}
`),
    signal: controller.signal,
    options
  };
}

// src/cli/run-drill.ts
import path4 from "node:path";
function configuredChecks(ctx, wanted) {
  const run = [];
  const skipped = [];
  for (const name of wanted) {
    const section = ctx.config[name];
    if (!checks[name]) skipped.push({ check: name, reason: "not available in this opsgate version" });
    else if (!section) skipped.push({ check: name, reason: `no ${name} section in the config` });
    else if (section.enabled === false) skipped.push({ check: name, reason: `${name}.enabled is false` });
    else run.push(name);
  }
  return { run, skipped };
}
async function runDrill(drill, ctx) {
  const { run, skipped } = configuredChecks(ctx, drill.checks);
  for (const s of skipped) ctx.log(`- ${s.check}: skipped (${s.reason})`);
  const evidence = [];
  for (const [i, name] of run.entries()) {
    if (ctx.signal.aborted) break;
    ctx.log(`[${i + 1}/${run.length}] ${name}…`);
    const started = Date.now();
    const { evidence: e } = await runCheck(checks[name], ctx);
    evidence.push(e);
    ctx.log(
      `[${i + 1}/${run.length}] ${name}: ${e.verdict} in ${((Date.now() - started) / 1e3).toFixed(1)} s — ${e.summary}`
    );
    if (!drill["continue-on-failure"] && e.verdict !== "pass" && e.verdict !== "warn") break;
  }
  const gate = await writeReports(ctx.outDir, ctx.config);
  return { ran: run, skipped, evidence, gate, reportPath: path4.join(ctx.outDir, "report.md") };
}

export {
  checks,
  evidencePath,
  readEvidenceFile,
  readAllEvidence,
  runGate,
  writeReports,
  runCheck,
  buildContext,
  configuredChecks,
  runDrill
};
