import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  debug,
  getInput,
  getMultilineInput,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  summary
} from "./chunk-M4ZKTAUC.js";
import {
  buildContext,
  installRedactingOutput,
  runCheck,
  selectConfiguredChecks,
  singleCheckPolicy
} from "./chunk-ZBHBXFHI.js";
import {
  evidencePath,
  readAllEvidence,
  writeReports
} from "./chunk-F4N7O6A5.js";
import {
  loadOptionalConfig
} from "./chunk-ODXVANJO.js";
import {
  runGate
} from "./chunk-DDRZDHRK.js";
import {
  renderReport
} from "./chunk-MT7WXE72.js";
import {
  untrustedMarkdown,
  untrustedText
} from "./chunk-QAYL33UC.js";
import {
  evidenceSchema
} from "./chunk-EL2BHP6N.js";
import {
  ConfigError
} from "./chunk-OSGOEP7K.js";
import {
  redact,
  redactDeep,
  registerSecret
} from "./chunk-MLKP6OQN.js";

// src/actions/definitions/common.ts
import path from "node:path";
var commonInputs = {
  config: { description: "Path of the opsgate configuration file.", default: "opsgate.yml" },
  out: {
    description: "Directory for evidence, report.md and junit.xml (uploaded as an artifact by the workflow).",
    default: "opsgate-out"
  },
  token: {
    description: "GitHub token used to publish (PR comment, issues, evidence store). A read-only token (fork PRs) still produces evidence.",
    default: "${{ github.token }}"
  },
  publish: {
    description: "Publish results to GitHub (sticky PR comment, issues, annotations). Evidence is always written first.",
    default: "true",
    type: "boolean"
  },
  "comment-key": {
    description: "Identifies the sticky PR comment; runs with the same key edit the same comment.",
    default: "${{ github.workflow }}"
  }
};
var commonOutputs = {
  verdict: {
    description: "pass, warn, fail or error.",
    value: ({ gate }) => gate.verdict
  },
  "evidence-path": {
    description: "Path of the evidence JSON this action wrote (for the gate: the evidence directory).",
    value: ({ evidence, outDir }) => evidence ? path.join(outDir, "evidence", `${evidence.check}.json`) : path.join(outDir, "evidence")
  },
  "report-path": {
    description: "Path of the rendered markdown report (also shown as the job summary).",
    value: ({ outDir }) => path.join(outDir, "report.md")
  },
  "failed-controls": {
    description: "Number of controls that failed or errored.",
    value: ({ gate }) => String(failedControls(gate.checks.flatMap((c) => c.controls)).length)
  }
};
function failedControls(controls) {
  return controls.filter((c) => c.status === "fail" || c.status === "error");
}
function findingsCount({ evidence }) {
  return evidence ? String(evidence.findings.filter((f) => !f.suppressed).length) : void 0;
}
function failedThresholds({ evidence }) {
  return evidence ? String(evidence.thresholds.filter((t) => !t.ok && !t.skipped).length) : void 0;
}
function metricValue(evidence, names, pattern) {
  if (!evidence) return void 0;
  for (const n of names) if (typeof evidence.metrics[n] === "number") return String(evidence.metrics[n]);
  if (!pattern) return void 0;
  const matches = Object.entries(evidence.metrics).filter(([k]) => pattern.test(k));
  if (!matches.length) return void 0;
  return String(Math.max(...matches.map(([, v]) => v)));
}

