import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  runGate
} from "./chunk-DDRZDHRK.js";
import {
  writeFileAtomic
} from "./chunk-NA4JMHHY.js";
import {
  renderReport
} from "./chunk-MT7WXE72.js";
import {
  evidenceSchema
} from "./chunk-EL2BHP6N.js";
import {
  redact,
  redactDeep
} from "./chunk-MLKP6OQN.js";

// src/core/render/write-reports.ts
import { mkdir as mkdir2 } from "node:fs/promises";
import path2 from "node:path";

// src/core/evidence/store-files.ts
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
function evidencePath(outDir, name) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) || name.includes(".."))
    throw new Error(
      `refusing evidence file name ${JSON.stringify(name)}: not a plain file name inside the out dir`
    );
  const dir = path.resolve(outDir, "evidence");
  const file = path.resolve(dir, `${name}.json`);
  if (path.dirname(file) !== dir) throw new Error(`refusing evidence path ${file}: outside ${dir}`);
  return file;
}
async function writeEvidence(outDir, evidence) {
  const clean = evidenceSchema.parse(redactDeep(evidence));
  const file = evidencePath(outDir, clean.check);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(clean, null, 2) + "\n");
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
    const s = c.controls.filter((r) => ["skip", "suppressed", "warn"].includes(r.status)).length;
    const time = ((c.evidence?.run.durationMs ?? 0) / 1e3).toFixed(3);
    out.push(
      `  <testsuite name="${esc(c.check)}" tests="${c.controls.length}" failures="${f}" errors="${e}" skipped="${s}" time="${time}">`,
      // The check's own verdict, so a skipped check reads as skipped, not as a suite without failures.
      `    <properties><property name="opsgate.verdict" value="${c.verdict}"/></properties>`
    );
    for (const r of c.controls) {
      const detail = [
        r.expected && `expected: ${r.expected}`,
        r.actual && `actual: ${r.actual}`,
        r.detail,
        r.solution && `fix: ${r.solution}`
      ].filter(Boolean).join("\n");
      out.push(`    <testcase classname="opsgate.${esc(c.check)}" name="${esc(r.name)}">`);
      if (r.status === "fail") out.push(`      <failure message="${esc(r.name)}">${esc(detail)}</failure>`);
      if (r.status === "error")
        out.push(`      <error message="${esc(r.detail ?? "error")}">${esc(detail)}</error>`);
      if (r.status === "skip" || r.status === "suppressed")
        out.push(`      <skipped message="${esc(r.detail ?? r.status)}"/>`);
      if (r.status === "warn")
        out.push(
          `      <skipped message="${esc(warning(r))}"/>`,
          `      <system-out>${esc(`${warning(r)}
${detail}`)}</system-out>`
        );
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return out.join("\n") + "\n";
}
function warning(r) {
  const what = [r.actual, r.detail].filter(Boolean).join("; ") || r.name;
  const line = what.split(/\r?\n/, 1)[0] ?? "";
  return `warning${r.severity ? ` (${r.severity})` : ""}: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}
function esc(s) {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// src/core/render/write-reports.ts
async function writeReports(outDir, config, evidence) {
  const gate = runGate(evidence ?? await readAllEvidence(outDir), config);
  await mkdir2(outDir, { recursive: true });
  await writeFileAtomic(path2.join(outDir, "report.md"), redact(renderReport(gate)));
  await writeFileAtomic(path2.join(outDir, "junit.xml"), redact(renderJunit(gate)));
  return gate;
}

// src/github/trust.ts
var TRUSTED_EVENTS = /* @__PURE__ */ new Set(["push", "schedule", "workflow_dispatch"]);
var WRITE_POLICY = {
  trusted: { issues: true, store: true, drill: true, comment: true, unverified: false },
  "pull-request": { issues: false, store: false, drill: false, comment: true, unverified: false },
  untrusted: { issues: false, store: false, drill: false, comment: true, unverified: true }
};
function trustLevel(f) {
  const self = f.owner && f.repo ? `${f.owner}/${f.repo}` : "";
  if (!self || !f.defaultBranch) return "untrusted";
  if (f.eventName === "workflow_run")
    return trustLevel({
      ...f,
      eventName: f.triggerEvent ?? "",
      headRepository: f.triggerHeadRepository,
      ref: f.triggerRef,
      triggerEvent: void 0
    });
  if (TRUSTED_EVENTS.has(f.eventName)) {
    const refs = [`refs/heads/${f.defaultBranch}`, ...f.protectedRefs ?? []];
    return f.ref && refs.includes(f.ref) ? "trusted" : "untrusted";
  }
  if (f.eventName === "pull_request")
    return f.headRepository && f.headRepository.toLowerCase() === self.toLowerCase() ? "pull-request" : "untrusted";
  return "untrusted";
}
function writePolicy(f) {
  const level = trustLevel(f);
  return { level, ...WRITE_POLICY[level] };
}
var UNVERIFIED_BANNER = "> [!CAUTION]\n> **Unverified results of a fork run.** This report was produced by code from a fork; opsgate did not write issues, baselines or the evidence store from it.\n";
async function withDefaultBranch(gh, ctx, log) {
  if (ctx.defaultBranch || !ctx.owner || !ctx.repo) return ctx;
  try {
    const { data } = await gh.rest.repos.get({ owner: ctx.owner, repo: ctx.repo });
    return { ...ctx, defaultBranch: data.default_branch };
  } catch (err) {
    log?.(`opsgate: default branch unknown (${err.message.split("\n")[0]}): the run is untrusted`);
    return ctx;
  }
}

export {
  evidencePath,
  writeEvidence,
  readEvidenceFile,
  readAllEvidence,
  writeReports,
  trustLevel,
  writePolicy,
  UNVERIFIED_BANNER,
  withDefaultBranch
};
