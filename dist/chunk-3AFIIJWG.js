import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  configInRepository,
  writeSarif
} from "./chunk-RPOAYL32.js";
import {
  TargetClient,
  assertAllowedHost,
  destructiveAllowed,
  isLoopback,
  targetUrl
} from "./chunk-NRWEKI4R.js";
import {
  policyFor
} from "./chunk-DDRZDHRK.js";
import {
  require_dist
} from "./chunk-SWQS7YNX.js";
import {
  lineOfKey
} from "./chunk-ZC7YIYEL.js";
import {
  cell
} from "./chunk-MT7WXE72.js";
import {
  currentLedgerScope,
  recordRequest
} from "./chunk-7HPKJNE2.js";
import {
  fingerprintOf
} from "./chunk-3ZMT66VX.js";
import {
  startEvidence
} from "./chunk-NHLNGWDM.js";
import {
  ConfigError,
  EngineError
} from "./chunk-OSGOEP7K.js";
import {
  durationMs,
  external_exports,
  redact,
  registerSecret
} from "./chunk-MLKP6OQN.js";
import {
  __toESM
} from "./chunk-4GQUXEY7.js";

// src/checks/dast/dast-check.ts
import { chmod, copyFile, mkdir, readFile, writeFile as writeFile2 } from "node:fs/promises";
import path3 from "node:path";

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