// src/actions/definitions/checks.ts
var uses = (name) => `    - uses: opsgate/opsgate/actions/${name}@v0.1.0`;
function scaled(name, divisor, decimals) {
  return ({ evidence }) => {
    const v = evidence?.metrics[name];
    const f = 10 ** decimals;
    return typeof v === "number" ? String(Math.round(v / divisor * f) / f) : void 0;
  };
}
var headersAction = {
  name: "headers",
  check: "headers",
  title: "opsgate headers",
  description: "Verify security headers, CORS, cookie flags and TLS of the deployed target; gate on the result.",
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    findings: { description: "Number of unsuppressed header findings.", value: findingsCount }
  },
  example: [uses("headers"), "      with:", "        config: opsgate.yml"].join("\n")
};
var loadAction = {
  name: "load",
  check: "load",
  title: "opsgate load",
  description: "Run the configured load profile (k6, or the embedded engine) against the target, compare p95 and error rate with the baseline and gate.",
  inputs: {
    ...commonInputs,
    shard: {
      description: "Run shard `i/n` of the load (matrix jobs); `opsgate load --merge` combines the shards.",
      option: "shard"
    },
    engine: { description: "`auto`, `k6` or `embedded`; overrides load.engine.", option: "engine" },
    "baseline-commit": {
      description: "Compare with the evidence stored for this commit (on a pull request: the base SHA).",
      option: "baselineCommit"
    },
    commit: {
      description: "Record this run under this commit in the evidence store, for later comparisons.",
      default: "${{ github.sha }}",
      option: "commit"
    },
    branch: {
      description: "Record this run under this branch in the evidence store.",
      default: "${{ github.ref_name }}",
      option: "branch"
    }
  },
  outputs: {
    ...commonOutputs,
    "p95-ms": {
      description: "p95 latency over all requests, in milliseconds.",
      value: ({ evidence }) => metricValue(evidence, ["total.p95_ms"])
    },
    "error-rate": {
      description: "Share of failed requests over all endpoints (0–1).",
      value: ({ evidence }) => metricValue(evidence, ["total.error_rate"])
    }
  },
  example: [
    uses("load"),
    "      with:",
    "        baseline-commit: ${{ github.event.pull_request.base.sha }}"
  ].join("\n")
};
var dastAction = {
  name: "dast",
  check: "dast",
  title: "opsgate dast",
  description: "Run the configured ZAP scan against the target, turn alerts into findings (SARIF too) and gate by severity.",
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    findings: { description: "Number of unsuppressed findings.", value: findingsCount }
  },
  example: uses("dast")
};
var rbacAction = {
  name: "rbac",
  check: "rbac",
  title: "opsgate rbac",
  description: "Probe the role × endpoint access matrix (and ownership/IDOR pairs) of the target and gate on every cell.",
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    "failed-cells": {
      description: "Number of matrix cells that did not answer as expected.",
      value: failedThresholds
    }
  },
  example: uses("rbac")
};
var abuseAction = {
  name: "abuse",
  check: "abuse",
  title: "opsgate abuse",
  description: "Probe login lockout and rate limits of the target with bounded request loops.",
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    "failed-probes": { description: "Number of abuse probes that did not hold.", value: failedThresholds }
  },
  example: uses("abuse")
};
var restoreDrillAction = {
  name: "restore-drill",
  check: "restore",
  title: "opsgate restore-drill",
  description: "Restore the newest PostgreSQL backup into a scratch database, verify it, time it against the RTO and audit retention.",
  inputs: {
    ...commonInputs,
    mode: {
      description: "`drill` (restore, verify, time) or `retention-only` (audit backup retention and drill-log freshness, no restore).",
      default: "drill",
      values: { drill: {}, "retention-only": { retentionOnly: true } }
    },
    "apply-retention": {
      description: "Delete the backups the retention policy would prune (default: report only).",
      default: "false",
      option: "apply",
      type: "boolean"
    }
  },
  outputs: {
    ...commonOutputs,
    "time-to-restore-s": {
      description: "Measured time to restore (fetch + create + restore + verify), in seconds.",
      value: scaled("timeToRestoreMs", 1e3, 1)
    },
    "backup-age-s": {
      description: "Age of the restored backup (compare with the RPO), in seconds; empty when not measured (a fresh pg_dump).",
      value: (ctx) => scaled("backupAgeMs", 1e3, 0)(ctx) ?? ""
    }
  },
  example: [uses("restore-drill"), "      with:", "        mode: drill"].join("\n")
};
var dbAction = {
  name: "db",
  check: "db",
  title: "opsgate db",
  description: "Read-only PostgreSQL insight: top queries from pg_stat_statements, EXPLAIN ANALYZE query guards and plan changes vs the baseline; gate on the result.",
  inputs: { ...commonInputs },
  outputs: {
    ...commonOutputs,
    "failed-guards": {
      description: "Number of query-guard and top-query thresholds that were not met.",
      value: failedThresholds
    }
  },
  example: [uses("db"), "      with:", "        config: opsgate.yml", "      env:", "        OPSGATE_DB_URL: ${{ secrets.OPSGATE_DB_URL }}"].join("\n")
};

