import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  ConfigError,
  EVIDENCE_VERSION,
  EngineError,
  FsEvidenceStore,
  TargetUnreachableError,
  __toESM,
  cell,
  describeCause,
  durationMs,
  evidenceSchema,
  external_exports,
  headersSection,
  loadConfig,
  redact,
  redactDeep,
  registerSecret,
  renderReport,
  require_dist,
  severity
} from "./chunk-6J5V5UVH.js";

// src/checks/dast/dast-check.ts
import { chmod, copyFile, mkdir as mkdir2, readFile, writeFile as writeFile3 } from "node:fs/promises";
import path3 from "node:path";

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
  const order3 = ["pass", "warn", "fail", "error"];
  let verdict = checks2.length ? "pass" : "error";
  for (const c of checks2) if (order3.indexOf(c.verdict) > order3.indexOf(verdict)) verdict = c.verdict;
  const failOnWarn = config?.gate["fail-on-warn"] ?? false;
  return { verdict, passed: verdict === "pass" || verdict === "warn" && !failOnWarn, checks: checks2 };
}

// src/core/render/sarif.ts
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
function sarifLevel(s) {
  return s === "high" || s === "critical" ? "error" : s === "info" ? "note" : "warning";
}
var securitySeverity = {
  info: "0.0",
  low: "3.0",
  medium: "5.5",
  high: "8.0",
  critical: "9.5"
};
function renderSarif(e, tool) {
  const rules = new Map(tool.rules.map((r) => [r.id, r]));
  const findings = e.findings.filter((f) => f.ruleId);
  for (const f of findings)
    if (!rules.has(f.ruleId)) rules.set(f.ruleId, { id: f.ruleId, name: f.ruleId });
  const ruleList = [...rules.values()];
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
  const worst = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const prev = worst.get(f.ruleId);
    if (!prev || order(f.severity) > order(prev)) worst.set(f.ruleId, f.severity);
  }
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            ...tool.version ? { version: tool.version } : {},
            ...tool.informationUri ? { informationUri: tool.informationUri } : {},
            rules: ruleList.map((r) => ({
              id: r.id,
              name: pascal(r.name),
              shortDescription: { text: r.name },
              fullDescription: { text: r.description || r.name },
              ...r.help ? { help: { text: r.help } } : {},
              ...r.helpUri ? { helpUri: r.helpUri } : {},
              defaultConfiguration: { level: sarifLevel(worst.get(r.id) ?? "low") },
              properties: {
                tags: ["security", ...r.tags ?? []],
                "security-severity": securitySeverity[worst.get(r.id) ?? "low"]
              }
            }))
          }
        },
        automationDetails: { id: `opsgate/${e.check}/` },
        invocations: [
          {
            executionSuccessful: !e.error,
            startTimeUtc: e.run.startedAt,
            endTimeUtc: e.run.finishedAt
          }
        ],
        results: findings.map((f) => result(f, ruleIndex.get(f.ruleId)))
      }
    ]
  };
  return redactDeep(sarif);
}
function result(f, ruleIndex) {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    // The rule carries the long description; a result says what and where (first three detail lines).
    message: { text: `${f.title}
${f.detail.split("\n").slice(0, 3).join("\n")}` },
    ...f.location ? { locations: [{ physicalLocation: { artifactLocation: { uri: f.location } } }] } : {},
    partialFingerprints: { "opsgate/v1": f.fingerprint },
    ...f.suppressed ? {
      suppressions: [
        {
          kind: "external",
          status: "accepted",
          justification: `${f.suppressed.reason}${f.suppressed.owner ? ` (owner: ${f.suppressed.owner}` : ""}${f.suppressed.expires ? `, expires ${f.suppressed.expires})` : f.suppressed.owner ? ")" : ""}`
        }
      ]
    } : {},
    properties: { severity: f.severity, ...f.count !== void 0 ? { count: f.count } : {} }
  };
}
async function writeSarif(outDir, e, tool) {
  const file = path.join(outDir, "sarif", `${e.check}.sarif`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(renderSarif(e, tool), null, 2) + "\n");
  return file;
}
function order(s) {
  return ["info", "low", "medium", "high", "critical"].indexOf(s);
}
function pascal(s) {
  return s.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => c ? c.toUpperCase() : "").replace(/^./, (c) => c.toUpperCase());
}

// src/engines/http/host-policy.ts
function allowedHosts(target) {
  return target["allow-hosts"] ?? [new URL(target["base-url"]).hostname];
}
function isAllowedHost(target, url) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return allowedHosts(target).some((h) => h.replace(/^\[|\]$/g, "") === host);
}
function assertAllowedHost(target, url) {
  if (!isAllowedHost(target, url)) {
    throw new ConfigError(
      `target.allow-hosts: ${new URL(url).hostname} is not allow-listed (${allowedHosts(target).join(", ")})`
    );
  }
}
function destructiveAllowed(target) {
  if (!target["allow-destructive"]) return { allowed: false, reason: "target.allow-destructive is false" };
  if (!isAllowedHost(target, target["base-url"]))
    return { allowed: false, reason: "target host is not in target.allow-hosts" };
  return { allowed: true };
}
var loopback = /* @__PURE__ */ new Set(["127.0.0.1", "::1", "localhost"]);
function isLoopback(url) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return loopback.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

// src/engines/zap/parse-zap-report.ts
var numeric = external_exports.union([external_exports.string(), external_exports.number()]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: "custom", message: `expected a number, got ${JSON.stringify(v)}` });
    return external_exports.NEVER;
  }
  return n;
});
var text = external_exports.string().optional().default("");
var instance = external_exports.object({
  uri: external_exports.string(),
  method: text,
  param: text,
  attack: text,
  evidence: text,
  otherinfo: text
});
var alert = external_exports.object({
  pluginid: external_exports.union([external_exports.string(), external_exports.number()]).transform(String),
  alertRef: external_exports.union([external_exports.string(), external_exports.number()]).transform(String).optional(),
  alert: external_exports.string().optional(),
  name: external_exports.string().optional(),
  riskcode: numeric.pipe(external_exports.number().int().min(0).max(3)),
  confidence: numeric.pipe(external_exports.number().int().min(0).max(4)),
  desc: text,
  instances: external_exports.array(instance).default([]),
  count: numeric.optional(),
  systemic: external_exports.boolean().optional(),
  solution: text,
  otherinfo: text,
  reference: text,
  cweid: text,
  wascid: text
});
var insight = external_exports.object({
  level: external_exports.string(),
  reason: external_exports.string(),
  site: external_exports.string(),
  key: external_exports.string(),
  description: external_exports.string(),
  statistic: numeric
});
var report = external_exports.object({
  "@programName": external_exports.string().optional(),
  "@version": external_exports.string(),
  "@generated": external_exports.string().optional(),
  created: external_exports.string().optional(),
  insights: external_exports.array(insight).optional(),
  site: external_exports.array(
    external_exports.object({
      "@name": external_exports.string(),
      "@host": external_exports.string().optional(),
      "@port": external_exports.string().optional(),
      "@ssl": external_exports.string().optional(),
      alerts: external_exports.array(alert).default([])
    })
  ).nullable().default([])
});
function parseZapReport(json, source = "ZAP report") {
  let raw;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new EngineError("zap", `${source} is not JSON: ${err.message}`);
  }
  const parsed = report.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EngineError(
      "zap",
      `${source} is not a ZAP JSON report: ${issue.path.join(".")}: ${issue.message}`
    );
  }
  const r = parsed.data;
  const sites = r.site ?? [];
  return {
    programName: r["@programName"] ?? "ZAP",
    version: r["@version"],
    ...r["@generated"] ? { generated: r["@generated"] } : {},
    sites: sites.map((s) => s["@name"]),
    insights: r.insights ?? [],
    alerts: sites.flatMap(
      (s) => s.alerts.map((a) => ({
        site: s["@name"],
        pluginId: a.pluginid,
        alertRef: a.alertRef || a.pluginid,
        name: a.name ?? a.alert ?? `ZAP rule ${a.pluginid}`,
        risk: a.riskcode,
        confidence: a.confidence,
        description: htmlToText(a.desc),
        solution: htmlToText(a.solution),
        otherInfo: htmlToText(a.otherinfo),
        references: htmlToText(a.reference).split("\n").map((l) => l.trim()).filter((l) => /^https?:\/\//.test(l)),
        ...a.cweid && a.cweid !== "-1" ? { cweId: a.cweid } : {},
        ...a.wascid && a.wascid !== "-1" ? { wascId: a.wascid } : {},
        systemic: a.systemic ?? false,
        instances: a.instances,
        count: a.count ?? a.instances.length
      }))
    )
  };
}
var entities = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };
function htmlToText(html) {
  return html.replace(/<\/p>\s*<p>/gi, "\n").replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]+>/g, "").replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e) => entities[e] ?? "").trim();
}

// src/engines/zap/rules-tsv.ts
var RULE_LEVELS = ["PASS", "IGNORE", "INFO", "WARN", "FAIL", "OUTOFSCOPE"];
function parseRulesTsv(text2, file) {
  const lines = [];
  const problems = [];
  text2.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.startsWith("#") || raw.trim() === "") return;
    const fail = (message) => {
      problems.push({ file, line, path: "", message: `${message}: ${JSON.stringify(raw.slice(0, 80))}` });
    };
    const cols = raw.replace(/\s+$/, "").split("	");
    if (cols.length < 3) return fail("expected at least 3 tab-separated columns (rule, level, name)");
    const [id, level, value, ...rest] = cols;
    if (!RULE_LEVELS.includes(level))
      return fail(`level "${level}" is not one of ${RULE_LEVELS.join(", ")}`);
    const rules = level === "OUTOFSCOPE" ? id.split(",") : [id];
    if (rules.some((r) => !/^(\d+|\*)$/.test(r) || r === "*" && level !== "OUTOFSCOPE"))
      return fail(`rule "${id}" is not a ZAP rule id`);
    if (level === "OUTOFSCOPE") {
      try {
        new RegExp(value);
      } catch (err) {
        return fail(`OUTOFSCOPE URL is not a valid regular expression (${err.message})`);
      }
    }
    if (rest.length > 1) return fail("expected at most 4 tab-separated columns");
    lines.push({
      line,
      rules,
      level,
      value,
      ...rest[0] ? { message: rest[0] } : {}
    });
  });
  if (problems.length) throw new ConfigError(problems);
  return lines;
}

