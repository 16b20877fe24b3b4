import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  writeFileAtomic
} from "./chunk-NA4JMHHY.js";
import {
  redactDeep
} from "./chunk-MLKP6OQN.js";

// src/core/render/sarif.ts
import { mkdir } from "node:fs/promises";
import path from "node:path";
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var MAX_RESULTS_PER_RUN = 25e3;
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
function renderSarif(e, tool, opts) {
  const rules = new Map(tool.rules.map((r) => [r.id, r]));
  const findings = e.findings.filter((f) => f.ruleId && (opts.informational === "note" || f.severity !== "info")).sort((a, b) => order(b.severity) - order(a.severity)).slice(0, MAX_RESULTS_PER_RUN);
  for (const f of findings)
    if (!rules.has(f.ruleId)) rules.set(f.ruleId, { id: f.ruleId, name: f.ruleId });
  const used = new Set(findings.map((f) => f.ruleId));
  const ruleList = [...rules.values()].filter((r) => used.has(r.id));
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
              properties: ruleProperties(r, worst.get(r.id) ?? "low")
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
        results: findings.map((f) => result(f, ruleIndex.get(f.ruleId), opts.locate(f)))
      }
    ]
  };
  return redactDeep(sarif);
}
function ruleProperties(r, worst) {
  if (worst === "info") return { tags: [...r.tags ?? []] };
  return { tags: ["security", ...r.tags ?? []], "security-severity": securitySeverity[worst] };
}
function result(f, ruleIndex, at) {
  const url = f.location && /^https?:\/\//i.test(f.location) ? f.location : void 0;
  const where = url ? `Scanned URL: ${url}` : f.location ? `Location: ${f.location}` : "";
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    // The rule carries the long description; a result says what and where (first three detail lines).
    message: {
      text: [f.title, where, ...f.detail.split("\n").slice(0, 3)].filter(Boolean).join("\n")
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriReference(at.file), uriBaseId: "%SRCROOT%" },
          region: { startLine: Math.max(1, Math.floor(at.line)) }
        }
      }
    ],
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
    properties: {
      severity: f.severity,
      ...url ? { url } : f.location ? { location: f.location } : {},
      ...f.count !== void 0 ? { count: f.count } : {}
    }
  };
}
async function writeSarif(outDir, e, tool, opts) {
  const file = path.join(outDir, "sarif", `${e.check}.sarif`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(renderSarif(e, tool, opts), null, 2) + "\n");
  return file;
}
function order(s) {
  return ["info", "low", "medium", "high", "critical"].indexOf(s);
}
function pascal(s) {
  return s.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => c ? c.toUpperCase() : "").replace(/^./, (c) => c.toUpperCase());
}
function uriReference(uri) {
  return uri.replace(
    /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu,
    (c) => encodeURIComponent(c)
  );
}

// src/checks/config-sarif.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path2 from "node:path";
async function configInRepository(o) {
  const configFile = o.configFile ?? path2.join(o.configDir, "opsgate.yml");
  const text = await readFile(configFile, "utf8").catch(() => "");
  const root = sourceRoot(path2.dirname(configFile));
  const rel = path2.relative(root, configFile).split(path2.sep).join("/");
  return { rel: rel.startsWith("..") ? path2.basename(configFile) : rel, text };
}
function sourceRoot(configDir, env = process.env) {
  const dir = path2.resolve(configDir);
  const ws = env.GITHUB_WORKSPACE ? path2.resolve(env.GITHUB_WORKSPACE) : void 0;
  if (ws && !path2.relative(ws, dir).startsWith("..") && !path2.isAbsolute(path2.relative(ws, dir))) return ws;
  for (let d = dir; ; d = path2.dirname(d)) {
    if (existsSync(path2.join(d, ".git"))) return d;
    if (path2.dirname(d) === d) return dir;
  }
}

export {
  writeSarif,
  configInRepository
};