// src/actions/definitions/gate.ts
var gateAction = {
  name: "gate",
  title: "opsgate gate",
  description: "Combine the evidence of this job or of downloaded artifacts into one verdict, publish it and fail the job when the gate fails.",
  inputs: {
    ...commonInputs,
    "evidence-dirs": {
      description: "Extra directories to collect evidence from, one per line (e.g. where actions/download-artifact put each job's out dir). Searched recursively for `evidence/*.json`.",
      default: ""
    },
    "pull-request": {
      description: "Pull request to comment on. Defaults to the one of the triggering event; the fork follow-up workflow passes it explicitly.",
      default: ""
    },
    drill: {
      description: "Drill month (`YYYY-MM`, or `auto` for the current UTC month): also render the `Drill YYYY-MM` issue with the sign-off checklist and, when publishing with a token that can write (`issues: write`), open it or edit it in place (found by the `opsgate-drill` label and its hidden marker; ticked boxes are kept).",
      default: ""
    },
    "drill-file": {
      description: "Drill definition listing the sign-off approvers.",
      default: "drills/monthly.yml"
    },
    "drill-previous-body": {
      description: "Offline use: file with a current body of the drill issue, so ticked sign-off boxes survive in `drill-issue-path`. When publishing, the body of the issue on GitHub is used instead.",
      default: ""
    }
  },
  outputs: {
    ...commonOutputs,
    "drill-title": { description: "Title of the drill issue (`Drill YYYY-MM`) when `drill` is set." },
    "drill-issue-path": { description: "File with the rendered drill issue body when `drill` is set." },
    "drill-issue-number": {
      description: "Number of the drill issue opened or edited when `drill` is set and publishing wrote to GitHub."
    },
    passed: { description: "`true` when the gate passed.", value: ({ gate }) => String(gate.passed) },
    checks: {
      description: "Comma-separated checks whose evidence the gate combined.",
      value: ({ gate }) => gate.checks.map((c) => c.check).join(",")
    }
  },
  example: [
    "    - uses: actions/download-artifact@<sha> # v8",
    "      with:",
    "        pattern: opsgate-*",
    "        path: artifacts",
    "    - uses: opsgate/opsgate/actions/gate@v0.1.0",
    "      with:",
    "        evidence-dirs: artifacts"
  ].join("\n")
};

// src/actions/definitions/signoff.ts
var signoffAction = {
  name: "signoff",
  title: "opsgate signoff",
  description: "Record the sign-off of a `Drill YYYY-MM` issue — a ticked checkbox or a `/signoff` comment by a listed approver — in the drill log.",
  about: "Run it on `issue_comment` and `issues: edited` events. It reads the event payload (`GITHUB_EVENT_PATH`), accepts a `/signoff` comment or a newly ticked `- [x] @login signs off` box on a `Drill YYYY-MM` issue when the author (or editor) is a listed approver, and appends `{kind: signoff, drill, approver, via, at, issue, url}` to the drill log of the evidence store (`logs/drill.jsonl`) once per approver and drill. Anything else is reported in the `reason` output and not recorded; the step does not fail.",
  inputs: {
    config: commonInputs.config,
    token: {
      description: "GitHub token used to append to the drill log on the evidence store branch.",
      default: "${{ github.token }}"
    },
    "drill-file": {
      description: "Drill definition listing the approvers (`sign-off.approvers`).",
      default: "drills/monthly.yml"
    },
    approvers: { description: "Additional approver logins, comma or newline separated.", default: "" }
  },
  outputs: {
    "signed-off": { description: "`true` when this event recorded a sign-off." },
    approver: { description: "Login of the approver (also set when the sign-off was rejected)." },
    drill: { description: "Drill month (`YYYY-MM`) the event belongs to." },
    reason: { description: "Why nothing was recorded, when nothing was." }
  },
  example: [
    "    - uses: opsgate/opsgate/actions/signoff@v0.1.0",
    "      id: signoff",
    "    - if: steps.signoff.outputs.signed-off == 'true'",
    '      run: gh issue comment "$NUMBER" --body "Sign-off recorded"'
  ].join("\n")
};

// src/actions/definitions/index.ts
var actionDefinitions = {
  load: loadAction,
  headers: headersAction,
  dast: dastAction,
  rbac: rbacAction,
  abuse: abuseAction,
  "restore-drill": restoreDrillAction,
  db: dbAction,
  gate: gateAction,
  signoff: signoffAction
};
function actionDefinition(name) {
  const def = actionDefinitions[name];
  if (!def) throw new Error(`unknown action ${name}`);
  return def;
}