// src/engines/zap/run-zap.ts
import { spawn } from "node:child_process";
import { access, writeFile as writeFile2 } from "node:fs/promises";
import path2 from "node:path";

// src/engines/zap/zap-command.ts
var import_yaml = __toESM(require_dist(), 1);
var ZAP_WORK_DIR = "/zap/wrk/";
var SCAN_SCRIPTS = {
  baseline: "zap-baseline.py",
  full: "zap-full-scan.py",
  api: "zap-api-scan.py"
};
var REPORT_FILES = { json: "report.json", html: "report.html", md: "report.md", xml: "report.xml" };
var AUTH_ENV = ["ZAP_AUTH_HEADER", "ZAP_AUTH_HEADER_VALUE", "ZAP_AUTH_HEADER_SITE"];
function dockerArgs(plan) {
  const args = ["run", "--rm", "--name", plan.containerName, "-v", `${plan.workDir}:${ZAP_WORK_DIR}:rw`];
  if (plan.network) args.push("--network", plan.network);
  if (plan.authHeader) for (const name of AUTH_ENV) args.push("-e", name);
  args.push("-t", plan.image, ...scanScriptArgs(plan));
  return args;
}
function scanScriptArgs(plan) {
  const args = [SCAN_SCRIPTS[plan.mode]];
  if (plan.mode === "api") {
    if (!plan.api) throw new Error("api mode needs an API definition");
    args.push("-t", plan.api.definition, "-f", plan.api.format);
  } else {
    args.push("-t", plan.targetUrl);
  }
  args.push("-J", REPORT_FILES.json, "-r", REPORT_FILES.html, "-w", REPORT_FILES.md, "-x", REPORT_FILES.xml);
  if (plan.rulesFile) args.push("-c", plan.rulesFile);
  if (plan.mode !== "api") {
    args.push("-m", String(plan.spiderMinutes));
    if (plan.ajaxSpider) args.push("-j");
  }
  if (plan.maxMinutes) args.push("-T", String(plan.maxMinutes));
  if (plan.api?.schema && plan.api.format === "graphql") args.push("--schema", plan.api.schema);
  if (plan.zapOptions.length) args.push("-z", plan.zapOptions.join(" "));
  return args;
}
function zapLocalArgs(planFile, zapOptions) {
  return ["-cmd", "-autorun", planFile, ...zapOptions];
}
function automationPlan(plan) {
  const dir = plan.workDir;
  const jobs = [
    { type: "passiveScan-config", parameters: { maxAlertsPerRule: 10 } }
  ];
  if (plan.mode === "api" && plan.api) jobs.push(apiImportJob(plan.api, dir, plan.targetUrl));
  if (plan.mode !== "api") {
    jobs.push({ type: "spider", parameters: { url: plan.targetUrl, maxDuration: plan.spiderMinutes } });
    if (plan.ajaxSpider)
      jobs.push({ type: "spiderAjax", parameters: { url: plan.targetUrl, maxDuration: plan.spiderMinutes } });
  }
  jobs.push({ type: "passiveScan-wait", parameters: { maxDuration: plan.maxMinutes ?? 0 } });
  if (plan.mode !== "baseline") jobs.push({ type: "activeScan", parameters: { context: "opsgate" } });
  jobs.push(
    report2("traditional-json", dir, REPORT_FILES.json),
    report2("traditional-html", dir, REPORT_FILES.html)
  );
  return (0, import_yaml.stringify)({
    env: {
      contexts: [{ name: "opsgate", urls: [plan.targetUrl] }],
      parameters: { failOnError: true, progressToStdout: true }
    },
    jobs
  });
}
function apiImportJob(api, dir, targetUrl) {
  const isUrl = /^https?:\/\//.test(api.definition);
  const where = isUrl ? api.definition : `${dir}/${api.definition}`;
  switch (api.format) {
    case "openapi":
      return { type: "openapi", parameters: { [isUrl ? "apiUrl" : "apiFile"]: where, targetUrl } };
    case "soap":
      return { type: "soap", parameters: { [isUrl ? "wsdlUrl" : "wsdlFile"]: where } };
    case "graphql": {
      const schema = api.schema;
      const schemaKey = schema && /^https?:\/\//.test(schema) ? "schemaUrl" : "schemaFile";
      return {
        type: "graphql",
        parameters: {
          endpoint: api.definition,
          ...schema ? { [schemaKey]: schemaKey === "schemaUrl" ? schema : `${dir}/${schema}` } : {}
        }
      };
    }
  }
}
function report2(template, dir, file) {
  return {
    type: "report",
    parameters: { template, reportDir: dir, reportFile: file, reportTitle: "ZAP Scanning Report" }
  };
}

// src/engines/zap/run-zap.ts
var ZapEngineMissingError = class extends EngineError {
  constructor(message) {
    super("zap", message);
    this.name = "ZapEngineMissingError";
  }
};
var SCRIPT_EXIT = { 0: "pass", 1: "fail", 2: "warn", 3: "error" };
var INSTALL_DOCKER = "install Docker Engine (https://docs.docker.com/engine/install/) and make sure `docker` is on PATH, or set dast.engine: zap-local with ZAP installed (https://www.zaproxy.org/download/)";
async function runZap(opts) {
  return opts.engine === "zap-docker" ? runDocker(opts) : runLocal(opts);
}
async function runDocker(opts) {
  const probe = await run("docker", ["version", "--format", "{{.Server.Version}}"], {}, 3e4);
  if (probe.missing)
    throw new ZapEngineMissingError(`docker is not installed (not found on PATH): ${INSTALL_DOCKER}`);
  if (probe.code !== 0)
    throw new ZapEngineMissingError(
      `the Docker engine is not reachable (docker version exit ${probe.code ?? probe.signal}: ${lastLine(probe.output)}); start the Docker daemon or ${INSTALL_DOCKER}`
    );
  const args = dockerArgs(opts.plan);
  opts.log?.(`zap: docker ${args.join(" ")}`);
  const res = await run("docker", args, authEnv(opts), opts.timeoutMs, opts.signal, async () => {
    await run("docker", ["kill", opts.plan.containerName], {}, 3e4);
  });
  const command = ["docker", ...args];
  if (res.missing)
    throw new ZapEngineMissingError(`docker is not installed (not found on PATH): ${INSTALL_DOCKER}`);
  if (res.timedOut) throw new EngineError("zap", `scan timed out after ${opts.timeoutMs} ms and was killed`);
  if (res.code === 125)
    throw new ZapEngineMissingError(
      `docker could not start image ${opts.plan.image} (exit 125: ${lastLine(res.output)}); pull it with \`docker pull ${opts.plan.image}\``
    );
  if (res.code === 3)
    throw new EngineError("zap", `scan script reported an error (exit 3): ${lastLine(res.output)}`);
  if (res.code !== 0 && res.code !== 1 && res.code !== 2)
    throw new EngineError("zap", `docker run ended with ${res.code ?? res.signal}: ${lastLine(res.output)}`);
  const reportFile = path2.join(opts.plan.workDir, REPORT_FILES.json);
  await assertReport(reportFile, res.code);
  return { exitCode: res.code, outcome: SCRIPT_EXIT[res.code], reportFile, command, outputTail: res.output };
}
async function runLocal(opts) {
  const planFile = path2.join(opts.plan.workDir, "zap-plan.yaml");
  await writeFile2(planFile, automationPlan(opts.plan));
  const args = zapLocalArgs(planFile, opts.plan.zapOptions);
  opts.log?.(`zap: ${opts.zapCommand} ${args.join(" ")}`);
  const res = await run(opts.zapCommand, args, authEnv(opts), opts.timeoutMs, opts.signal);
  if (res.missing)
    throw new ZapEngineMissingError(
      `${opts.zapCommand} not found: install ZAP (https://www.zaproxy.org/download/) and put zap.sh on PATH, or set dast.engine: zap-docker`
    );
  if (res.timedOut) throw new EngineError("zap", `scan timed out after ${opts.timeoutMs} ms and was killed`);
  if (res.code !== 0 && res.code !== 2)
    throw new EngineError(
      "zap",
      `automation plan failed (exit ${res.code ?? res.signal}): ${lastLine(res.output)}`
    );
  const reportFile = path2.join(opts.plan.workDir, REPORT_FILES.json);
  await assertReport(reportFile, res.code);
  return {
    exitCode: res.code,
    outcome: "completed",
    reportFile,
    command: [opts.zapCommand, ...args],
    outputTail: res.output
  };
}
function authEnv(opts) {
  if (!opts.authHeader) return {};
  return {
    ZAP_AUTH_HEADER: opts.authHeader.name,
    ZAP_AUTH_HEADER_VALUE: opts.authHeader.value,
    ZAP_AUTH_HEADER_SITE: opts.authHeader.site
  };
}
async function assertReport(file, code) {
  try {
    await access(file);
  } catch {
    throw new EngineError("zap", `scan exited ${code} but wrote no ${path2.basename(file)}`);
  }
}
function lastLine(output) {
  const lines = output.trim().split(/\r?\n/).filter(Boolean);
  return lines.slice(-3).join(" | ") || "no output";
}
var TAIL = 16384;
function run(cmd, args, env, timeoutMs, signal, onKill) {
  return new Promise((resolve) => {
    let output = "";
    let timedOut = false;
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (b) => {
      output = (output + b.toString("utf8")).slice(-TAIL);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const stop = () => {
      timedOut = true;
      child.kill("SIGTERM");
      void onKill?.().catch(() => void 0);
    };
    const timer = setTimeout(stop, timeoutMs);
    signal?.addEventListener("abort", stop, { once: true });
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({
        code: null,
        signal: null,
        output: err.message,
        missing: err.code === "ENOENT",
        timedOut: false
      });
    });
    child.on("close", (code, sig) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", stop);
      resolve({ code, signal: sig, output: redact(output), missing: false, timedOut });
    });
  });
}

