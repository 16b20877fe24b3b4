import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  DEFAULT_EVIDENCE_BRANCH,
  GitHubEvidenceStore,
  createGitHubClient
} from "./chunk-I3KIDUO6.js";
import "./chunk-B6DWUJ3H.js";
import {
  readGitHubContext
} from "./chunk-7YA2V6B3.js";
import "./chunk-SO5POORH.js";
import "./chunk-EL2BHP6N.js";
import "./chunk-MLKP6OQN.js";
import "./chunk-4GQUXEY7.js";

// src/actions/runner-store.ts
var RunnerEvidenceStore = class {
  constructor(remote, local, log) {
    this.remote = remote;
    this.local = local;
    this.log = log;
  }
  remote;
  local;
  log;
  get description() {
    return `${this.remote.description} (local fallback ${this.local.description})`;
  }
  async put(evidence, meta) {
    try {
      return await this.remote.put(evidence, meta);
    } catch (err) {
      this.fallback("store evidence", err);
      return this.local.put(evidence, meta);
    }
  }
  async list(check, query = {}) {
    let remote = [];
    try {
      remote = await this.remote.list(check, query);
    } catch (err) {
      this.fallback("read evidence history", err);
    }
    const local = await this.local.list(check, query);
    const seen = new Set(remote.map((r) => r.sha256));
    const merged = [...remote, ...local.filter((l) => !seen.has(l.sha256))].sort(
      (a, b) => b.recordedAt.localeCompare(a.recordedAt)
    );
    return query.limit ? merged.slice(0, query.limit) : merged;
  }
  async appendRecord(log, record) {
    try {
      await this.remote.appendRecord(log, record);
    } catch (err) {
      this.fallback(`append to ${log} log`, err);
      await this.local.appendRecord(log, record);
    }
  }
  async readRecords(log) {
    let remote = [];
    try {
      remote = await this.remote.readRecords(log);
    } catch (err) {
      this.fallback(`read ${log} log`, err);
    }
    return [...remote, ...await this.local.readRecords(log)];
  }
  fallback(what, err) {
    const status = err.status;
    this.log(
      `opsgate: could not ${what} on ${this.remote.description}${status ? ` (${status})` : ""}: ${err.message?.split("\n")[0]}; using ${this.local.description}`
    );
  }
};
function runnerStore(token, local, log, env = process.env) {
  const ctx = readGitHubContext(env);
  if (!token || !ctx.owner || !ctx.repo) return local;
  const gh = createGitHubClient({ token, baseUrl: ctx.apiUrl, log });
  const remote = new GitHubEvidenceStore(gh, {
    owner: ctx.owner,
    repo: ctx.repo,
    branch: DEFAULT_EVIDENCE_BRANCH,
    log
  });
  return new RunnerEvidenceStore(remote, local, log);
}
export {
  RunnerEvidenceStore,
  runnerStore
};