// src/actions/read-settings.ts
function readActionSettings(def) {
  const problems = [];
  const input = (name) => getInput(name, { required: def.inputs[name]?.required ?? false });
  const options = {};
  for (const [name, spec] of Object.entries(def.inputs)) {
    if (!spec.option && !spec.values) continue;
    const raw = input(name);
    if (raw === "") continue;
    if (spec.values) {
      const set = spec.values[raw];
      if (set) Object.assign(options, set);
      else
        problems.push({
          path: `inputs.${name}`,
          message: `expected one of ${Object.keys(spec.values).join(", ")}, got ${JSON.stringify(raw)}`
        });
      continue;
    }
    if (!spec.option) continue;
    const parsed = parseValue(name, spec, raw, problems);
    if (parsed !== void 0) options[spec.option] = parsed;
  }
  const publishRaw = input("publish") || "true";
  const publish = parseValue(
    "publish",
    { description: "", type: "boolean" },
    publishRaw,
    problems
  );
  const token = input("token");
  registerSecret(token);
  if (token) setSecret(token);
  const gate = def.name === "gate" ? readGateSettings(problems) : {};
  if (problems.length) throw new ConfigError(problems);
  return {
    ...gate,
    action: def.name,
    configFile: input("config") || "opsgate.yml",
    outDir: input("out") || "opsgate-out",
    token,
    publish,
    commentKey: input("comment-key") || process.env.GITHUB_WORKFLOW || "opsgate",
    options,
    evidenceDirs: def.inputs["evidence-dirs"] ? getMultilineInput("evidence-dirs").filter((line) => line.trim() !== "") : []
  };
}
function parseValue(name, spec, raw, problems) {
  if (spec.type === "boolean") {
    if (/^(true|yes|on|1)$/i.test(raw)) return true;
    if (/^(false|no|off|0)$/i.test(raw)) return false;
    problems.push({ path: `inputs.${name}`, message: `expected true or false, got ${JSON.stringify(raw)}` });
    return void 0;
  }
  if (spec.type === "number") {
    const n = Number(raw);
    if (Number.isFinite(n)) return n;
    problems.push({ path: `inputs.${name}`, message: `expected a number, got ${JSON.stringify(raw)}` });
    return void 0;
  }
  return raw;
}
function readGateSettings(problems) {
  const settings = {};
  const pr = getInput("pull-request");
  if (pr) {
    if (/^[1-9][0-9]*$/.test(pr)) settings.pullRequest = Number(pr);
    else
      problems.push({
        path: "inputs.pull-request",
        message: `expected a pull request number, got ${JSON.stringify(pr)}`
      });
  }
  let month = getInput("drill");
  if (month === "auto") month = (/* @__PURE__ */ new Date()).toISOString().slice(0, 7);
  if (month) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      problems.push({
        path: "inputs.drill",
        message: `expected YYYY-MM or auto, got ${JSON.stringify(month)}`
      });
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = process.env;
    settings.drill = {
      month,
      definitionFile: getInput("drill-file") || "drills/monthly.yml",
      previousBodyFile: getInput("drill-previous-body") || void 0,
      runUrl: server && repo && run ? `${server}/${repo}/actions/runs/${run}` : void 0
    };
  }
  return settings;
}

// src/actions/run-action.ts
import { existsSync } from "node:fs";
import { readFile as readFile2, writeFile as writeFile2 } from "node:fs/promises";
import path3 from "node:path";

// src/checks/check-loader.ts
var loaders = {
  headers: async () => (await import("./chunk-QYFCEXV4.js")).headersCheck,
  load: async () => (await import("./chunk-WHN2BHB6.js")).loadCheck,
  rbac: async () => (await import("./chunk-ZONSRDFJ.js")).rbacCheck,
  abuse: async () => (await import("./chunk-WHLV7D3O.js")).abuseCheck,
  restore: async () => (await import("./chunk-Z5X4E6WU.js")).restoreCheck,
  dast: async () => (await import("./chunk-7DJQNMK4.js")).dastCheck,
  db: async () => (await import("./chunk-2HBMR3PD.js")).dbCheck,
  fault: async () => (await import("./chunk-DDFZMXWB.js")).faultCheck
};
function checkAvailable(name) {
  return Object.hasOwn(loaders, name);
}
async function loadCheck(name) {
  if (!checkAvailable(name)) throw new Error(`unknown check ${name}`);
  return loaders[name]();
}