// src/checks/dast/zap-findings.ts
var RISK_SEVERITY = ["info", "low", "medium", "high"];
var RISK_NAMES = ["Informational", "Low", "Medium", "High"];
var CONFIDENCE_NAMES = ["False Positive", "Low", "Medium", "High", "Confirmed"];
function normaliseUrlPath(uri) {
  let u;
  try {
    u = new URL(uri);
  } catch {
    return uri;
  }
  let p = u.pathname.split("/").map(
    (seg) => /^\d+$/.test(seg) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg) || /^[0-9a-f]{16,}$/i.test(seg) ? "{id}" : seg
  ).join("/");
  if (p.length > 1) p = p.replace(/\/+$/, "");
  const keys = [...new Set(u.searchParams.keys())].sort();
  return keys.length ? `${p}?${keys.map((k) => `${k}=`).join("&")}` : p;
}
function groupAlerts(alerts) {
  const groups = /* @__PURE__ */ new Map();
  for (const alert2 of alerts) {
    const instances = alert2.instances.length ? alert2.instances : [{ uri: alert2.site }];
    for (const inst of instances) {
      const path8 = alert2.systemic ? "*" : normaliseUrlPath(inst.uri);
      const parameter = alert2.systemic ? "" : (inst.param ?? "").toLowerCase();
      const key = `${alert2.alertRef}\0${path8}\0${parameter}`;
      let g = groups.get(key);
      if (!g) {
        const fingerprint = fingerprintOf("dast", alert2.alertRef, path8, parameter);
        const origin = originOf(inst.uri) ?? alert2.site;
        g = {
          alert: alert2,
          path: path8,
          parameter,
          instances: [],
          fingerprint,
          location: path8 === "*" ? alert2.site : `${origin}${path8}`
        };
        groups.set(key, g);
      }
      if (alert2.instances.length) g.instances.push(inst);
    }
  }
  return [...groups.values()];
}
function findingOf(g, severity2, notes = []) {
  const a = g.alert;
  const example = g.instances[0];
  const count = g.path === "*" ? a.count : g.instances.length || 1;
  const detail = [
    `ZAP risk ${RISK_NAMES[a.risk]}, confidence ${CONFIDENCE_NAMES[a.confidence]}; ${count} instance${count === 1 ? "" : "s"}${a.systemic ? " (systemic: the same problem across the site)" : ""}.`,
    ...notes,
    example ? `Example: ${example.method || "GET"} ${example.uri}${example.param ? ` parameter ${example.param}` : ""}${example.evidence ? ` evidence ${JSON.stringify(example.evidence.slice(0, 200))}` : ""}${example.attack ? ` attack ${JSON.stringify(example.attack.slice(0, 200))}` : ""}` : "",
    a.description
  ].filter(Boolean).join("\n");
  return {
    fingerprint: g.fingerprint,
    severity: severity2,
    title: `ZAP ${a.alertRef} ${a.name}: ${g.path === "*" ? "site-wide" : g.path}${g.parameter ? ` [${g.parameter}]` : ""}`,
    detail,
    location: g.location,
    ruleId: a.alertRef,
    ...a.solution ? { solution: a.solution } : {},
    ...a.references.length ? { references: a.references } : {},
    count
  };
}
function originOf(uri) {
  try {
    return new URL(uri).origin;
  } catch {
    return void 0;
  }
}

// src/checks/dast/dast-policy.ts
var order2 = ["info", "low", "medium", "high", "critical"];
var rank2 = (s) => order2.indexOf(s);
function assertFailOnConsistent(failOn, gateSeverity) {
  if (gateSeverity === "critical") return;
  if (rank2(failOn) < rank2(gateSeverity) || gateSeverity === "info" && failOn !== "info") {
    throw new ConfigError([
      {
        path: "dast.fail-on",
        message: `fail-on "${failOn}" is below the gate's severity for dast ("${gateSeverity}"); set gate.checks.dast.fail-on-severity: ${failOn} as well`
      }
    ]);
  }
}
function applyDastPolicy(groups, p) {
  assertFailOnConsistent(p.failOn, p.gateSeverity);
  const below = order2[rank2(p.gateSeverity) - 1] ?? "info";
  const rulesExpired = p.rules ? p.today > p.rules.expires : false;
  const used = /* @__PURE__ */ new Set();
  const findings = [];
  for (const g of groups) {
    const real = RISK_SEVERITY[g.alert.risk];
    const notes = [];
    let severity2 = rank2(real) >= rank2(p.failOn) ? real : minSeverity(real, below);
    if (severity2 !== real) notes.push(`Reported as ${severity2}: below dast.fail-on (${p.failOn}).`);
    let suppressed;
    const level = p.rules?.lines.find((l) => l.level !== "OUTOFSCOPE" && l.rules.includes(g.alert.pluginId));
    if (level && p.rules) {
      const where = `${p.rules.file}:${level.line}`;
      if (level.level === "INFO") {
        severity2 = "info";
        notes.push(`${where} sets the rule to INFO.`);
      } else if (level.level === "FAIL") {
        severity2 = order2[Math.max(rank2(real), rank2(p.gateSeverity))];
        notes.push(`${where} sets the rule to FAIL.`);
      } else if (level.level === "IGNORE" && !rulesExpired) {
        suppressed = {
          reason: level.message ?? `IGNORE in ${where}`,
          owner: p.rules.owner,
          expires: p.rules.expires
        };
      }
    }
    const outOfScope = p.rules?.lines.find(
      (l) => l.level === "OUTOFSCOPE" && (l.rules.includes("*") || l.rules.includes(g.alert.pluginId)) && urlsOf(g).every((u) => new RegExp(l.value).exec(u)?.index === 0)
    );
    if (outOfScope && p.rules && !rulesExpired) {
      suppressed = {
        reason: `OUTOFSCOPE ${outOfScope.value} in ${p.rules.file}:${outOfScope.line}`,
        owner: p.rules.owner,
        expires: p.rules.expires
      };
    }
    if (g.alert.confidence === 0)
      suppressed = { reason: "ZAP rated the alert a false positive (confidence 0)", owner: "ZAP" };
    for (const s of p.suppressions.filter((s2) => suppressionMatches(s2, g))) {
      used.add(s);
      if (p.today > s.expires) {
        notes.push(`Suppression by ${s.owner} expired on ${s.expires} and no longer applies: ${s.reason}`);
      } else {
        suppressed = { reason: s.reason, owner: s.owner, expires: s.expires };
      }
    }
    findings.push({ ...findingOf(g, severity2, notes), ...suppressed ? { suppressed } : {} });
  }
  for (const s of p.suppressions) {
    const scope = `rule ${s.rule}${s.url ? ` url ${s.url}` : ""}${s.parameter ? ` parameter ${s.parameter}` : ""}`;
    if (p.today > s.expires) {
      findings.push({
        fingerprint: fingerprintOf("dast", "suppression-expired", s.rule, s.url ?? "", s.parameter ?? ""),
        severity: "low",
        title: `DAST suppression expired: ${scope}`,
        detail: `Owner ${s.owner}; expired ${s.expires}; ${used.has(s) ? "it matches alerts of this scan, which are now reported" : "it matched nothing in this scan"}. Reason given: ${s.reason}. Review it, then renew or remove it.`,
        location: `dast.suppressions (${scope})`,
        ruleId: "opsgate-suppression-expired"
      });
    } else if (!used.has(s)) {
      findings.push({
        fingerprint: fingerprintOf("dast", "suppression-unused", s.rule, s.url ?? "", s.parameter ?? ""),
        severity: "info",
        title: `DAST suppression matched nothing: ${scope}`,
        detail: `Owner ${s.owner}; expires ${s.expires}. Remove it if the alert is fixed.`,
        location: `dast.suppressions (${scope})`,
        ruleId: "opsgate-suppression-unused"
      });
    }
  }
  if (p.rules && rulesExpired && p.rules.lines.some((l) => l.level === "IGNORE" || l.level === "OUTOFSCOPE")) {
    findings.push({
      fingerprint: fingerprintOf("dast", "rules-file-expired", p.rules.file),
      severity: "low",
      title: `DAST rules file expired: ${p.rules.file}`,
      detail: `Owner ${p.rules.owner}; expired ${p.rules.expires}. Its IGNORE/OUTOFSCOPE lines no longer suppress anything until it is reviewed.`,
      location: `dast.rules-file (${p.rules.file})`,
      ruleId: "opsgate-suppression-expired"
    });
  }
  return findings;
}
function suppressionMatches(s, g) {
  if (s.rule !== g.alert.pluginId && s.rule !== g.alert.alertRef) return false;
  if (s.parameter !== void 0 && s.parameter.toLowerCase() !== g.parameter) return false;
  if (s.url !== void 0) {
    const re = new RegExp(s.url);
    if (!urlsOf(g).every((u) => re.test(u))) return false;
  }
  return true;
}
function urlsOf(g) {
  return g.instances.length ? g.instances.map((i) => i.uri) : [g.location];
}
function minSeverity(a, b) {
  return rank2(a) <= rank2(b) ? a : b;
}

