import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  EVIDENCE_VERSION
} from "./chunk-EL2BHP6N.js";

// src/core/evidence/new-evidence.ts
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
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
      ...commitOf(),
      ...process.env.GITHUB_REF ? { ref: process.env.GITHUB_REF } : {}
    },
    provenance: runProvenance(),
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
function runProvenance(env = process.env) {
  const p = {
    repository: env.GITHUB_REPOSITORY,
    serverUrl: env.GITHUB_SERVER_URL,
    workflow: env.GITHUB_WORKFLOW,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    event: env.GITHUB_EVENT_NAME,
    ref: env.GITHUB_REF,
    sha: env.GITHUB_SHA,
    headRepository: prHeadRepository(env.GITHUB_EVENT_PATH)
  };
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v));
}
var localCommits = /* @__PURE__ */ new Map();
function commitOf(env = process.env, cwd = process.cwd()) {
  const given = env.GITHUB_SHA || env.OPSGATE_COMMIT;
  if (given) return { commit: given };
  if (!localCommits.has(cwd)) {
    let sha2;
    try {
      sha2 = execFileSync("git", ["rev-parse", "--verify", "-q", "HEAD"], {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 2e3
      }).trim();
    } catch {
      sha2 = void 0;
    }
    localCommits.set(cwd, /^[0-9a-f]{40,64}$/.test(sha2 ?? "") ? sha2 : void 0);
  }
  const sha = localCommits.get(cwd);
  return sha ? { commit: sha } : {};
}
function prHeadRepository(file) {
  if (!file) return void 0;
  try {
    const event = JSON.parse(readFileSync(file, "utf8"));
    return event.pull_request?.head?.repo?.full_name ?? void 0;
  } catch {
    return void 0;
  }
}

export {
  startEvidence,
  finishEvidence
};
