import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  evidenceSchema
} from "./chunk-EL2BHP6N.js";
import {
  redactDeep
} from "./chunk-MLKP6OQN.js";

// src/core/store/evidence-store.ts
function storeKey(e, sha256, commit) {
  const at = e.run.startedAt;
  return `evidence/${e.check}/${at.slice(0, 10)}/${at.replace(/[:.]/g, "-")}-${(commit ?? "local").slice(0, 7)}-${sha256.slice(0, 8)}.json`;
}

// src/core/store/stored-record.ts
import { createHash } from "node:crypto";
var FUTURE_SKEW_MS = 10 * 6e4;
function contentHash(evidence) {
  return createHash("sha256").update(JSON.stringify(evidence)).digest("hex");
}
function sealRecord(evidence, meta = {}, recordedAt = (/* @__PURE__ */ new Date()).toISOString()) {
  const clean = redactDeep(evidence);
  return { recordedAt, ...meta, sha256: contentHash(clean), evidence: clean };
}
function recordText(env) {
  return JSON.stringify(env, null, 2) + "\n";
}
function readStoredRecord(key, check, text, filter, warn, now = Date.now()) {
  let env;
  try {
    env = JSON.parse(text);
  } catch {
    return void warn("not valid JSON");
  }
  if (!env || typeof env !== "object") return void warn("not a record");
  if (filter.branch && env.branch !== filter.branch) return void 0;
  if (filter.commit && env.commit !== filter.commit) return void 0;
  if (typeof env.sha256 !== "string") return void warn("no content hash (sha256)");
  if (contentHash(env.evidence) !== env.sha256) return void warn("does not match its content hash (sha256)");
  const parsed = evidenceSchema.safeParse(env.evidence);
  if (!parsed.success)
    return void warn(
      `not valid evidence (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`
    );
  if (parsed.data.check !== check) return void warn(`holds ${parsed.data.check} evidence, not ${check}`);
  const recordedAt = typeof env.recordedAt === "string" ? env.recordedAt : "";
  for (const [name, at] of [
    ["recordedAt", recordedAt],
    ["run.startedAt", parsed.data.run.startedAt]
  ]) {
    const t = Date.parse(at);
    if (!Number.isFinite(t)) return void warn(`${name} is not a date`);
    if (t > now + FUTURE_SKEW_MS) return void warn(`${name} ${at} is in the future`);
  }
  return {
    key,
    check,
    recordedAt,
    commit: typeof env.commit === "string" ? env.commit : void 0,
    branch: typeof env.branch === "string" ? env.branch : void 0,
    sha256: env.sha256,
    evidence: parsed.data
  };
}
function oncePerRecord(where, log) {
  const said = /* @__PURE__ */ new Set();
  return (key) => (reason) => {
    if (said.has(key)) return;
    said.add(key);
    (log ?? ((m) => process.stderr.write(`${m}
`)))(
      `opsgate: ignored store record ${key} in ${where}: ${reason}`
    );
  };
}
function parseLogLines(log, text, warnFor) {
  const out = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line) continue;
    let r;
    try {
      r = JSON.parse(line);
    } catch {
      r = void 0;
    }
    if (r && typeof r === "object" && !Array.isArray(r)) out.push(r);
    else warnFor(`logs/${log}.jsonl:${i + 1}`)("not a JSON object");
  }
  return out;
}

export {
  storeKey,
  sealRecord,
  recordText,
  readStoredRecord,
  oncePerRecord,
  parseLogLines
};