// src/checks/dast/dast-sections.ts
var open = (f) => !f.suppressed && !f.ruleId?.startsWith("opsgate-");
async function diffWithPrevious(store, current) {
  const [prev] = await store.list("dast", { limit: 1 });
  const before = new Map((prev?.evidence.findings ?? []).filter(open).map((f) => [f.fingerprint, f]));
  const now = current.filter(open);
  const nowSet = new Set(now.map((f) => f.fingerprint));
  return {
    ...prev ? { previous: { recordedAt: prev.recordedAt, runId: prev.evidence.run.id } } : {},
    added: now.filter((f) => !before.has(f.fingerprint)),
    fixed: [...before.values()].filter((f) => !nowSet.has(f.fingerprint))
  };
}
function diffSection(d) {
  const lines = [];
  lines.push(
    d.previous ? `Compared with the previous scan recorded ${d.previous.recordedAt} (run ${d.previous.runId}): **${d.added.length} new**, **${d.fixed.length} no longer reported**.` : `No previous dast evidence in the store: all ${d.added.length} open findings are new.`
  );
  if (d.added.length || d.fixed.length) {
    lines.push("", "| | Severity | Finding | Location |", "|---|---|---|---|");
    for (const f of d.added)
      lines.push(`| 🆕 new | ${f.severity} | ${cell(f.title)} | ${cell(f.location)} |`);
    for (const f of d.fixed)
      lines.push(`| ✅ gone | ${f.severity} | ${cell(f.title)} | ${cell(f.location)} |`);
  }
  return { title: "DAST: new vs previous scan", markdown: lines.join("\n") };
}
function insightsSection(insights) {
  const lines = ["| Level | Insight | Site | Value |", "|---|---|---|---|"];
  for (const i of insights)
    lines.push(`| ${cell(i.level)} | ${cell(i.description)} | ${cell(i.site || "—")} | ${i.statistic} |`);
  return { title: "DAST: ZAP insights", markdown: lines.join("\n") };
}

// src/engines/http/http-client.ts
async function httpRequest(req) {
  const headers = { ...req.headers };
  let body;
  if (req.body !== void 0) {
    if (typeof req.body === "string") body = req.body;
    else {
      body = JSON.stringify(req.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
        headers["content-type"] = "application/json";
    }
  }
  const started = performance.now();
  let res;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(req.timeoutMs ?? 1e4)
    });
  } catch (err) {
    const name = err.name;
    if (name === "TimeoutError" || name === "AbortError") {
      return {
        status: 0,
        headers: new Headers(),
        text: "",
        json: void 0,
        ms: performance.now() - started,
        timedOut: true
      };
    }
    throw new TargetUnreachableError([`${req.method} ${req.url}`], err);
  }
  const text2 = await res.text();
  let json;
  if ((res.headers.get("content-type") ?? "").includes("json") && text2) {
    try {
      json = JSON.parse(text2);
    } catch {
      json = void 0;
    }
  }
  return { status: res.status, headers: res.headers, text: text2, json, ms: performance.now() - started };
}

// src/engines/http/json-path.ts
function readJsonPath(value, jsonPath) {
  const expr = jsonPath.replace(/^\$\.?/, "");
  if (!expr) return value;
  let cur = value;
  for (const m of expr.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== "object") return void 0;
    cur = m[2] !== void 0 ? cur[Number(m[2])] : cur[m[1]];
  }
  return cur;
}