// src/actions/collect-evidence.ts
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path2 from "node:path";
var MAX_DEPTH = 6;
var MAX_EVIDENCE_BYTES = 32 * 1024 * 1024;
async function findEvidenceFiles(dir, depth = 0) {
  if (depth > MAX_DEPTH) return [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const abs = path2.join(dir, e.name);
    if (e.isDirectory()) found.push(...await findEvidenceFiles(abs, depth + 1));
    else if (e.isFile() && e.name.endsWith(".json") && path2.basename(dir) === "evidence") found.push(abs);
  }
  return found;
}
async function readForeignEvidence(file) {
  const size = (await stat(file)).size;
  if (size > MAX_EVIDENCE_BYTES) throw new Error(`${file}: ${size} bytes is too large for evidence`);
  let raw;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new Error(`${file} is not JSON: ${err.message}`, { cause: err });
  }
  const parsed = evidenceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${file} is not valid opsgate evidence: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`
    );
  }
  return {
    ...parsed.data,
    sections: parsed.data.sections?.map((s) => ({
      title: untrustedText(s.title),
      markdown: untrustedMarkdown(s.markdown)
    }))
  };
}
async function collectEvidence(outDir, dirs) {
  const target = path2.resolve(outDir, "evidence");
  await mkdir(target, { recursive: true });
  const written = [];
  for (const dir of dirs) {
    for (const file of await findEvidenceFiles(path2.resolve(dir))) {
      if (path2.dirname(file) === target) continue;
      const evidence = await readForeignEvidence(file);
      let dest = evidencePath(outDir, evidence.check);
      if (await exists(dest)) {
        const origin = path2.relative(path2.resolve(dir), path2.dirname(path2.dirname(file))) || path2.basename(dir);
        const slug = origin.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+/, "").slice(0, 60) || "other";
        dest = evidencePath(outDir, `${evidence.check}--${slug}`);
      }
      const tmp = `${dest}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(redactDeep(evidence), null, 2) + "\n");
      await rename(tmp, dest);
      written.push(dest);
    }
  }
  return written;
}
async function exists(file) {
  return stat(file).then(
    () => true,
    () => false
  );
}

// src/actions/publish-step.ts
var unavailablePublisher = async (request) => {
  if (!request.token)
    return {
      published: false,
      message: "no GitHub token given, so nothing is written to GitHub; evidence kept in the out dir; publish it from a workflow_run follow-up (workflows/publish-fork.yml)."
    };
  return {
    published: false,
    message: "GitHub publishing is not part of this build; evidence kept in the out dir."
  };
};