// src/engines/wapiti/parse-wapiti-report.ts
var entry = external_exports.object({
  method: external_exports.string().default("GET"),
  path: external_exports.string(),
  info: external_exports.string().default(""),
  level: external_exports.coerce.number().int().min(0).max(4),
  parameter: external_exports.string().default(""),
  http_request: external_exports.string().default("")
});
var classification = external_exports.object({
  desc: external_exports.string().default(""),
  sol: external_exports.string().default(""),
  ref: external_exports.record(external_exports.string(), external_exports.string()).default({})
});
var report2 = external_exports.object({
  classifications: external_exports.record(external_exports.string(), classification).default({}),
  vulnerabilities: external_exports.record(external_exports.string(), external_exports.array(entry)).default({}),
  anomalies: external_exports.record(external_exports.string(), external_exports.array(entry)).default({}),
  infos: external_exports.object({ target: external_exports.string(), version: external_exports.string().default("Wapiti") })
});
function parseWapitiReport(json, source = "wapiti report") {
  let raw;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new EngineError("wapiti", `${source} is not JSON: ${err.message}`);
  }
  const parsed = report2.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EngineError(
      "wapiti",
      `${source} is not a wapiti JSON report: ${issue.path.join(".")}: ${issue.message}`
    );
  }
  const r = parsed.data;
  const site = new URL(r.infos.target).origin;
  const alerts = [];
  const add = (category, entries, anomaly) => {
    const byLevel = /* @__PURE__ */ new Map();
    for (const e of entries) {
      const risk = anomaly ? 1 : Math.min(e.level, 3);
      byLevel.set(risk, [...byLevel.get(risk) ?? [], e]);
    }
    const c = r.classifications[category];
    const refs = Object.entries(c?.ref ?? {});
    const cwe = refs.map(([k]) => /^CWE-(\d+)/.exec(k)?.[1]).find(Boolean);
    const rule = `wapiti-${category.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
    for (const [risk, list] of byLevel)
      alerts.push({
        site,
        pluginId: rule,
        alertRef: rule,
        name: category,
        risk,
        confidence: 2,
        description: c?.desc ?? "",
        solution: c?.sol ?? "",
        otherInfo: "",
        references: refs.map(([, url]) => url).filter((u) => /^https?:\/\//.test(u)),
        ...cwe ? { cweId: cwe } : {},
        systemic: false,
        instances: list.map((e) => instanceOf(site, e)),
        count: list.length
      });
  };
  for (const [category, entries] of Object.entries(r.vulnerabilities))
    if (entries.length) add(category, entries, false);
  for (const [category, entries] of Object.entries(r.anomalies))
    if (entries.length) add(category, entries, true);
  return {
    programName: "Wapiti",
    version: r.infos.version.replace(/^Wapiti\s*/i, ""),
    sites: [site],
    alerts,
    insights: []
  };
}
function instanceOf(site, e) {
  const requestLine = e.http_request.split("\n")[0] ?? "";
  const target = /^[A-Z]+ (\S+) HTTP\//.exec(requestLine)?.[1];
  let uri = site + e.path;
  if (target?.startsWith("/")) uri = site + target;
  return { uri, method: e.method, param: e.parameter, attack: requestLine, evidence: e.info, otherinfo: "" };
}

// src/engines/wapiti/run-wapiti.ts
import { access as access2 } from "node:fs/promises";

// src/engines/zap/run-zap.ts
import { spawn } from "node:child_process";
import { access, writeFile } from "node:fs/promises";
import path from "node:path";

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
    if (plan.api.format === "openapi") args.push("-O", new URL(plan.targetUrl).origin);
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
    report3("traditional-json", dir, REPORT_FILES.json),
    report3("traditional-html", dir, REPORT_FILES.html)
  );
  return (0, import_yaml.stringify)({
    env: {
      contexts: [{ name: "opsgate", urls: [plan.targetUrl] }],
      parameters: { failOnError: true, progressToStdout: true }
    },
    jobs
  });
}
function apiImportJob(api, dir, targetUrl2) {
  const isUrl = /^https?:\/\//.test(api.definition);
  const where = isUrl ? api.definition : `${dir}/${api.definition}`;
  switch (api.format) {
    case "openapi":
      return { type: "openapi", parameters: { [isUrl ? "apiUrl" : "apiFile"]: where, targetUrl: targetUrl2 } };
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
function report3(template, dir, file) {
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
  const reportFile = path.join(opts.plan.workDir, REPORT_FILES.json);
  await assertReport(reportFile, res.code);
  return { exitCode: res.code, outcome: SCRIPT_EXIT[res.code], reportFile, command, outputTail: res.output };
}
async function runLocal(opts) {
  const planFile = path.join(opts.plan.workDir, "zap-plan.yaml");
  await writeFile(planFile, automationPlan(opts.plan));
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
  const reportFile = path.join(opts.plan.workDir, REPORT_FILES.json);
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
    throw new EngineError("zap", `scan exited ${code} but wrote no ${path.basename(file)}`);
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

// src/engines/wapiti/scope-proxy.ts
import http from "node:http";
var PASSIVE_METHODS = /* @__PURE__ */ new Set(["GET", "HEAD"]);
async function startScopeProxy(opts) {
  const origin = new URL(opts.origin);
  const ledger = currentLedgerScope();
  const stats = { forwarded: 0, refused: 0, refusedHosts: [] };
  const refuse = (res, why, host) => {
    stats.refused++;
    if (!stats.refusedHosts.includes(host) && stats.refusedHosts.length < 20) stats.refusedHosts.push(host);
    res.writeHead(403, { "Content-Type": "text/plain" }).end(`opsgate scope: ${why}`);
  };
  const server = http.createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url ?? "");
    } catch {
      return refuse(res, "not an absolute URL", "?");
    }
    if (url.protocol !== "http:" || url.host !== origin.host)
      return refuse(res, "outside the target", url.host);
    if (opts.passiveOnly && !PASSIVE_METHODS.has(req.method ?? ""))
      return refuse(res, `${req.method} refused in a passive scan`, url.host);
    stats.forwarded++;
    const headers = { ...req.headers, host: origin.host };
    delete headers["proxy-connection"];
    delete headers["proxy-authorization"];
    if (opts.authHeader) headers[opts.authHeader.name.toLowerCase()] = opts.authHeader.value;
    const upstream = http.request(
      {
        host: origin.hostname,
        port: origin.port || 80,
        method: req.method,
        path: url.pathname + url.search,
        headers
      },
      (up) => {
        const status = up.statusCode ?? 502;
        recordRequest(
          { url: url.toString(), identity: opts.identity ?? "-", method: req.method ?? "GET", status },
          ledger
        );
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      }
    );
    upstream.setTimeout(3e4, () => upstream.destroy(new Error("upstream timeout")));
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  server.on("connect", (req, socket) => {
    stats.refused++;
    const host = req.url ?? "?";
    if (!stats.refusedHosts.includes(host) && stats.refusedHosts.length < 20) stats.refusedHosts.push(host);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })
  };
}

// src/engines/wapiti/wapiti-command.ts
var PASSIVE_MODULES = ["http_headers", "csp", "cookieflags"];
var ATTACK_MODULES = ["xss", "permanentxss", "sql", "exec", "file", "redirect", "crlf"];
function wapitiArgs(plan) {
  const modules = plan.mode === "full" ? [...PASSIVE_MODULES, ...ATTACK_MODULES] : [...PASSIVE_MODULES];
  return [
    "--url",
    plan.startUrl,
    "--scope",
    "folder",
    "--module",
    modules.join(","),
    "--proxy",
    plan.proxyUrl,
    "--format",
    "json",
    "--output",
    plan.reportFile,
    "--flush-session",
    "--store-session",
    plan.sessionDir,
    "--store-config",
    plan.sessionDir,
    "--max-scan-time",
    String(plan.maxScanSeconds),
    "--max-attack-time",
    String(plan.maxAttackSeconds),
    "--timeout",
    "10",
    "--verbose",
    "0",
    "--no-bugreport"
  ];
}

// src/engines/wapiti/run-wapiti.ts
var INSTALL_WAPITI = "install it from the OS packages (apt-get install -y wapiti)";
async function runWapiti(opts) {
  const proxy = await startScopeProxy({
    origin: opts.origin,
    passiveOnly: opts.plan.mode !== "full",
    ...opts.authHeader ? { authHeader: opts.authHeader } : {}
  });
  try {
    const args = wapitiArgs({ ...opts.plan, proxyUrl: proxy.url });
    opts.log?.(`dast: ${opts.wapitiCommand} ${args.join(" ")}`);
    const res = await run(opts.wapitiCommand, args, {}, opts.timeoutMs, opts.signal);
    if (res.missing)
      throw new ZapEngineMissingError(`${opts.wapitiCommand} is not installed: ${INSTALL_WAPITI}`);
    if (res.timedOut)
      throw new EngineError("wapiti", `scan timed out after ${opts.timeoutMs} ms and was killed`);
    if (res.code !== 0)
      throw new EngineError(
        "wapiti",
        `exited ${res.code ?? res.signal}: ${res.output.trim().split("\n").slice(-3).join(" | ")}`
      );
    try {
      await access2(opts.plan.reportFile);
    } catch {
      throw new EngineError("wapiti", `scan exited 0 but wrote no ${opts.plan.reportFile}`);
    }
    return {
      exitCode: res.code,
      reportFile: opts.plan.reportFile,
      command: [opts.wapitiCommand, ...args],
      requests: { ...proxy.stats }
    };
  } finally {
    await proxy.close();
  }
}

// src/engines/zap/rules-tsv.ts
var RULE_LEVELS = ["PASS", "IGNORE", "INFO", "WARN", "FAIL", "OUTOFSCOPE"];
function justificationOf(line, alertName) {
  if (line.message) return line.message;
  const bare = (s) => s.trim().replace(/^\((.*)\)$/s, "$1").trim().toLowerCase();
  const isName = line.level === "OUTOFSCOPE" || /^\(.*\)$/s.test(line.value.trim()) || alertName !== void 0 && bare(line.value) === bare(alertName);
  return isName || !line.value.trim() ? void 0 : line.value.trim();
}
function parseRulesTsv(text2, file) {
  const lines = [];
  const problems = [];
  text2.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.startsWith("#") || raw.trim() === "") return;
    const fail = (message2) => {
      problems.push({ file, line, path: "", message: `${message2}: ${JSON.stringify(raw.slice(0, 80))}` });
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
    const message = rest.map((c) => c.trim()).filter(Boolean).join(" ");
    lines.push({
      line,
      rules,
      level,
      value,
      ...message ? { message } : {}
    });
  });
  if (problems.length) throw new ConfigError(problems);
  return lines;
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
  const topRisk = /* @__PURE__ */ new Map();
  for (const a of alerts) topRisk.set(a.alertRef, Math.max(a.risk, topRisk.get(a.alertRef) ?? 0));
  const manySites = new Set(alerts.map((a) => a.site)).size > 1;
  for (const alert2 of alerts) {
    const instances = alert2.instances.length ? alert2.instances : [{ uri: alert2.site }];
    for (const inst of instances) {
      const path4 = alert2.systemic ? "*" : normaliseUrlPath(inst.uri);
      const parameter = alert2.systemic ? "" : (inst.param ?? "").toLowerCase();
      const origin = originOf(inst.uri) ?? alert2.site;
      const key = `${alert2.alertRef}\0${alert2.risk}\0${origin}\0${path4}\0${parameter}`;
      let g = groups.get(key);
      if (!g) {
        const extra = [
          ...alert2.risk === topRisk.get(alert2.alertRef) ? [] : [`risk${alert2.risk}`],
          ...manySites ? [origin] : []
        ];
        const fingerprint = fingerprintOf("dast", alert2.alertRef, path4, parameter, ...extra);
        g = {
          alert: alert2,
          path: path4,
          parameter,
          instances: [],
          fingerprint,
          location: path4 === "*" ? alert2.site : `${origin}${path4}`
        };
        groups.set(key, g);
      }
      if (alert2.instances.length) g.instances.push(inst);
    }
  }
  return [...groups.values()];
}
function findingOf(g, severity, notes = []) {
  const a = g.alert;
  const example = g.instances[0];
  const count = g.path === "*" ? a.count : g.instances.length || 1;
  const detail = [
    `${scannerOf(a)} risk ${RISK_NAMES[a.risk]}, confidence ${CONFIDENCE_NAMES[a.confidence]}; ${count} instance${count === 1 ? "" : "s"}${a.systemic ? " (systemic: the same problem across the site)" : ""}.`,
    ...notes,
    example ? `Example: ${example.method || "GET"} ${example.uri}${example.param ? ` parameter ${example.param}` : ""}${example.evidence ? ` evidence ${JSON.stringify(example.evidence.slice(0, 200))}` : ""}${example.attack ? ` attack ${JSON.stringify(example.attack.slice(0, 200))}` : ""}` : "",
    a.description
  ].filter(Boolean).join("\n");
  return {
    fingerprint: g.fingerprint,
    severity,
    title: `${scannerOf(a)} ${a.alertRef} ${a.name}: ${g.path === "*" ? "site-wide" : g.path}${g.parameter ? ` [${g.parameter}]` : ""}`,
    detail,
    location: g.location,
    ruleId: a.alertRef,
    ...a.solution ? { solution: a.solution } : {},
    ...a.references.length ? { references: a.references } : {},
    count
  };
}
function scannerOf(a) {
  return a.alertRef.startsWith("wapiti-") ? "wapiti" : "ZAP";
}
function originOf(uri) {
  try {
    return new URL(uri).origin;
  } catch {
    return void 0;
  }
}

// src/checks/dast/dast-policy.ts
var order = ["info", "low", "medium", "high", "critical"];
var rank = (s) => order.indexOf(s);
function assertFailOnConsistent(failOn, gateSeverity) {
  if (gateSeverity === "critical") return;
  if (rank(failOn) < rank(gateSeverity) || gateSeverity === "info" && failOn !== "info") {
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
  const below = order[rank(p.gateSeverity) - 1] ?? "info";
  const rulesExpired = p.rules ? p.today > p.rules.expires : false;
  const used = /* @__PURE__ */ new Set();
  const findings = [];
  for (const g of groups) {
    const real = RISK_SEVERITY[g.alert.risk];
    const notes = [];
    let severity = rank(real) >= rank(p.failOn) ? real : minSeverity(real, below);
    if (severity !== real) notes.push(`Reported as ${severity}: below dast.fail-on (${p.failOn}).`);
    let suppressed;
    const level = p.rules?.lines.find((l) => l.level !== "OUTOFSCOPE" && l.rules.includes(g.alert.pluginId));
    if (level && p.rules) {
      const where = `${p.rules.file}:${level.line}`;
      if (level.level === "INFO") {
        severity = "info";
        notes.push(`${where} sets the rule to INFO.`);
      } else if (level.level === "FAIL") {
        severity = order[Math.max(rank(real), rank(p.gateSeverity))];
        notes.push(`${where} sets the rule to FAIL.`);
      } else if (level.level === "IGNORE" && !rulesExpired) {
        suppressed = {
          reason: justificationOf(level, g.alert.name) ?? `IGNORE in ${where}`,
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
        reason: [
          justificationOf(outOfScope),
          `OUTOFSCOPE ${outOfScope.value} in ${p.rules.file}:${outOfScope.line}`
        ].filter(Boolean).join(" — "),
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
    findings.push({ ...findingOf(g, severity, notes), ...suppressed ? { suppressed } : {} });
  }
  for (const s of p.suppressions) {
    const scope = suppressionScope(s);
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
function suppressionScope(s) {
  return `rule ${s.rule}${s.url ? ` url ${s.url}` : ""}${s.parameter ? ` parameter ${s.parameter}` : ""}`;
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
  return rank(a) <= rank(b) ? a : b;
}

// src/checks/dast/dast-sarif.ts
async function writeDastSarif(o, e, report4) {
  const config = await configInRepository(o);
  const locate = dastLocator(o.cfg, config.rel, config.text);
  const wapiti = o.engine === "wapiti";
  return writeSarif(
    o.outDir,
    e,
    {
      name: wapiti ? "Wapiti (opsgate)" : "OWASP ZAP (opsgate)",
      version: report4.version,
      informationUri: wapiti ? "https://wapiti-scanner.github.io/" : "https://www.zaproxy.org/",
      rules: report4.alerts.map((a) => ({
        id: a.alertRef,
        name: a.name,
        description: a.description,
        help: a.solution,
        ...a.references[0] ? { helpUri: a.references[0] } : {},
        tags: [
          ...a.cweId ? [`external/cwe/cwe-${a.cweId}`] : [],
          wapiti ? a.pluginId : `zap-${a.pluginId}`
        ]
      }))
    },
    { locate, informational: o.cfg.sarif.informational }
  );
}
function dastLocator(cfg, configRel, configText) {
  const dastLine = lineOfKey(configText, ["dast"]);
  const maps = cfg.sarif.locations.map((l) => ({ re: new RegExp(l.url), file: l.file, line: l.line }));
  const suppressionLines = new Map(
    cfg.suppressions.map((s, i) => [
      `dast.suppressions (${suppressionScope(s)})`,
      lineOfKey(configText, ["dast", "suppressions", i])
    ])
  );
  return (f) => {
    const loc = f.location ?? "";
    const mapped = loc ? maps.find((m) => m.re.test(loc)) : void 0;
    if (mapped) return { file: mapped.file, line: mapped.line };
    const suppression = suppressionLines.get(loc);
    if (suppression) return { file: configRel, line: suppression };
    if (loc.startsWith("dast.rules-file"))
      return { file: configRel, line: lineOfKey(configText, ["dast", "rules-file"]) };
    return { file: configRel, line: dastLine };
  };
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

// src/checks/dast/zap-auth-header.ts
async function zapAuthHeader(config, identityName, sessions) {
  const client = new TargetClient(config.target, config.identities, sessions);
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

// src/checks/dast/scan-engine.ts
import { access as access3 } from "node:fs/promises";
import path2 from "node:path";
async function pickScanEngine(cfg) {
  if (cfg.engine !== "auto") return cfg.engine;
  const docker = await run("docker", ["version", "--format", "{{.Server.Version}}"], {}, 15e3);
  if (docker.code === 0) return "zap-docker";
  if (await onPath(cfg["zap-command"])) return "zap-local";
  if (await onPath(cfg["wapiti-command"])) return "wapiti";
  return "zap-docker";
}
function assertEngineSupportsMode(engine, mode) {
  if (engine === "wapiti" && mode === "api")
    throw new ConfigError([
      {
        path: "dast.engine",
        message: "mode: api needs ZAP (zap-docker or zap-local); wapiti scans baseline and full"
      }
    ]);
}
async function onPath(command) {
  if (command.includes("/"))
    return access3(command).then(
      () => true,
      () => false
    );
  for (const dir of (process.env.PATH ?? "").split(path2.delimiter).filter(Boolean))
    if (await access3(path2.join(dir, command)).then(
      () => true,
      () => false
    ))
      return true;
  return false;
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
  if (cfg.mode !== "baseline") {
    const d = destructiveAllowed(target);
    if (!d.allowed)
      throw new ConfigError([
        {
          path: "dast.mode",
          message: `${cfg.mode} runs an active attack scan, which changes data: it needs target.allow-destructive: true and the host in target.allow-hosts (${d.reason}); use mode: baseline for this target`
        }
      ]);
  }
  const gateSeverity = policyFor(config, "dast").failOnSeverity;
  assertFailOnConsistent(cfg["fail-on"], gateSeverity);
  const startUrl = targetUrl(target, cfg["start-path"]);
  const rules = cfg["rules-file"] ? await readRules(ctx.configDir, cfg["rules-file"]) : void 0;
  const workDir = path3.join(ctx.outDir, "artifacts", "dast");
  await mkdir(workDir, { recursive: true });
  await chmod(workDir, 511);
  const api = cfg.mode === "api" ? await stageApi(ctx, cfg, workDir) : void 0;
  if (rules) await writeFile2(path3.join(workDir, "rules.tsv"), rules.text);
  const authHeader = cfg.identity ? await zapAuthHeader(config, cfg.identity, ctx.sessions) : void 0;
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
  const engine = await pickScanEngine(cfg);
  assertEngineSupportsMode(engine, cfg.mode);
  let scan;
  try {
    scan = engine === "wapiti" ? await scanWithWapiti(ctx, cfg, startUrl, workDir, authHeader) : await scanWithZap(ctx, cfg, engine, plan, authHeader);
  } catch (err) {
    if (err instanceof ZapEngineMissingError && cfg["on-missing-engine"] === "skip")
      return skipped(e, `${err.message} (dast.on-missing-engine: skip)`);
    throw err;
  }
  const { report: report4, result } = scan;
  const groups = groupAlerts(report4.alerts);
  e.findings = applyDastPolicy(groups, {
    failOn: cfg["fail-on"],
    gateSeverity,
    suppressions: cfg.suppressions,
    ...rules ? { rules: rules.imported } : {},
    today: (/* @__PURE__ */ new Date()).toISOString().slice(0, 10)
  });
  for (const i of report4.insights.filter((i2) => /^(high|medium)$/i.test(i2.level)))
    e.findings.push({
      fingerprint: fingerprintOf("dast", "insight", i.key, i.site),
      severity: "low",
      title: `ZAP insight (${i.level}): ${i.description}`,
      detail: `${i.reason}: ${i.statistic}${i.site ? ` on ${i.site}` : ""}. The scan may not have seen the whole target.`,
      location: i.site || target["base-url"],
      ruleId: "opsgate-zap-insight"
    });
  const scope = `dast:${engine === "wapiti" ? "wapiti" : "zap"}:${cfg.mode}:${new URL(target["base-url"]).origin}`;
  e.findings = e.findings.map((f) => ({ ...f, scope }));
  e.coverage = [scope];
  e.run.tool = { name: report4.programName, version: report4.version };
  e.thresholds.push({
    name: `${report4.programName} ${cfg.mode} scan completed`,
    limit: engine === "wapiti" ? "exit 0" : "exit 0, 1 or 2",
    actual: `exit ${result.exitCode} (${result.outcome})`,
    ok: true
  });
  const open2 = e.findings.filter((f) => !f.suppressed && f.ruleId && !f.ruleId.startsWith("opsgate-"));
  const diff = await diffWithPrevious(ctx.store, e.findings);
  e.metrics = {
    zapExitCode: result.exitCode,
    alerts: report4.alerts.length,
    instances: report4.alerts.reduce((n, a) => n + a.count, 0),
    findings: groups.length,
    open: open2.length,
    suppressed: e.findings.filter((f) => f.suppressed).length,
    new: diff.added.length,
    fixed: diff.fixed.length,
    ...Object.fromEntries(
      RISK_SEVERITY.map((s, risk) => [
        `risk${risk}_${s}`,
        report4.alerts.filter((a) => a.risk === risk).length
      ])
    )
  };
  e.sections = [diffSection(diff), ...report4.insights.length ? [insightsSection(report4.insights)] : []];
  e.data = {
    mode: cfg.mode,
    engine,
    command: result.command,
    ...scan.requests ? { requests: scan.requests } : {},
    zapVersion: report4.version,
    sites: report4.sites,
    failOn: cfg["fail-on"],
    newFingerprints: diff.added.map((f) => f.fingerprint),
    fixedFingerprints: diff.fixed.map((f) => f.fingerprint),
    insights: report4.insights
  };
  const sarif = await writeDastSarif(
    { outDir: ctx.outDir, configDir: ctx.configDir, configFile: ctx.configFile, cfg, engine },
    e,
    report4
  );
  e.artifacts = [...scan.artifacts, { name: "sarif", path: sarif }];
  e.summary = `${report4.programName} ${report4.version} ${cfg.mode} scan: ${report4.alerts.length} alerts → ${open2.length} open findings (${e.metrics.suppressed} suppressed, ${diff.added.length} new); fail-on ${cfg["fail-on"]}`;
  return e;
}
function skipped(e, reason) {
  e.thresholds.push({ name: "DAST scan ran", limit: "completed", actual: null, ok: true, skipped: reason });
  e.summary = `dast skipped: ${reason}`;
  e.skipped = { reason };
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
async function scanWithZap(ctx, cfg, engine, plan, authHeader) {
  ctx.log(
    `dast: ${cfg.mode} scan of ${plan.targetUrl} with ${engine}${authHeader ? ` as ${cfg.identity}` : ""}`
  );
  const result = await runZap({
    engine,
    plan,
    zapCommand: cfg["zap-command"],
    ...authHeader ? { authHeader } : {},
    timeoutMs: durationMs(cfg.timeout),
    signal: ctx.signal,
    log: ctx.log
  });
  const report4 = parseZapReport(await readFile(result.reportFile, "utf8"), result.reportFile);
  const artifacts = Object.values(REPORT_FILES).map((f) => ({
    name: `zap ${f}`,
    path: path3.join(plan.workDir, f)
  }));
  return { report: report4, result, artifacts };
}
async function scanWithWapiti(ctx, cfg, startUrl, workDir, authHeader) {
  if (cfg.mode === "api") throw new Error("unreachable: api scans are refused before");
  ctx.log(`dast: ${cfg.mode} scan of ${startUrl} with wapiti${authHeader ? ` as ${cfg.identity}` : ""}`);
  const reportFile = path3.join(workDir, "wapiti-report.json");
  const timeoutMs = durationMs(cfg.timeout);
  const maxScanSeconds = Math.max(10, Math.min(cfg["spider-minutes"] * 60 * 3, timeoutMs / 1e3 - 5));
  const run2 = await runWapiti({
    plan: {
      mode: cfg.mode,
      startUrl,
      reportFile,
      sessionDir: path3.join(workDir, "wapiti-session"),
      maxScanSeconds,
      maxAttackSeconds: Math.max(5, Math.floor(maxScanSeconds / 4))
    },
    origin: new URL(startUrl).origin,
    wapitiCommand: cfg["wapiti-command"],
    ...authHeader ? { authHeader: { name: authHeader.name, value: authHeader.value } } : {},
    timeoutMs,
    signal: ctx.signal,
    log: ctx.log
  });
  const report4 = parseWapitiReport(await readFile(reportFile, "utf8"), reportFile);
  return {
    report: report4,
    result: { exitCode: run2.exitCode, outcome: "completed", command: run2.command },
    artifacts: [{ name: "wapiti report", path: reportFile }],
    requests: run2.requests
  };
}

export {
  dastCheck
};