// src/engines/http/sessions.ts
var LoginFailedError = class extends EngineError {
  constructor(identity, status, why) {
    super("login", `identity "${identity}" could not log in: ${why}`);
    this.identity = identity;
    this.status = status;
  }
  identity;
  status;
};
var TargetClient = class {
  constructor(target, identities) {
    this.target = target;
    this.identities = identities;
  }
  target;
  identities;
  sessions = /* @__PURE__ */ new Map();
  loginCount = 0;
  url(path8) {
    return new URL(path8, this.target["base-url"]).toString();
  }
  identity(name) {
    const id = this.identities[name] ?? (name === "anonymous" ? { kind: "anonymous", "target-headers": true } : void 0);
    if (!id) throw new ConfigError(`identity "${name}" is not defined under identities`);
    return id;
  }
  /** Headers (auth, cookies, target and identity extras) for one identity. */
  async session(name) {
    let s = this.sessions.get(name);
    if (!s) {
      s = this.login(name);
      this.sessions.set(name, s);
      s.catch(() => this.sessions.delete(name));
    }
    return s;
  }
  forget(name) {
    this.sessions.delete(name);
  }
  /** Send a request as an identity; one re-login and retry on 401 for login-based identities. */
  async send(identityName, req, opts = {}) {
    const res = await this.sendOnce(identityName, req);
    const kind = this.identity(identityName).kind;
    if (res.status === 401 && opts.retryOn401 !== false && (kind === "json-login" || kind === "cookie-session")) {
      this.forget(identityName);
      return this.sendOnce(identityName, req);
    }
    return res;
  }
  async sendOnce(identityName, req) {
    const s = await this.session(identityName);
    const url = this.url(req.path);
    assertAllowedHost(this.target, url);
    const headers = { ...s.headers, ...req.headers };
    if (s.cookies.size) headers.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await httpRequest({
      method: req.method,
      url,
      headers,
      body: req.body,
      timeoutMs: this.target["timeout-ms"]
    });
    absorbCookies(s.cookies, res);
    return res;
  }
  baseHeaders(id) {
    return { ...id["target-headers"] ? this.target.headers : {}, ...id.headers };
  }
  async login(name) {
    const id = this.identity(name);
    const s = { headers: this.baseHeaders(id), cookies: /* @__PURE__ */ new Map(), loggedInAt: Date.now() };
    switch (id.kind) {
      case "anonymous":
        return s;
      case "bearer":
        registerSecret(id.token);
        s.headers.authorization = `Bearer ${id.token}`;
        return s;
      case "api-key":
        registerSecret(id.value);
        s.headers[id.header] = id.value;
        return s;
      case "basic":
        registerSecret(id.password);
        s.headers.authorization = `Basic ${Buffer.from(`${id.username}:${id.password}`).toString("base64")}`;
        registerSecret(s.headers.authorization.slice(6));
        return s;
      case "json-login":
      case "cookie-session":
        return this.loginWithRequest(name, id, s);
    }
  }
  async loginWithRequest(name, id, s) {
    this.loginCount++;
    let csrf;
    if (id.kind === "cookie-session" && id.csrf?.["from-path"]) {
      const pre = await httpRequest({
        method: "GET",
        url: this.url(id.csrf["from-path"]),
        headers: s.headers,
        timeoutMs: this.target["timeout-ms"]
      });
      absorbCookies(s.cookies, pre);
      csrf = id.csrf["json-path"] ? String(readJsonPath(pre.json, id.csrf["json-path"]) ?? "") : void 0;
    }
    const url = this.url(id.login.path);
    assertAllowedHost(this.target, url);
    const headers = { ...s.headers, ...id.login.headers };
    let body = id.login.body;
    if (id.login.form) {
      const form = { ...id.login.form };
      if (csrf && id.kind === "cookie-session" && id.csrf?.["login-field"])
        form[id.csrf["login-field"]] = csrf;
      body = new URLSearchParams(form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    if (csrf && id.kind === "cookie-session" && id.csrf) headers[id.csrf.header] = csrf;
    if (s.cookies.size) headers.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await httpRequest({
      method: id.login.method,
      url,
      headers,
      body,
      timeoutMs: this.target["timeout-ms"]
    });
    if (res.status < 200 || res.status >= 300)
      throw new LoginFailedError(name, res.status, `login answered ${res.status || "timeout"}`);
    absorbCookies(s.cookies, res);
    for (const v of s.cookies.values()) registerSecret(v);
    if (id.kind === "json-login") {
      const token = readJsonPath(res.json, id["token-path"]);
      if (typeof token !== "string" || !token) {
        throw new LoginFailedError(name, res.status, `no token at ${id["token-path"]} in the login response`);
      }
      registerSecret(token);
      s.headers[id["token-header"]] = id["token-scheme"] ? `${id["token-scheme"]} ${token}` : token;
      return s;
    }
    if (id.csrf) {
      const fromCookie = id.csrf.cookie ? s.cookies.get(id.csrf.cookie) : void 0;
      const token = fromCookie ?? csrf;
      if (token) {
        registerSecret(token);
        s.headers[id.csrf.header] = token;
      }
    }
    return s;
  }
};
function absorbCookies(jar, res) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

// src/checks/dast/zap-auth-header.ts
async function zapAuthHeader(config, identityName) {
  const client = new TargetClient(config.target, config.identities);
  if (!config.identities[identityName])
    throw new ConfigError([
      { path: "dast.identity", message: `identity "${identityName}" is not defined under identities` }
    ]);
  const id = client.identity(identityName);
  const session = await client.session(identityName);
  const site = new URL(config.target["base-url"]).hostname;
  const pick = (name) => {
    const key = Object.keys(session.headers).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key ? session.headers[key] : void 0;
    if (!value)
      throw new ConfigError([
        { path: "dast.identity", message: `identity "${identityName}" yields no ${name} header` }
      ]);
    registerSecret(value);
    return { name, value, site };
  };
  switch (id.kind) {
    case "anonymous":
      throw new ConfigError([
        {
          path: "dast.identity",
          message: `identity "${identityName}" is anonymous: there is no credential to send`
        }
      ]);
    case "bearer":
    case "basic":
      return pick("Authorization");
    case "api-key":
      return pick(id.header);
    case "json-login":
      return pick(id["token-header"]);
    case "cookie-session": {
      const value = [...session.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      if (!value)
        throw new ConfigError([
          { path: "dast.identity", message: `identity "${identityName}" got no session cookie at login` }
        ]);
      registerSecret(value);
      return { name: "Cookie", value, site };
    }
  }
}

// src/checks/dast/dast-check.ts
var dastCheck = {
  name: "dast",
  description: "OWASP ZAP scan (baseline, full or API) with reviewed suppressions, SARIF and a severity gate",
  run: runDast
};
async function runDast(ctx) {
  const { config } = ctx;
  const cfg = config.dast;
  if (!cfg) throw new ConfigError([{ path: "dast", message: "no dast section in the config" }]);
  const target = config.target;
  const e = startEvidence("dast", target["base-url"], target.name);
  if (!cfg.enabled) return skipped(e, "dast.enabled is false");
  if (cfg.mode === "full") {
    const d = destructiveAllowed(target);
    if (!d.allowed)
      throw new ConfigError([
        {
          path: "dast.mode",
          message: `full runs an active attack scan, which changes data: it needs target.allow-destructive: true and the host in target.allow-hosts (${d.reason}); use mode: baseline for this target`
        }
      ]);
  }
  const gateSeverity = policyFor(config, "dast").failOnSeverity;
  assertFailOnConsistent(cfg["fail-on"], gateSeverity);
  const startUrl = new URL(cfg["start-path"], target["base-url"]).toString();
  assertAllowedHost(target, startUrl);
  const rules = cfg["rules-file"] ? await readRules(ctx.configDir, cfg["rules-file"]) : void 0;
  const workDir = path3.join(ctx.outDir, "artifacts", "dast");
  await mkdir2(workDir, { recursive: true });
  await chmod(workDir, 511);
  const api = cfg.mode === "api" ? await stageApi(ctx, cfg, workDir) : void 0;
  if (rules) await writeFile3(path3.join(workDir, "rules.tsv"), rules.text);
  const authHeader = cfg.identity ? await zapAuthHeader(config, cfg.identity) : void 0;
  const plan = {
    mode: cfg.mode,
    targetUrl: startUrl,
    ...api ? { api } : {},
    workDir,
    image: cfg.image,
    containerName: `opsgate-zap-${process.pid}-${Date.now()}`,
    ...cfg["docker-network"] ?? (isLoopback(startUrl) ? "host" : void 0) ? { network: cfg["docker-network"] ?? "host" } : {},
    ...rules ? { rulesFile: "rules.tsv" } : {},
    spiderMinutes: cfg["spider-minutes"],
    ajaxSpider: cfg["ajax-spider"],
    ...cfg["max-minutes"] ? { maxMinutes: cfg["max-minutes"] } : {},
    zapOptions: cfg["zap-options"],
    authHeader: Boolean(authHeader)
  };
  ctx.log(
    `dast: ${cfg.mode} scan of ${startUrl} with ${cfg.engine}${authHeader ? ` as ${cfg.identity}` : ""}`
  );
  let result2;
  try {
    result2 = await runZap({
      engine: cfg.engine,
      plan,
      zapCommand: cfg["zap-command"],
      ...authHeader ? { authHeader } : {},
      timeoutMs: durationMs(cfg.timeout),
      signal: ctx.signal,
      log: ctx.log
    });
  } catch (err) {
    if (err instanceof ZapEngineMissingError && cfg["on-missing-engine"] === "skip")
      return skipped(e, `${err.message} (dast.on-missing-engine: skip)`);
    throw err;
  }
  const report3 = parseZapReport(await readFile(result2.reportFile, "utf8"), result2.reportFile);
  const groups = groupAlerts(report3.alerts);
  e.findings = applyDastPolicy(groups, {
    failOn: cfg["fail-on"],
    gateSeverity,
    suppressions: cfg.suppressions,
    ...rules ? { rules: rules.imported } : {},
    today: (/* @__PURE__ */ new Date()).toISOString().slice(0, 10)
  });
  for (const i of report3.insights.filter((i2) => /^(high|medium)$/i.test(i2.level)))
    e.findings.push({
      fingerprint: fingerprintOf("dast", "insight", i.key, i.site),
      severity: "low",
      title: `ZAP insight (${i.level}): ${i.description}`,
      detail: `${i.reason}: ${i.statistic}${i.site ? ` on ${i.site}` : ""}. The scan may not have seen the whole target.`,
      location: i.site || target["base-url"],
      ruleId: "opsgate-zap-insight"
    });
  e.run.tool = { name: report3.programName, version: report3.version };
  e.thresholds.push({
    name: `ZAP ${cfg.mode} scan completed`,
    limit: "exit 0, 1 or 2",
    actual: `exit ${result2.exitCode} (${result2.outcome})`,
    ok: true
  });
  const open2 = e.findings.filter((f) => !f.suppressed && f.ruleId && !f.ruleId.startsWith("opsgate-"));
  const diff = await diffWithPrevious(ctx.store, e.findings);
  e.metrics = {
    zapExitCode: result2.exitCode,
    alerts: report3.alerts.length,
    instances: report3.alerts.reduce((n, a) => n + a.count, 0),
    findings: groups.length,
    open: open2.length,
    suppressed: e.findings.filter((f) => f.suppressed).length,
    new: diff.added.length,
    fixed: diff.fixed.length,
    ...Object.fromEntries(
      RISK_SEVERITY.map((s, risk) => [
        `risk${risk}_${s}`,
        report3.alerts.filter((a) => a.risk === risk).length
      ])
    )
  };
  e.sections = [diffSection(diff), ...report3.insights.length ? [insightsSection(report3.insights)] : []];
  e.data = {
    mode: cfg.mode,
    engine: cfg.engine,
    command: result2.command,
    zapVersion: report3.version,
    sites: report3.sites,
    failOn: cfg["fail-on"],
    newFingerprints: diff.added.map((f) => f.fingerprint),
    fixedFingerprints: diff.fixed.map((f) => f.fingerprint),
    insights: report3.insights
  };
  const sarif = await writeSarif(ctx.outDir, e, {
    name: "OWASP ZAP (opsgate)",
    version: report3.version,
    informationUri: "https://www.zaproxy.org/",
    rules: report3.alerts.map((a) => ({
      id: a.alertRef,
      name: a.name,
      description: a.description,
      help: a.solution,
      ...a.references[0] ? { helpUri: a.references[0] } : {},
      tags: [...a.cweId ? [`external/cwe/cwe-${a.cweId}`] : [], `zap-${a.pluginId}`]
    }))
  });
  e.artifacts = [
    ...Object.values(REPORT_FILES).map((f) => ({ name: `zap ${f}`, path: path3.join(workDir, f) })),
    { name: "sarif", path: sarif }
  ];
  e.summary = `ZAP ${report3.version} ${cfg.mode} scan: ${report3.alerts.length} alerts → ${open2.length} open findings (${e.metrics.suppressed} suppressed, ${diff.added.length} new); fail-on ${cfg["fail-on"]}`;
  return e;
}
function skipped(e, reason) {
  e.thresholds.push({ name: "ZAP scan ran", limit: "completed", actual: null, ok: true, skipped: reason });
  e.summary = `dast skipped: ${reason}`;
  return e;
}
async function readRules(configDir, rf) {
  const file = path3.resolve(configDir, rf.path);
  let text2;
  try {
    text2 = await readFile(file, "utf8");
  } catch (err) {
    throw new ConfigError([
      {
        path: "dast.rules-file.path",
        message: `cannot read ${rf.path}: ${err.code}`
      }
    ]);
  }
  const lines = parseRulesTsv(text2, rf.path);
  return { text: text2, imported: { file: rf.path, owner: rf.owner, expires: rf.expires, lines } };
}
async function stageApi(ctx, cfg, workDir) {
  const api = cfg.api;
  const stage = async (ref, key) => {
    if (/^https?:\/\//.test(ref)) {
      assertAllowedHost(ctx.config.target, ref);
      return ref;
    }
    const name = `api-${path3.basename(ref)}`;
    try {
      await copyFile(path3.resolve(ctx.configDir, ref), path3.join(workDir, name));
    } catch (err) {
      throw new ConfigError([
        { path: `dast.api.${key}`, message: `cannot read ${ref}: ${err.code}` }
      ]);
    }
    return name;
  };
  return {
    definition: await stage(api.definition, "definition"),
    format: api.format,
    ...api.schema ? { schema: await stage(api.schema, "schema") } : {}
  };
}

// src/engines/tls/tls-probe.ts
import tls from "node:tls";
var PROBED_TLS_VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
var PROBE_CIPHERS = "DEFAULT@SECLEVEL=0";
var CLIENT_SIDE = /NO_PROTOCOLS_AVAILABLE|NO_CIPHERS_AVAILABLE|LEGACY_SIGALG|NO_SUITABLE_SIGNATURE_ALGORITHM|ERR_SSL_UNSAFE_LEGACY_RENEGOTIATION_DISABLED|ERR_TLS_INVALID_PROTOCOL_VERSION/;
var UNREACHABLE = /* @__PURE__ */ new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
var MS_PER_DAY = 864e5;
async function probeTls(opts) {
  const timeoutMs = opts.timeoutMs ?? 5e3;
  const certificate = await readCertificate(opts, timeoutMs, opts.now ?? /* @__PURE__ */ new Date());
  const versions = [];
  for (const version of opts.versions ?? PROBED_TLS_VERSIONS) {
    versions.push(await probeVersion(opts, version, timeoutMs));
  }
  return { host: opts.host, port: opts.port, versions, ...certificate ? { certificate } : {} };
}
function handshake(opts, extra, timeoutMs) {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: opts.host,
      port: opts.port,
      servername: sniName(opts),
      rejectUnauthorized: false,
      ciphers: PROBE_CIPHERS,
      ...extra
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ timedOut: true, code: "ETIMEDOUT" });
    }, timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      resolve({ socket });
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ code: err.code ?? err.message });
    });
    socket.once("close", () => {
      clearTimeout(timer);
      resolve({ code: "ECONNRESET" });
    });
  });
}
async function readCertificate(opts, timeoutMs, now) {
  const h = await handshake(opts, {}, timeoutMs);
  if (h.code && UNREACHABLE.has(h.code)) {
    throw unreachable(opts, h.code);
  }
  const socket = h.socket;
  if (!socket) return void 0;
  try {
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.valid_to) return void 0;
    const authError = socket.authorizationError;
    return {
      subject: describeName(cert.subject),
      issuer: describeName(cert.issuer),
      validFrom: cert.valid_from,
      validTo: cert.valid_to,
      daysLeft: (Date.parse(cert.valid_to) - now.getTime()) / MS_PER_DAY,
      trusted: socket.authorized,
      ...authError ? { trustError: typeof authError === "string" ? authError : authError.message } : {},
      negotiated: socket.getProtocol() ?? "unknown"
    };
  } finally {
    socket.destroy();
  }
}
async function probeVersion(opts, version, timeoutMs) {
  const h = await handshake(opts, { minVersion: version, maxVersion: version }, timeoutMs);
  if (h.socket) {
    const negotiated = h.socket.getProtocol();
    h.socket.destroy();
    return negotiated === version ? { version, outcome: "accepted" } : { version, outcome: "inconclusive", code: `negotiated ${negotiated}` };
  }
  const code = h.code ?? "unknown";
  if (h.timedOut || CLIENT_SIDE.test(code)) return { version, outcome: "inconclusive", code };
  if (UNREACHABLE.has(code)) throw unreachable(opts, code);
  return { version, outcome: "refused", code };
}
function unreachable(opts, code) {
  return new TargetUnreachableError(
    [`TLS handshake with ${opts.label ?? `${opts.host}:${opts.port}`}`],
    new Error(code)
  );
}
function sniName(opts) {
  if (opts.servername) return opts.servername;
  const host = opts.host.replace(/^\[|\]$/g, "");
  return /^[\d.]+$/.test(host) || host.includes(":") ? void 0 : host;
}
function describeName(name) {
  if (!name) return "";
  return Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : String(v)}`).join(", ");
}

// src/checks/headers/finding.ts
function headerFinding(p) {
  return {
    fingerprint: fingerprintOf("headers", p.rule, p.place),
    severity: p.severity,
    title: p.title,
    detail: `expected: ${p.expected}; seen: ${p.seen}`,
    location: p.location,
    ruleId: `headers.${p.rule.split(":")[0]}`,
    ...p.solution ? { solution: p.solution } : {},
    ...p.references ? { references: p.references } : {}
  };
}

// src/checks/headers/cookie-rules.ts
function parseSetCookie(line, now = Date.now()) {
  const [pair = "", ...attrs] = line.split(";");
  const name = pair.slice(0, Math.max(pair.indexOf("="), 0)).trim() || pair.trim();
  const cookie = { name, secure: false, httpOnly: false, clearing: false };
  for (const attr of attrs) {
    const eq = attr.indexOf("=");
    const key = (eq < 0 ? attr : attr.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? "" : attr.slice(eq + 1).trim();
    if (key === "secure") cookie.secure = true;
    else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "samesite") cookie.sameSite = value;
    else if (key === "max-age" && Number(value) <= 0) cookie.clearing = true;
    else if (key === "expires" && Date.parse(value) < now) cookie.clearing = true;
  }
  return cookie;
}
function waived(rules, cookie, rule) {
  return rules.exceptions.some(
    (e) => e.rules.includes(rule) && (e.cookie.endsWith("*") ? cookie.startsWith(e.cookie.slice(0, -1)) : e.cookie === cookie)
  );
}
function cookieFindings(observed, rules) {
  if (!rules.enabled || observed.page.skip.has("cookies")) return [];
  const place = observed.page.path;
  const findings = [];
  for (const cookie of observed.setCookies.map((line) => parseSetCookie(line))) {
    if (cookie.clearing) continue;
    const add = (rule, severity2, expected, seen) => {
      if (waived(rules, cookie.name, rule)) return;
      findings.push(
        headerFinding({
          rule: `cookie-${rule}:${cookie.name}`,
          place,
          severity: severity2,
          title: `Cookie ${cookie.name} ${seen} on ${place}`,
          expected,
          seen: `Set-Cookie ${cookie.name} ${seen}`,
          location: `GET ${observed.url}`,
          solution: `Set the cookie with ${expected}.`,
          references: ["https://developer.mozilla.org/docs/Web/HTTP/Headers/Set-Cookie"]
        })
      );
    };
    if (rules.secure && !cookie.secure) add("secure", rules.severity, "Secure", "without Secure");
    if (rules["http-only"] && !cookie.httpOnly)
      add("http-only", rules.severity, "HttpOnly", "without HttpOnly");
    if (rules["same-site"]) {
      const allowed = rules["same-site-allowed"];
      const value = cookie.sameSite;
      const match = allowed.find((a) => a.toLowerCase() === value?.toLowerCase());
      if (!match) {
        add(
          "same-site",
          rules["same-site-severity"],
          `SameSite=${allowed.join(" or ")}`,
          value === void 0 ? "without SameSite" : `with SameSite=${value}`
        );
      }
    }
  }
  return findings;
}

// src/checks/headers/cors-probe.ts
async function probeCors(client, page, rule) {
  const origin = rule["probe-origin"].replace(/\/$/, "");
  const res = await client.send(page.identity, {
    method: "GET",
    path: page.path,
    headers: { origin }
  });
  const allowOrigin = res.headers.get("access-control-allow-origin");
  const allowCredentials = res.headers.get("access-control-allow-credentials");
  const credentials = allowCredentials?.trim().toLowerCase() === "true";
  const acao = allowOrigin?.trim();
  const permissive = !credentials ? false : acao === "*" ? "wildcard" : acao === origin ? "reflected" : acao === "null" ? "null" : false;
  return { origin, status: res.status, allowOrigin, allowCredentials, permissive };
}
var WHAT = {
  wildcard: "allows any origin (*) with credentials",
  reflected: "reflects any Origin with credentials",
  null: "allows the null origin with credentials"
};
function corsFindings(observation, page, url, rule) {
  if (!observation.permissive) return [];
  return [
    headerFinding({
      rule: "cors",
      place: page.path,
      severity: rule.severity,
      title: `CORS ${WHAT[observation.permissive]} on ${page.path}`,
      expected: `no Access-Control-Allow-Origin for ${observation.origin} (or no Access-Control-Allow-Credentials)`,
      seen: `Access-Control-Allow-Origin: ${observation.allowOrigin}; Access-Control-Allow-Credentials: ${observation.allowCredentials}`,
      location: `GET ${url} (Origin: ${observation.origin})`,
      solution: "Allow only a fixed list of trusted origins; never echo the request Origin when credentials are allowed.",
      references: ["https://developer.mozilla.org/docs/Web/HTTP/CORS#requests_with_credentials"]
    })
  ];
}

// src/checks/headers/header-rules.ts
function cspDirectives(value) {
  const directives = /* @__PURE__ */ new Map();
  for (const policy of (value ?? "").split(",")) {
    for (const part of policy.split(";")) {
      const [name, ...rest] = part.trim().split(/\s+/);
      if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), rest.join(" "));
    }
  }
  return directives;
}
var VERSIONED = /\/\s*v?\d|\b\d+\.\d+/;
var MDN = "https://developer.mozilla.org/docs/Web/HTTP/Headers/";
function headerFindings(observed, rules, https) {
  const h = observed.headers;
  const skip = observed.page.skip;
  const problems = [];
  if (rules.hsts.enabled && !skip.has("hsts")) problems.push(...hstsProblems(h, rules.hsts, https));
  const csp = h.get("content-security-policy");
  const directives = cspDirectives(csp);
  if (rules.csp.enabled && !skip.has("csp")) {
    if (csp === null) {
      const reportOnly = h.get("content-security-policy-report-only");
      problems.push({
        rule: "csp",
        severity: rules.csp.severity,
        title: "Content-Security-Policy missing",
        expected: "a Content-Security-Policy header",
        seen: reportOnly ? "only Content-Security-Policy-Report-Only (not enforced)" : "no header",
        solution: "Send a Content-Security-Policy, e.g. default-src 'self'; frame-ancestors 'none'.",
        references: [`${MDN}Content-Security-Policy`]
      });
    } else {
      for (const directive of rules.csp["required-directives"]) {
        if (directives.has(directive)) continue;
        problems.push({
          rule: `csp-directive:${directive}`,
          severity: rules.csp.severity,
          title: `Content-Security-Policy lacks ${directive}`,
          expected: `a ${directive} directive`,
          seen: `Content-Security-Policy: ${csp}`,
          solution: `Add a ${directive} directive to the policy.`
        });
      }
    }
  }
  const nosniff = h.get("x-content-type-options");
  if (rules["content-type-options"].enabled && !skip.has("content-type-options") && nosniff?.trim().toLowerCase() !== "nosniff") {
    problems.push({
      rule: "content-type-options",
      severity: rules["content-type-options"].severity,
      title: nosniff === null ? "X-Content-Type-Options missing" : "X-Content-Type-Options not nosniff",
      expected: "X-Content-Type-Options: nosniff",
      seen: nosniff === null ? "no header" : `X-Content-Type-Options: ${nosniff}`,
      solution: "Send X-Content-Type-Options: nosniff on every response.",
      references: [`${MDN}X-Content-Type-Options`]
    });
  }
  const xfo = h.get("x-frame-options");
  const xfoOk = ["deny", "sameorigin"].includes(xfo?.trim().toLowerCase() ?? "");
  if (rules["frame-protection"].enabled && !skip.has("frame-protection") && !xfoOk && !directives.has("frame-ancestors")) {
    problems.push({
      rule: "frame-protection",
      severity: rules["frame-protection"].severity,
      title: xfo === null ? "X-Frame-Options missing (no frame protection)" : "X-Frame-Options ineffective",
      expected: "X-Frame-Options: DENY or SAMEORIGIN, or a CSP frame-ancestors directive",
      seen: `${xfo === null ? "no X-Frame-Options" : `X-Frame-Options: ${xfo}`}, no CSP frame-ancestors`,
      solution: "Send X-Frame-Options: DENY or CSP frame-ancestors 'none'.",
      references: [`${MDN}X-Frame-Options`]
    });
  }
  const rp = rules["referrer-policy"];
  if (rp.enabled && !skip.has("referrer-policy")) {
    const value = h.get("referrer-policy");
    const effective = effectiveReferrerPolicy(value);
    if (!effective || !rp.allowed.includes(effective)) {
      problems.push({
        rule: "referrer-policy",
        severity: rp.severity,
        title: value === null ? "Referrer-Policy missing" : "Referrer-Policy too permissive",
        expected: `Referrer-Policy one of ${rp.allowed.join(", ")}`,
        seen: value === null ? "no header" : `Referrer-Policy: ${value}`,
        solution: "Send Referrer-Policy: strict-origin-when-cross-origin (or stricter).",
        references: [`${MDN}Referrer-Policy`]
      });
    }
  }
  if (rules.banners.enabled && !skip.has("banners")) problems.push(...bannerProblems(h, rules.banners));
  const place = observed.page.path;
  return problems.map(
    (p) => headerFinding({ ...p, title: `${p.title} on ${place}`, place, location: `GET ${observed.url}` })
  );
}
function hstsProblems(h, rule, https) {
  const severity2 = https ? rule.severity : "info";
  const note = https ? "" : " (http target: browsers only honour HSTS over https)";
  const value = h.get("strict-transport-security");
  const base = { rule: "hsts", severity: severity2, references: [`${MDN}Strict-Transport-Security`] };
  const expected = `Strict-Transport-Security with max-age >= ${rule["min-max-age"]}${rule["include-subdomains"] ? " and includeSubDomains" : ""}`;
  if (value === null) {
    return [
      {
        ...base,
        title: `Strict-Transport-Security missing${note}`,
        expected,
        seen: "no header",
        solution: `Send Strict-Transport-Security: max-age=${Math.max(rule["min-max-age"], 31536e3)}; includeSubDomains.`
      }
    ];
  }
  const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(value)?.[1] ?? NaN);
  const subdomains = /(^|;)\s*includesubdomains\s*(;|$)/i.test(value);
  if (!(maxAge >= rule["min-max-age"]) || rule["include-subdomains"] && !subdomains) {
    return [
      {
        ...base,
        title: `Strict-Transport-Security too weak${note}`,
        expected,
        seen: `Strict-Transport-Security: ${value}`,
        solution: "Raise max-age (and add includeSubDomains where required)."
      }
    ];
  }
  return [];
}
function bannerProblems(h, rule) {
  const problems = [];
  for (const name of rule.forbidden) {
    const value = h.get(name);
    if (value === null) continue;
    problems.push({
      rule: `banner:${name.toLowerCase()}`,
      severity: rule.severity,
      title: `${name} banner present`,
      expected: `no ${name} header`,
      seen: `${name}: ${value}`,
      solution: `Remove the ${name} header (it tells attackers which software and version to target).`
    });
  }
  const server = h.get("server");
  const serverForbidden = rule.forbidden.some((n) => n.toLowerCase() === "server");
  if (rule["server-version"] && !serverForbidden && server !== null && VERSIONED.test(server)) {
    problems.push({
      rule: "banner:server",
      severity: rule.severity,
      title: "Server banner reveals a version",
      expected: "no version number in the Server header",
      seen: `Server: ${server}`,
      solution: "Hide the version (nginx server_tokens off; Apache ServerTokens Prod) or drop the header."
    });
  }
  return problems;
}
var KNOWN_POLICIES = /* @__PURE__ */ new Set([
  "no-referrer",
  "no-referrer-when-downgrade",
  "origin",
  "origin-when-cross-origin",
  "same-origin",
  "strict-origin",
  "strict-origin-when-cross-origin",
  "unsafe-url"
]);
function effectiveReferrerPolicy(value) {
  const tokens = (value ?? "").split(",").map((t) => t.trim().toLowerCase()).filter((t) => KNOWN_POLICIES.has(t));
  return tokens.at(-1);
}

// src/checks/headers/observe-page.ts
async function observePage(client, page) {
  const res = await client.send(page.identity, { method: "GET", path: page.path });
  return {
    page,
    url: client.url(page.path),
    status: res.status,
    timedOut: res.timedOut === true,
    headers: res.headers,
    setCookies: res.headers.getSetCookie()
  };
}

// src/checks/headers/page-record.ts
var RECORDED_HEADERS = [
  "strict-transport-security",
  "content-security-policy",
  "content-security-policy-report-only",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "cross-origin-embedder-policy",
  "cache-control",
  "server",
  "x-powered-by"
];
function pageRecord(observed, extraBanners, cors) {
  const headers = {};
  for (const name of /* @__PURE__ */ new Set([...RECORDED_HEADERS, ...extraBanners.map((b) => b.toLowerCase())])) {
    const value = observed.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return {
    path: observed.page.path,
    identity: observed.page.identity,
    url: observed.url,
    status: observed.status,
    ...observed.timedOut ? { timedOut: true } : {},
    headers,
    cookies: observed.setCookies.map((line) => {
      const { name, secure, httpOnly, sameSite } = parseSetCookie(line);
      return { name, secure, httpOnly, ...sameSite !== void 0 ? { sameSite } : {} };
    }),
    ...cors ? { cors } : {}
  };
}

// src/checks/headers/plan.ts
function planHeaders(config) {
  const rules = config.headers ?? headersSection.unwrap().parse({});
  const base = new URL(config.target["base-url"]);
  const https = base.protocol === "https:";
  const pages = rules.paths.map(
    (entry) => typeof entry === "string" ? { path: entry, identity: rules.identity, skip: /* @__PURE__ */ new Set() } : { path: entry.path, identity: entry.identity ?? rules.identity, skip: new Set(entry.skip) }
  );
  const defined = (name) => name === "anonymous" || Boolean(config.identities[name]);
  const problems = [];
  if (!defined(rules.identity)) problems.push(unknownIdentity("headers.identity", rules.identity));
  rules.paths.forEach((entry, i) => {
    if (typeof entry !== "string" && entry.identity && !defined(entry.identity))
      problems.push(unknownIdentity(`headers.paths[${i}].identity`, entry.identity));
  });
  if (problems.length) throw new ConfigError(problems);
  const tls2 = https && rules.tls.enabled ? { host: base.hostname.replace(/^\[|\]$/g, ""), port: Number(base.port || 443) } : void 0;
  return { rules, baseUrl: base.toString(), https, pages, ...tls2 ? { tls: tls2 } : {} };
}
function unknownIdentity(path8, name) {
  return { path: path8, message: `identity "${name}" is not defined under identities` };
}

// src/checks/headers/report-section.ts
var SHOWN = [
  "strict-transport-security",
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "server",
  "x-powered-by"
];
function short(value) {
  if (value === void 0) return "—";
  return `\`${cell(value.length > 60 ? `${value.slice(0, 57)}…` : value)}\``;
}
function observedHeadersMarkdown(pages, tls2) {
  const out = [
    `| Header | ${pages.map((p) => `\`${cell(p.path)}\` (${p.status})`).join(" | ")} |`,
    `|---|${pages.map(() => "---").join("|")}|`
  ];
  for (const name of SHOWN) out.push(`| ${name} | ${pages.map((p) => short(p.headers[name])).join(" | ")} |`);
  out.push(
    `| cookies | ${pages.map(
      (p) => p.cookies.map(
        (c) => `${cell(c.name)}: ${[c.secure && "Secure", c.httpOnly && "HttpOnly", c.sameSite && `SameSite=${c.sameSite}`].filter(Boolean).join(" ") || "no flags"}`
      ).join("<br>") || "—"
    ).join(" | ")} |`
  );
  if (tls2) {
    out.push(
      "",
      `TLS ${tls2.host}:${tls2.port}: ${tls2.versions.map((v) => `${v.version} ${v.outcome}`).join(", ")}` + (tls2.certificate ? `; certificate valid to ${tls2.certificate.validTo} (${Math.floor(tls2.certificate.daysLeft)} days)` : "")
    );
  }
  return out.join("\n");
}

// src/checks/headers/tls-rules.ts
function tlsVerdicts(probe, rules) {
  const place = `${probe.host}:${probe.port}`;
  const min = rules["min-version"];
  const minIndex = PROBED_TLS_VERSIONS.indexOf(min);
  const below = probe.versions.filter((v) => PROBED_TLS_VERSIONS.indexOf(v.version) < minIndex);
  const acceptedBelow = below.filter((v) => v.outcome === "accepted");
  const untested = below.filter((v) => v.outcome === "inconclusive");
  const atMin = probe.versions.find((v) => v.version === min);
  const lowest = probe.versions.find((v) => v.outcome === "accepted")?.version ?? "none";
  const detail = probe.versions.map((v) => `${v.version} ${v.outcome}${v.code && v.outcome !== "refused" ? ` (${v.code})` : ""}`).join(", ");
  const ok = acceptedBelow.length === 0 && atMin?.outcome === "accepted";
  const versionThreshold = {
    name: `TLS minimum version ${min} (${place})`,
    limit: min,
    actual: lowest,
    ok,
    detail: acceptedBelow.length ? `accepts ${acceptedBelow.map((v) => v.version).join(", ")}, older than ${min}: ${detail}` : atMin?.outcome !== "accepted" ? `${min} not accepted: ${detail}` : detail
  };
  if (ok && untested.length) {
    versionThreshold.skipped = `could not offer ${untested.map((v) => v.version).join(", ")} from this machine: ${detail}`;
  }
  const cert = probe.certificate;
  const days = cert ? Math.floor(cert.daysLeft) : null;
  const certThreshold = {
    name: `TLS certificate days to expiry (${place})`,
    limit: rules["cert-min-days"],
    actual: days,
    unit: "days",
    ok: days !== null && days >= rules["cert-min-days"],
    detail: cert ? `valid to ${cert.validTo}; subject ${cert.subject}; issuer ${cert.issuer}` : "no certificate: the handshake did not complete"
  };
  const findings = [];
  if (cert && !cert.trusted) {
    findings.push(
      headerFinding({
        rule: "tls-trusted",
        place,
        severity: rules["trusted-severity"],
        title: `TLS certificate not trusted (${place})`,
        expected: "a chain to a trusted root that names the host",
        seen: `${cert.trustError ?? "not verified"}; subject ${cert.subject}; issuer ${cert.issuer}`,
        location: `tls://${place}`,
        solution: "Serve the full chain from a trusted CA for this host name (private CA: set NODE_EXTRA_CA_CERTS for opsgate)."
      })
    );
  }
  return { thresholds: [versionThreshold, certThreshold], findings };
}