// src/actions/run-action.ts
async function runActionCheck(settings, deps = {}) {
  const def = actionDefinition(settings.action);
  const log = deps.log ?? ((m) => process.stderr.write(`${m}
`));
  const outDir = path3.resolve(settings.outDir);
  let config;
  let gate;
  let evidence;
  if (def.check) {
    if (!checkAvailable(def.check))
      throw new ConfigError(`the ${def.check} check is not available in this build of opsgate`);
    const ctx = await buildContext({ config: settings.configFile, out: outDir }, settings.options, [def.check]);
    ctx.log = log;
    if (deps.store) ctx.store = await deps.store(ctx.store, settings.token);
    config = ctx.config;
    const { skipped } = selectConfiguredChecks(ctx.config, [def.check], { [def.check]: true });
    if (skipped[0]) return skippedResult(def, skipped[0].reason, outDir);
    evidence = (await runCheck(await loadCheck(def.check), ctx)).evidence;
    gate = runGate([evidence], singleCheckPolicy(config));
  } else {
    config = await loadOptionalConfig(settings.configFile);
    const copied = await collectEvidence(outDir, settings.evidenceDirs);
    if (copied.length)
      log(`collected ${copied.length} evidence file(s) from ${settings.evidenceDirs.join(", ")}`);
    gate = await writeReports(outDir, config);
  }
  const drill = settings.drill ? await writeDrillIssue(settings.drill, gate, outDir) : void 0;
  const report = redact(renderReport(gate, { title: def.title }));
  const outputs = { ...computeOutputs(def, { evidence, gate, outDir }), ...drill?.outputs };
  let failure = failureOf(gate, evidence);
  let footer = "";
  if (settings.publish) {
    const publisher = deps.publisher ?? unavailablePublisher;
    const all = def.check && evidence ? [evidence] : await readAllEvidence(outDir);
    const outcome = !all.length ? { published: false, message: "no evidence, nothing to publish" } : await publishSafely(publisher, {
      outDir,
      config,
      gate,
      evidence: all,
      report,
      token: settings.token,
      commentKey: settings.commentKey,
      pullRequest: settings.pullRequest,
      drill: drill?.request,
      log
    });
    log(`publish: ${outcome.message}`);
    footer = `
---
_Publish: ${outcome.message}_
`;
    if (outcome.drillIssue) outputs["drill-issue-number"] = String(outcome.drillIssue.number);
    if (outcome.failed) failure = [failure, outcome.message].filter(Boolean).join("; ");
  }
  return { verdict: gate.verdict, passed: gate.passed, outputs, summary: report + footer, failure };
}
async function publishSafely(publisher, request) {
  try {
    return await publisher(request);
  } catch (err) {
    return {
      published: false,
      failed: true,
      message: redact(
        `publishing failed: ${err instanceof Error ? err.message : String(err)} (evidence is on disk in ${request.outDir})`
      )
    };
  }
}
function computeOutputs(def, source) {
  const outputs = {};
  for (const [name, output] of Object.entries(def.outputs)) {
    const value = output.value?.(source);
    if (value !== void 0) outputs[name] = value;
  }
  return outputs;
}
function failureOf(gate, evidence) {
  if (evidence?.verdict === "error")
    return `${evidence.check} did not complete: ${evidence.error?.message ?? "unknown error"}`;
  if (gate.passed) return void 0;
  if (!gate.checks.length) return "gate failed: no evidence found";
  const failed = failedControls(gate.checks.flatMap((c) => c.controls));
  if (!failed.length) return "gate failed: warnings fail the gate (gate.fail-on-warn is true)";
  const names = failed.slice(0, 5).map((c) => `${c.check}: ${c.name}`);
  const more = failed.length > names.length ? ` and ${failed.length - names.length} more` : "";
  return redact(
    `gate failed (${gate.verdict}): ${failed.length} control(s) failed — ${names.join("; ")}${more}`
  );
}
function skippedResult(def, reason, outDir) {
  const summary2 = `## ${def.title} — ⏭️ skipped

${reason}: nothing was run. Add the section to opsgate.yml to enable it; \`gate.required\` makes a missing check fail the gate.
`;
  return {
    verdict: "pass",
    passed: true,
    outputs: { verdict: "skipped", "evidence-path": "", "report-path": path3.join(outDir, "report.md") },
    summary: summary2,
    skipped: reason
  };
}
async function writeDrillIssue(drill, gate, outDir) {
  const { builtInDrill, loadDrill } = await import("./chunk-XKEH2V2D.js");
  const { drillTitle, renderDrillIssue } = await import("./chunk-HNUSQ2D5.js");
  const definition = existsSync(drill.definitionFile) ? await loadDrill(drill.definitionFile) : builtInDrill();
  const previousBody = drill.previousBodyFile ? await readFile2(drill.previousBodyFile, "utf8").catch(() => void 0) : void 0;
  const render = (current) => redact(
    renderDrillIssue({
      month: drill.month,
      gate,
      approvers: definition["sign-off"].approvers,
      previousBody: current ?? previousBody,
      runUrl: drill.runUrl
    })
  );
  const file = path3.join(outDir, "drill-issue.md");
  await writeFile2(file, render());
  return {
    outputs: { "drill-title": drillTitle(drill.month), "drill-issue-path": file },
    request: { month: drill.month, render }
  };
}

// src/actions/action-entry.ts
async function runActionEntry(def, deps = {}) {
  installRedactingOutput();
  try {
    const settings = readActionSettings(def);
    const result = await runActionCheck(settings, { ...deps, log: (m) => info(redact(m)) });
    await applyResult(result);
  } catch (err) {
    try {
      setOutput("verdict", "error");
    } catch {
    }
    const message = err instanceof ConfigError ? `configuration error${err.problems.length > 1 ? `s (${err.problems.length})` : ""}:
${err.message}` : err instanceof Error ? err.message : String(err);
    await writeSummary(`## ${def.title} — 💥 did not run

\`\`\`
${redact(message)}
\`\`\`
`);
    if (process.env.OPSGATE_DEBUG && err instanceof Error) debug(err.stack ?? "");
    setFailed(redact(message));
  }
}
async function applyResult(result) {
  for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);
  await writeSummary(result.summary);
  if (result.skipped) notice(`skipped: ${result.skipped}`);
  else info(`opsgate: verdict ${result.verdict}`);
  if (result.failure) setFailed(result.failure);
}
async function writeSummary(markdown) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await summary.addRaw(markdown, true).write();
}

export {
  actionDefinitions,
  runActionEntry
};