// src/checks/headers/headers-check.ts
var headersCheck = {
  name: "headers",
  description: "security headers, cookie flags, banners, CORS and TLS (versions, certificate expiry)",
  run: runHeadersCheck
};
async function runHeadersCheck(ctx) {
  const plan = planHeaders(ctx.config);
  const target = ctx.config.target;
  const evidence = startEvidence("headers", target["base-url"], target.name);
  if (!plan.rules.enabled) {
    evidence.summary = "headers check disabled (headers.enabled: false)";
    return evidence;
  }
  assertAllowedHost(target, plan.baseUrl);
  let tls2;
  if (plan.tls) {
    ctx.log(`headers: probing TLS on ${plan.tls.host}:${plan.tls.port}`);
    tls2 = await probeTls({ ...plan.tls, timeoutMs: plan.rules.tls["timeout-ms"], label: plan.baseUrl });
    const verdicts = tlsVerdicts(tls2, plan.rules.tls);
    evidence.thresholds.push(...verdicts.thresholds);
    evidence.findings.push(...verdicts.findings);
  } else if (plan.rules.tls.enabled) {
    evidence.thresholds.push(...skippedTlsThresholds(plan));
  }
  const client = new TargetClient(target, ctx.config.identities);
  const pages = [];
  for (const page of plan.pages) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error("interrupted");
    ctx.log(`headers: GET ${page.path} as ${page.identity}`);
    const observed = await withTrustHint(observePage(client, page), tls2);
    if (observed.timedOut) {
      evidence.findings.push(timeoutFinding(observed, target["timeout-ms"]));
      pages.push(pageRecord(observed, plan.rules.banners.forbidden));
      continue;
    }
    evidence.findings.push(
      ...headerFindings(observed, plan.rules, plan.https),
      ...cookieFindings(observed, plan.rules.cookies)
    );
    let cors;
    if (plan.rules.cors.enabled && !page.skip.has("cors")) {
      cors = await withTrustHint(probeCors(client, page, plan.rules.cors), tls2);
      evidence.findings.push(...corsFindings(cors, page, observed.url, plan.rules.cors));
    }
    pages.push(pageRecord(observed, plan.rules.banners.forbidden, cors));
  }
  evidence.metrics = metricsOf(pages, evidence.findings, tls2);
  evidence.data = { pages, ...tls2 ? { tls: tls2 } : {} };
  evidence.sections = [{ title: "Observed security headers", markdown: observedHeadersMarkdown(pages, tls2) }];
  evidence.summary = summaryOf(pages, evidence);
  return evidence;
}
function skippedTlsThresholds(plan) {
  const reason = "target is http: no TLS to probe";
  return [
    {
      name: `TLS minimum version ${plan.rules.tls["min-version"]}`,
      limit: plan.rules.tls["min-version"],
      actual: null,
      ok: true,
      skipped: reason
    },
    {
      name: "TLS certificate days to expiry",
      limit: plan.rules.tls["cert-min-days"],
      actual: null,
      ok: true,
      unit: "days",
      skipped: reason
    }
  ];
}
async function withTrustHint(pending, tls2) {
  try {
    return await pending;
  } catch (err) {
    const cert = tls2?.certificate;
    if (err instanceof TargetUnreachableError && cert && !cert.trusted) {
      throw new TargetUnreachableError(
        err.tried,
        new Error(
          `${err.message}; the certificate is not trusted (${cert.trustError ?? "unverified"}), for a private CA set NODE_EXTRA_CA_CERTS`
        )
      );
    }
    throw err;
  }
}
function timeoutFinding(observed, timeoutMs) {
  return {
    fingerprint: fingerprintOf("headers", "timeout", observed.page.path),
    severity: "medium",
    title: `No answer from ${observed.page.path} within ${timeoutMs} ms`,
    detail: `expected: a response whose headers can be checked; seen: no response within ${timeoutMs} ms`,
    location: `GET ${observed.url}`,
    ruleId: "headers.timeout"
  };
}
function metricsOf(pages, findings, tls2) {
  const metrics = { pages_checked: pages.length };
  for (const s of severity.options) {
    metrics[`findings_${s}`] = findings.filter((f) => f.severity === s && !f.suppressed).length;
  }
  if (tls2?.certificate) metrics.cert_days_left = Math.floor(tls2.certificate.daysLeft);
  if (tls2) metrics.tls_versions_accepted = tls2.versions.filter((v) => v.outcome === "accepted").length;
  return metrics;
}
function summaryOf(pages, e) {
  const bySeverity = severity.options.map((s) => [s, e.findings.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  const findings = e.findings.length ? `${e.findings.length} finding${e.findings.length === 1 ? "" : "s"} (${bySeverity.join(", ")})` : "no findings";
  const failedTls = e.thresholds.filter((t) => !t.ok).map((t) => t.name);
  const tls2 = failedTls.length ? `; failed: ${failedTls.join("; ")}` : "";
  return `${pages.length} page${pages.length === 1 ? "" : "s"} checked: ${findings}${tls2}`;
}

// src/checks/index.ts
var checks = {};
checks.headers = headersCheck;
checks.dast = dastCheck;

// src/core/render/write-reports.ts
import { mkdir as mkdir4, writeFile as writeFile5 } from "node:fs/promises";
import path5 from "node:path";

// src/core/evidence/store-files.ts
import { mkdir as mkdir3, readdir, readFile as readFile2, rename, writeFile as writeFile4 } from "node:fs/promises";
import path4 from "node:path";
function evidencePath(outDir, check) {
  return path4.join(outDir, "evidence", `${check}.json`);
}
async function writeEvidence(outDir, evidence) {
  const clean = evidenceSchema.parse(redactDeep(evidence));
  const file = evidencePath(outDir, clean.check);
  await mkdir3(path4.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile4(tmp, JSON.stringify(clean, null, 2) + "\n");
  await rename(tmp, file);
  return file;
}
async function readEvidenceFile(file) {
  const parsed = evidenceSchema.safeParse(JSON.parse(await readFile2(file, "utf8")));
  if (!parsed.success)
    throw new Error(`${file} is not valid opsgate evidence: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
async function readAllEvidence(outDir) {
  const dir = path4.join(outDir, "evidence");
  let names;
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map((n) => readEvidenceFile(path4.join(dir, n))));
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
  await mkdir4(outDir, { recursive: true });
  await writeFile5(path5.join(outDir, "report.md"), redact(renderReport(gate)));
  await writeFile5(path5.join(outDir, "junit.xml"), redact(renderJunit(gate)));
  return gate;
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
import path6 from "node:path";
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
    outDir: path6.resolve(opts.out),
    store: new FsEvidenceStore(path6.resolve(dir, config.store.dir)),
    log: (m) => process.stderr.write(`${m}
`),
    signal: controller.signal,
    options
  };
}

// src/cli/run-drill.ts
import path7 from "node:path";
function configuredChecks(ctx, wanted) {
  const run2 = [];
  const skipped2 = [];
  for (const name of wanted) {
    const section = ctx.config[name];
    if (!checks[name]) skipped2.push({ check: name, reason: "not available in this opsgate version" });
    else if (!section) skipped2.push({ check: name, reason: `no ${name} section in the config` });
    else if (section.enabled === false) skipped2.push({ check: name, reason: `${name}.enabled is false` });
    else run2.push(name);
  }
  return { run: run2, skipped: skipped2 };
}
async function runDrill(drill, ctx) {
  const { run: run2, skipped: skipped2 } = configuredChecks(ctx, drill.checks);
  for (const s of skipped2) ctx.log(`- ${s.check}: skipped (${s.reason})`);
  const evidence = [];
  for (const [i, name] of run2.entries()) {
    if (ctx.signal.aborted) break;
    ctx.log(`[${i + 1}/${run2.length}] ${name}…`);
    const started = Date.now();
    const { evidence: e } = await runCheck(checks[name], ctx);
    evidence.push(e);
    ctx.log(
      `[${i + 1}/${run2.length}] ${name}: ${e.verdict} in ${((Date.now() - started) / 1e3).toFixed(1)} s — ${e.summary}`
    );
    if (!drill["continue-on-failure"] && e.verdict !== "pass" && e.verdict !== "warn") break;
  }
  const gate = await writeReports(ctx.outDir, ctx.config);
  return { ran: run2, skipped: skipped2, evidence, gate, reportPath: path7.join(ctx.outDir, "report.md") };
}

export {
  runGate,
  checks,
  evidencePath,
  readEvidenceFile,
  readAllEvidence,
  writeReports,
  runCheck,
  buildContext,
  configuredChecks,
  runDrill
};
