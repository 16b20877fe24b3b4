import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  countRows,
  listTables,
  verifyRestore
} from "./chunk-ZFHDOI2C.js";
import {
  describeConnection,
  esm_default,
  quoteIdent,
  toolConnection,
  withDatabase
} from "./chunk-QRYG3CMW.js";
import {
  controlsOf,
  policyFor,
  verdictOf
} from "./chunk-DDRZDHRK.js";
import {
  formatDuration
} from "./chunk-YILOGUBB.js";
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
  redact
} from "./chunk-MLKP6OQN.js";

// src/checks/restore/restore-check.ts
import path7 from "node:path";

// src/checks/restore/drill-evidence.ts
import path from "node:path";
var CHECK = "restore";
function finding(parts, f) {
  return { fingerprint: fingerprintOf(CHECK, ...parts), ...f };
}
function addDrillToEvidence(e, d, targets) {
  const restored = d.restore.ok;
  e.thresholds.push({
    name: "time to restore (RTO)",
    limit: targets.rtoMs,
    actual: restored ? d.timeToRestoreMs : null,
    ok: restored ? d.timeToRestoreMs <= targets.rtoMs : true,
    unit: "ms",
    ...restored ? {} : { skipped: "the restore failed; no time to restore was measured" },
    detail: Object.entries(d.phases).map(([k, v2]) => `${k} ${formatDuration(v2)}`).join(", ")
  });
  e.thresholds.push({
    name: "backup age (RPO)",
    limit: targets.rpoMs,
    actual: d.backupAgeMs,
    ok: d.backupAgeMs === null || d.backupAgeMs <= targets.rpoMs,
    unit: "ms",
    ...d.backupAgeMs === null && d.backup.ageNotMeasured ? { skipped: d.backup.ageNotMeasured } : {},
    detail: `${path.basename(d.backup.file)} taken ${d.backup.takenAt.toISOString()} (${d.backup.takenAtFrom === "snapshot" ? "dump snapshot" : "file modification time"})`
  });
  if (!restored) {
    e.findings.push(
      finding(["restore-failed"], {
        severity: "critical",
        title: `backup does not restore: ${d.restore.tool} exited with ${d.restore.exitCode ?? d.restore.signal}`,
        detail: `${d.restore.command}

${d.restore.stderr || "(no error output)"}`,
        location: path.basename(d.backup.file),
        solution: "Take a new backup and check the backup job: a backup that does not restore is no backup."
      })
    );
  }
  const v = d.verification;
  for (const a of v?.assertions ?? []) {
    if (a.ok) continue;
    e.findings.push(
      finding(["assertion", a.name], {
        severity: a.severity,
        title: `assertion "${a.name}" failed`,
        detail: a.error ? `query failed: ${a.error}` : `expected ${a.op} ${String(a.expected)}, got ${a.actual === null ? "no row" : String(a.actual)}`,
        location: a.sql,
        ruleId: "restore-assertion"
      })
    );
  }
  if (v?.rowCounts?.unavailable) {
    e.findings.push(
      finding(["row-counts-unavailable"], {
        severity: "medium",
        title: "row counts could not be compared",
        detail: v.rowCounts.unavailable
      })
    );
  }
  for (const t of v?.rowCounts?.tables ?? []) {
    if (t.ok) continue;
    e.findings.push(
      finding(["row-count", t.table], {
        severity: "high",
        title: `row count of ${t.table} differs from the ${v.rowCounts.compareWith === "source" ? "source" : "backup"}`,
        detail: `expected ${t.expected < 0 ? "no table" : t.expected}, restored ${t.actual < 0 ? "no table" : t.actual}`,
        location: t.table,
        ruleId: "restore-row-count"
      })
    );
  }
  for (const s of v?.smoke ?? []) {
    if (s.ok) continue;
    e.findings.push(
      finding(["smoke", s.sql], {
        severity: "high",
        title: "smoke query failed",
        detail: s.error ?? "",
        location: s.sql
      })
    );
  }
  if (!d.cleanup.dropped) {
    e.findings.push(
      finding(["cleanup"], {
        severity: "medium",
        title: `scratch database ${d.scratchDatabase} was not dropped`,
        detail: d.cleanup.error ?? "unknown error",
        solution: `DROP DATABASE "${d.scratchDatabase}" WITH (FORCE) on the scratch server`
      })
    );
  }
  e.metrics.timeToRestoreMs = d.timeToRestoreMs;
  if (d.backupAgeMs !== null) e.metrics.backupAgeMs = d.backupAgeMs;
  e.metrics.backupSizeBytes = d.backup.sizeBytes;
  for (const [k, ms] of Object.entries(d.phases)) e.metrics[`phase.${k}.ms`] = ms;
  e.metrics.tablesCompared = v?.rowCounts?.tables.length ?? 0;
  e.metrics.rowCountMismatches = v?.rowCounts?.tables.filter((t) => !t.ok).length ?? 0;
  e.metrics.assertionsFailed = v?.assertions.filter((a) => !a.ok).length ?? 0;
  e.data = {
    ...e.data,
    backup: {
      kind: d.backup.kind,
      file: path.basename(d.backup.file),
      path: d.backup.file,
      format: d.backup.format,
      sizeBytes: d.backup.sizeBytes,
      takenAt: d.backup.takenAt.toISOString(),
      takenAtFrom: d.backup.takenAtFrom
    },
    scratchDatabase: d.scratchDatabase,
    jobs: d.jobs,
    phases: d.phases,
    timeToRestoreMs: d.timeToRestoreMs,
    rtoMs: targets.rtoMs,
    backupAgeMs: d.backupAgeMs,
    ...d.backup.ageNotMeasured ? { backupAgeNotMeasured: d.backup.ageNotMeasured } : {},
    rpoMs: targets.rpoMs,
    restoreTool: {
      tool: d.restore.tool,
      command: d.restore.command,
      exitCode: d.restore.exitCode,
      signal: d.restore.signal,
      stderr: d.restore.stderr
    },
    ...v ? { assertions: v.assertions, rowCounts: v.rowCounts ?? null, smokeQueries: v.smoke } : {},
    cleanup: d.cleanup
  };
  e.sections = [...e.sections ?? [], { title: "Restore drill", markdown: drillMarkdown(d, targets) }];
}
function drillMarkdown(d, t) {
  const lines = [
    `Backup \`${path.basename(d.backup.file)}\` (${d.backup.format}, ${(d.backup.sizeBytes / 1048576).toFixed(1)} MiB, taken ${d.backup.takenAt.toISOString()}) restored into \`${d.scratchDatabase}\` with ${d.jobs} job(s); scratch database ${d.cleanup.dropped ? "dropped" : "**not dropped**"}.`,
    "",
    "| Phase | Time |",
    "|---|---|",
    ...Object.entries(d.phases).map(([k, v]) => `| ${k} | ${formatDuration(v)} |`),
    `| **time to restore** | **${d.restore.ok ? formatDuration(d.timeToRestoreMs) : "failed"}** (RTO ${formatDuration(t.rtoMs)}) |`,
    `| backup age | ${d.backupAgeMs === null ? "not measured" : formatDuration(d.backupAgeMs)} (RPO ${formatDuration(t.rpoMs)}) |`
  ];
  const rc = d.verification?.rowCounts;
  if (rc?.tables.length) {
    lines.push(
      "",
      `Row counts vs ${rc.compareWith === "source" ? "the source" : "the counts recorded with the backup"}:`,
      ""
    );
    lines.push("| Table | Expected | Restored | |", "|---|---:|---:|---|");
    for (const r of rc.tables)
      lines.push(`| ${r.table} | ${r.expected} | ${r.actual} | ${r.ok ? "✅" : "❌"} |`);
  }
  const as = d.verification?.assertions ?? [];
  if (as.length) {
    lines.push("", "| Assertion | Expected | Actual | |", "|---|---|---|---|");
    for (const a of as)
      lines.push(
        `| ${a.name} | ${a.op} ${String(a.expected)} | ${a.error ? "error" : String(a.actual)} | ${a.ok ? "✅" : "❌"} |`
      );
  }
  if (!d.restore.ok) lines.push("", "```", d.restore.stderr.slice(-2e3), "```");
  return lines.join("\n");
}
function addRetentionToEvidence(e, r, dir, deleted) {
  const missing = r.daily.missing.length + r.weekly.missing.length + r.monthly.missing.length;
  e.thresholds.push({
    name: "retention: missing backup slots",
    limit: 0,
    actual: missing,
    ok: missing === 0,
    detail: [
      `daily ${r.daily.covered.length}/${r.daily.expected}`,
      `weekly ${r.weekly.covered.length}/${r.weekly.expected}`,
      `monthly ${r.monthly.covered.length}/${r.monthly.expected}`,
      `${r.prune.length} prune candidate(s)${deleted ? `, ${deleted.length} deleted` : ""}`
    ].join(", ")
  });
  e.metrics.retentionMissingSlots = missing;
  e.metrics.retentionPruneCandidates = r.prune.length;
  e.data = { ...e.data, retention: { dir, ...r, applied: deleted !== void 0, deleted: deleted ?? [] } };
  const show = (xs) => xs.length ? xs.join(", ") : "none";
  e.sections = [
    ...e.sections ?? [],
    {
      title: "Backup retention",
      markdown: [
        `Directory \`${dir}\`, slots counted back from ${r.referenceDay}.`,
        "",
        "| Slot | Covered | Missing |",
        "|---|---:|---|",
        `| daily | ${r.daily.covered.length}/${r.daily.expected} | ${show(r.daily.missing)} |`,
        `| weekly | ${r.weekly.covered.length}/${r.weekly.expected} | ${show(r.weekly.missing)} |`,
        `| monthly | ${r.monthly.covered.length}/${r.monthly.expected} | ${show(r.monthly.missing)} |`,
        "",
        `${deleted ? "Pruned" : "Would prune (run with `--apply`)"}: ${show(deleted ?? r.prune)}`
      ].join("\n")
    }
  ];
}

// src/checks/restore/drill-log.ts
var DRILL_LOG = "drill-log";
async function lastPassingDrill(store) {
  let newest;
  for (const r of await store.readRecords(DRILL_LOG)) {
    if (r.check !== void 0 && r.check !== "restore") continue;
    if (r.verdict !== "pass" && r.verdict !== "warn") continue;
    const t = Date.parse(String(r.date));
    if (!Number.isNaN(t) && (newest === void 0 || t > newest)) newest = t;
  }
  return newest === void 0 ? void 0 : new Date(newest);
}
async function appendDrillRecord(store, record) {
  await store.appendRecord(DRILL_LOG, { ...record });
}

// src/checks/restore/restore-drill.ts
import { rm as rm2 } from "node:fs/promises";
import os3 from "node:os";

// src/engines/postgres/pg-restore.ts
import { spawn as spawn2 } from "node:child_process";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import os from "node:os";

// src/engines/postgres/pg-binaries.ts
import { execFile } from "node:child_process";
import { access, readdir } from "node:fs/promises";
import { constants } from "node:fs";
import path2 from "node:path";
import { promisify } from "node:util";
var execFileAsync = promisify(execFile);
var REQUIRED_TOOLS = ["initdb", "pg_ctl", "pg_dump", "pg_restore", "psql", "createdb"];
async function isExecutable(file) {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
async function hasAllTools(dir) {
  for (const tool of REQUIRED_TOOLS) {
    if (!await isExecutable(path2.join(dir, tool))) return false;
  }
  return true;
}
async function debianBinDirs(root = "/usr/lib/postgresql") {
  let entries;
  try {
    entries = await readdir(root);
  } catch {
    return [];
  }
  return entries.filter((name) => /^\d+(\.\d+)?$/.test(name)).sort((a, b) => Number(b) - Number(a)).map((major) => path2.join(root, major, "bin"));
}
async function searchPgBinDir() {
  const pathDirs = (process.env.PATH ?? "").split(path2.delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...await debianBinDirs()]) {
    if (await hasAllTools(dir)) return dir;
  }
  return void 0;
}
async function installFromDebianPackages() {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    throw new Error(
      "PostgreSQL binaries (initdb, pg_ctl, pg_dump, pg_restore, psql, createdb) not found. Install them, e.g. `sudo apt-get install -y postgresql` on Debian/Ubuntu."
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const opts = { env, maxBuffer: 64 * 1024 * 1024 };
  await execFileAsync("apt-get", ["update"], opts);
  await execFileAsync("apt-get", ["install", "-y", "postgresql"], opts);
}
async function findPgBinDir(opts = {}) {
  const found = await searchPgBinDir();
  if (found) return found;
  if (!opts.install) {
    throw new Error(
      "PostgreSQL binaries (initdb, pg_ctl, pg_dump, pg_restore, psql, createdb) not found on PATH or under /usr/lib/postgresql/*/bin. Install the `postgresql` package (Debian/Ubuntu: apt-get install -y postgresql)."
    );
  }
  await installFromDebianPackages();
  const installed = await searchPgBinDir();
  if (!installed) throw new Error("apt-get installed postgresql, but its binaries were still not found");
  return installed;
}
function pgTool(binDir, name) {
  return path2.join(binDir, name);
}

// src/engines/postgres/run-tool.ts
import { spawn } from "node:child_process";
var STDERR_LIMIT = 64 * 1024;
function stopWithThisProcess(child) {
  if (process.platform === "win32" || child.pid === void 0) return () => void 0;
  const guard = spawn(
    "/bin/sh",
    ["-c", 'read _ || kill -TERM "$1" 2>/dev/null', "opsgate-tool-guard", String(child.pid)],
    { stdio: ["pipe", "ignore", "ignore"] }
  );
  guard.on("error", () => void 0);
  guard.stdin.on("error", () => void 0);
  guard.unref();
  guard.stdin.unref?.();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    guard.stdin.end("done\n");
  };
}
function runTool(file, args, opts = {}) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: opts.env ?? process.env,
      stdio: [opts.stdinFrom ?? (opts.stdin ? "pipe" : "ignore"), "ignore", "pipe"],
      signal: opts.signal
    });
    opts.stdinFrom?.destroy();
    const release = stopWithThisProcess(child);
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-STDERR_LIMIT);
    });
    if (opts.stdin && child.stdin) {
      child.stdin.on("error", () => void 0);
      opts.stdin.on("error", (err) => {
        stderr += `
input stream: ${err.message}
`;
        child.stdin?.destroy();
      });
      opts.stdin.pipe(child.stdin);
    }
    child.on("spawn", () => child.pid !== void 0 && opts.onSpawn?.(child.pid));
    child.on("error", (err) => {
      if (err.code === "ABORT_ERR") return;
      release();
      reject(err);
    });
    child.on("close", (code, signal) => {
      release();
      opts.stdin?.unpipe();
      opts.stdin?.destroy();
      resolve({
        exitCode: code,
        signal,
        stderr: redact(stderr.trim()),
        durationMs: performance.now() - started
      });
    });
  });
}

// src/engines/postgres/pg-restore.ts
function formatOfFile(file) {
  if (/\.sql\.gz$/i.test(file)) return "sql.gz";
  if (/\.sql$/i.test(file)) return "sql";
  return "custom";
}
async function restoreBackup(opts) {
  const binDir = opts.binDir ?? await findPgBinDir();
  const format = opts.format ?? formatOfFile(opts.file);
  const conn = toolConnection(opts.targetUrl);
  if (format === "custom") {
    const jobs = Math.max(1, opts.jobs ?? os.availableParallelism());
    const args2 = ["--exit-on-error", "--no-owner", "--no-acl", "--no-password", "-j", String(jobs)];
    const run2 = await runTool(pgTool(binDir, "pg_restore"), [...args2, "-d", conn.dbname, opts.file], {
      env: conn.env,
      signal: opts.signal,
      onSpawn: opts.onSpawn
    });
    return {
      ...run2,
      tool: "pg_restore",
      command: `pg_restore ${args2.join(" ")} -d <scratch database> ${opts.file}`,
      ok: run2.exitCode === 0
    };
  }
  const args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--no-password", "-d", conn.dbname];
  const shown = `psql ${args.slice(0, 5).join(" ")} -d <scratch database>`;
  const psql = pgTool(binDir, "psql");
  const tool = { env: conn.env, signal: opts.signal, onSpawn: opts.onSpawn };
  if (format === "sql") {
    const run2 = await runTool(psql, [...args, "-f", opts.file], tool);
    return { ...run2, tool: "psql", command: `${shown} -f ${opts.file}`, ok: run2.exitCode === 0 };
  }
  const command = `gunzip -c ${opts.file} | ${shown}`;
  const gunzip = await startGunzip(opts.file, opts.signal);
  if (!gunzip) {
    const stdin = createReadStream(opts.file, { highWaterMark: 1 << 20 }).pipe(
      createGunzip({ chunkSize: 1 << 18 })
    );
    const run2 = await runTool(psql, args, { ...tool, stdin });
    return { ...run2, tool: "psql", command, ok: run2.exitCode === 0 && !/input stream:/.test(run2.stderr) };
  }
  const run = await runTool(psql, args, { ...tool, stdinFrom: gunzip.child.stdout });
  if (gunzip.child.exitCode === null) gunzip.child.kill("SIGTERM");
  const unzip = await gunzip.done;
  const inputBroken = unzip.code !== 0 && unzip.signal === null;
  const stderr = [run.stderr, inputBroken ? `gunzip exited with ${unzip.code}: ${unzip.stderr}` : ""].filter(Boolean).join("\n");
  return { ...run, stderr, tool: "psql", command, ok: run.exitCode === 0 && !inputBroken };
}
function startGunzip(file, signal) {
  return new Promise((resolve) => {
    const child = spawn2("gunzip", ["-c", file], { stdio: ["ignore", "pipe", "pipe"], signal });
    let stderr = "";
    child.once("spawn", () => {
      const release = stopWithThisProcess(child);
      child.once("close", release);
    });
    child.stderr.on("data", (c) => stderr = (stderr + c.toString()).slice(-4096));
    const done = new Promise(
      (res) => child.on("close", (code, sig) => res({ code, signal: sig, stderr: stderr.trim() }))
    );
    child.once("spawn", () => resolve({ child, done }));
    child.once("error", () => resolve(void 0));
  });
}

// src/engines/postgres/scratch-database.ts
import { randomBytes } from "node:crypto";

// src/engines/postgres/run-owner.ts
import { execFile as execFile2 } from "node:child_process";
import os2 from "node:os";
import { promisify as promisify2 } from "node:util";
var execFileAsync2 = promisify2(execFile2);
async function processStartedAt(pid) {
  try {
    const { stdout } = await execFileAsync2("ps", ["-o", "lstart=", "-p", String(pid)], {
      env: { ...process.env, LC_ALL: "C", TZ: "UTC" },
      timeout: 5e3
    });
    return stdout.trim() || void 0;
  } catch {
    return void 0;
  }
}
async function ownerTag(now = /* @__PURE__ */ new Date()) {
  const pidStartedAt = await processStartedAt(process.pid);
  return {
    opsgate: "scratch-database",
    host: os2.hostname(),
    pid: process.pid,
    ...pidStartedAt ? { pidStartedAt } : {},
    user: safeUser(),
    startedAt: now.toISOString()
  };
}
function safeUser() {
  try {
    return os2.userInfo().username;
  } catch {
    return "unknown";
  }
}
function parseOwnerTag(comment) {
  if (!comment) return void 0;
  try {
    const t = JSON.parse(comment);
    if (t.opsgate !== "scratch-database" || typeof t.host !== "string" || !Number.isInteger(t.pid))
      return void 0;
    if (typeof t.startedAt !== "string" || Number.isNaN(Date.parse(t.startedAt))) return void 0;
    return t;
  } catch {
    return void 0;
  }
}
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
async function deadOwnerReason(tag, createdAt, opts) {
  const now = (opts.now ?? /* @__PURE__ */ new Date()).getTime();
  const hours = (ms) => `${(ms / 36e5).toFixed(1)} h`;
  if (!tag) {
    if (!createdAt) return void 0;
    const age2 = now - createdAt.getTime();
    return age2 > opts.staleAfterMs ? `untagged, created ${hours(age2)} ago (sweep-after ${hours(opts.staleAfterMs)})` : void 0;
  }
  if (tag.host === os2.hostname()) {
    if (tag.pid === process.pid) return void 0;
    if (!pidAlive(tag.pid)) return `pid ${tag.pid} on ${tag.host} is not running`;
    if (tag.pidStartedAt) {
      const started = await processStartedAt(tag.pid);
      if (started && started !== tag.pidStartedAt)
        return `pid ${tag.pid} on ${tag.host} is now another process (started ${started})`;
    }
    return void 0;
  }
  const age = now - Date.parse(tag.startedAt);
  return age > opts.staleAfterMs ? `started ${hours(age)} ago on ${tag.host} (pid ${tag.pid}), past sweep-after ${hours(opts.staleAfterMs)}` : void 0;
}

// src/engines/postgres/scratch-database.ts
var SCRATCH_PREFIX = "opsgate_drill_";
var SCRATCH_NAME = /^opsgate_drill_(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})(\d{2})_[0-9a-f]{8}$/;
function isScratchName(name) {
  return SCRATCH_NAME.test(name);
}
function scratchCreatedAt(name) {
  const m = SCRATCH_NAME.exec(name);
  if (!m) return void 0;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
var createdHere = /* @__PURE__ */ new Set();
function scratchDatabaseName(now = /* @__PURE__ */ new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, "").slice(0, 15).toLowerCase();
  return `${SCRATCH_PREFIX}${stamp}_${randomBytes(4).toString("hex")}`;
}
function assertDroppable(name) {
  if (!SCRATCH_NAME.test(name))
    throw new EngineError("scratch-database", `refusing to drop "${name}": not an opsgate drill database`);
  if (!createdHere.has(name))
    throw new EngineError("scratch-database", `refusing to drop "${name}": it was not created by this drill`);
}
async function withClient(url, fn) {
  const client = new esm_default.Client({ connectionString: url, connectionTimeoutMillis: 1e4 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => void 0);
  }
}
var ScratchDatabase = class _ScratchDatabase {
  constructor(serverUrl, name) {
    this.serverUrl = serverUrl;
    this.name = name;
    this.detachSignals = this.attachSignals();
  }
  serverUrl;
  name;
  dropping;
  detachSignals;
  /** URL of the scratch database (carries the server credentials: never log it). */
  get url() {
    return withDatabase(this.serverUrl, this.name);
  }
  /**
   * Create a fresh, empty scratch database on the server at `serverUrl` (needs CREATEDB), tagged
   * with its owner (host, pid, user, start) so a later drill can tell when this one died.
   */
  static async create(serverUrl, now = /* @__PURE__ */ new Date()) {
    const name = scratchDatabaseName(now);
    const tag = JSON.stringify(await ownerTag(now));
    await withClient(serverUrl, async (c) => {
      await c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
      createdHere.add(name);
      try {
        await c.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${c.escapeLiteral(tag)}`);
      } catch (err) {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => void 0);
        createdHere.delete(name);
        throw err;
      }
    });
    return new _ScratchDatabase(serverUrl, name);
  }
  /** Terminate its sessions (a killed pg_restore -j leaves some behind), then DROP it. Safe to call twice. */
  drop() {
    this.dropping ??= this.dropNow();
    return this.dropping;
  }
  async dropNow() {
    assertDroppable(this.name);
    try {
      await withClient(this.serverUrl, async (c) => {
        await c.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [this.name]
        );
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.name)} WITH (FORCE)`);
      });
      createdHere.delete(this.name);
    } finally {
      this.detachSignals();
    }
  }
  attachSignals() {
    const handlers = ["SIGINT", "SIGTERM"].map((sig) => {
      const othersHandle = process.listenerCount(sig) > 0;
      const handler = () => {
        void this.drop().catch(
          (err) => process.stderr.write(`opsgate: could not drop ${this.name}: ${err.message}
`)
        ).finally(() => {
          if (!othersHandle) process.kill(process.pid, sig);
        });
      };
      process.once(sig, handler);
      return [sig, handler];
    });
    return () => {
      for (const [sig, handler] of handlers) process.removeListener(sig, handler);
    };
  }
};

// src/engines/postgres/leftover-tools.ts
import { execFile as execFile3 } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify as promisify3 } from "node:util";
var execFileAsync3 = promisify3(execFile3);
var TOOL = /(?:^|\/)(?:pg_restore|psql)(?:\s|$)/;
async function toolProcessesFor(database) {
  if (process.platform === "win32") return [];
  let stdout;
  try {
    ({ stdout } = await execFileAsync3("ps", ["-eo", "pid=,stat=,args="], {
      env: { ...process.env, LC_ALL: "C" },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 1e4
    }));
  } catch {
    return [];
  }
  const named = new RegExp(`/${database}(?![0-9a-z_])`);
  const pids = [];
  for (const line of stdout.split("\n")) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!m || m[2].startsWith("Z")) continue;
    const [pid, args] = [Number(m[1]), m[3]];
    if (pid !== process.pid && TOOL.test(args.split(" ")[0] + " ") && named.test(args)) pids.push(pid);
  }
  return pids;
}
async function stopProcesses(pids, graceMs = 2e3) {
  const signal = (pid, sig) => {
    try {
      process.kill(pid, sig);
      return true;
    } catch {
      return false;
    }
  };
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const sent = pids.filter((pid) => signal(pid, "SIGTERM"));
  const deadline = Date.now() + graceMs;
  let running = sent;
  while (running.length && Date.now() < deadline) {
    await sleep(100);
    running = running.filter((pid) => alive(pid));
  }
  for (const pid of running) signal(pid, "SIGKILL");
  return sent.length;
}

// src/engines/postgres/scratch-sweep.ts
async function sweepDeadScratch(serverUrl, opts) {
  const client = new esm_default.Client({ connectionString: serverUrl, connectionTimeoutMillis: 1e4 });
  await client.connect();
  const result = { swept: [], kept: [], failed: [] };
  try {
    const { rows } = await client.query(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment,
              CASE WHEN has_database_privilege(oid, 'CONNECT') THEN pg_database_size(oid) END AS size
         FROM pg_database
        WHERE datname LIKE 'opsgate\\_drill\\_%'
          AND datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)
        ORDER BY datname`
    );
    for (const row of rows) {
      if (!isScratchName(row.datname)) continue;
      const owner = parseOwnerTag(row.comment);
      const reason = await deadOwnerReason(owner, scratchCreatedAt(row.datname), opts);
      if (!reason) {
        result.kept.push(row.datname);
        continue;
      }
      try {
        const stoppedProcesses = await stopProcesses(await toolProcessesFor(row.datname));
        const terminated = await client.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [row.datname]
        );
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(row.datname)} WITH (FORCE)`);
        result.swept.push({
          name: row.datname,
          sizeBytes: Number(row.size ?? 0),
          reason,
          ...owner ? { owner } : {},
          stoppedProcesses,
          terminatedBackends: terminated.rows[0]?.n ?? 0
        });
      } catch (err) {
        result.failed.push({ name: row.datname, reason, error: err.message });
      }
    }
  } finally {
    await client.end().catch(() => void 0);
  }
  return result;
}
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

// src/checks/restore/backup-source.ts
import { spawn as spawn3 } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir as mkdir2, readFile, stat as stat3 } from "node:fs/promises";
import path5 from "node:path";

// src/engines/postgres/pg-dump.ts
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import path3 from "node:path";
function countsFileOf(dumpFile) {
  return `${dumpFile}.counts.json`;
}
async function pgDumpWithCounts(opts) {
  const binDir = opts.binDir ?? await findPgBinDir();
  await mkdir(path3.dirname(opts.file), { recursive: true });
  const client = new esm_default.Client({ connectionString: opts.sourceUrl });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query(
      "SELECT pg_export_snapshot() AS snapshot, now() AS now"
    );
    const { snapshot, now } = rows[0];
    const conn = toolConnection(opts.sourceUrl);
    const dumping = runTool(
      pgTool(binDir, "pg_dump"),
      ["-Fc", "--no-password", `--snapshot=${snapshot}`, "-f", opts.file, "-d", conn.dbname],
      { env: conn.env, signal: opts.signal }
    );
    const [tables, run] = await Promise.all([
      listTables(client).then((names) => countRows(client, names)),
      dumping
    ]);
    await client.query("COMMIT");
    if (run.exitCode !== 0) {
      await rm(opts.file, { force: true });
      throw new EngineError(
        "pg_dump",
        `exited with ${run.exitCode ?? run.signal} dumping ${describeConnection(opts.sourceUrl)}: ${run.stderr}`
      );
    }
    const counts = {
      kind: "opsgate.backup-counts",
      takenAt: now.toISOString(),
      source: describeConnection(opts.sourceUrl),
      format: "custom",
      tables
    };
    const countsFile = countsFileOf(opts.file);
    await writeFile(countsFile, JSON.stringify(counts, null, 2) + "\n");
    return { file: opts.file, countsFile, counts, sizeBytes: (await stat(opts.file)).size, run };
  } finally {
    await client.end().catch(() => void 0);
  }
}

// src/checks/restore/newest-match.ts
import { readdir as readdir2, stat as stat2 } from "node:fs/promises";
import path4 from "node:path";
function globToRegExp(pattern) {
  let re = "";
  for (const ch of pattern) {
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[" || ch === "]") re += ch;
    else re += ch.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
async function matchingFiles(pattern) {
  const dir = path4.dirname(pattern);
  if (/[*?[]/.test(dir)) throw new Error(`wildcards are only supported in the file name: ${pattern}`);
  const base = path4.basename(pattern);
  const re = globToRegExp(base);
  let names;
  try {
    names = await readdir2(dir);
  } catch {
    return [];
  }
  const out = [];
  for (const name of names) {
    if (!re.test(name) || name.endsWith(".counts.json")) continue;
    const file = path4.join(dir, name);
    const s = await stat2(file).catch(() => void 0);
    if (s?.isFile()) out.push({ file, mtimeMs: s.mtimeMs, sizeBytes: s.size });
  }
  return out.sort((a, b) => b.mtimeMs - a.mtimeMs || b.file.localeCompare(a.file));
}

// src/checks/restore/backup-source.ts
async function fetchBackup(source, opts) {
  if (source.kind === "pg-dump") {
    const stamp = opts.now.toISOString().replace(/[-:]/g, "").slice(0, 15);
    const file2 = path5.resolve(opts.configDir, source.dir, `opsgate-${stamp}.dump`);
    const dump = await pgDumpWithCounts({ sourceUrl: source.url, file: file2, signal: opts.signal });
    return {
      kind: source.kind,
      file: file2,
      format: "custom",
      sizeBytes: dump.sizeBytes,
      takenAt: new Date(dump.counts.takenAt),
      takenAtFrom: "snapshot",
      ageNotMeasured: FRESH_DUMP,
      counts: dump.counts,
      temporary: false
    };
  }
  if (source.kind === "path") {
    const pattern = path5.resolve(opts.configDir, source.path);
    const [newest] = await matchingFiles(pattern);
    if (!newest)
      throw new ConfigError([{ path: "restore.backup.path", message: `no backup file matches ${pattern}` }]);
    return describe(source.kind, newest.file, formatOfFile(newest.file), false);
  }
  const ext = source.format === "custom" ? "dump" : source.format;
  await mkdir2(opts.workDir, { recursive: true });
  const file = path5.join(opts.workDir, `fetched-backup.${ext}`);
  const fetchStartMs = Math.floor(Date.now() / 1e3) * 1e3;
  await runFetchCommand(source.run.replaceAll("{path}", shellQuote(file)), {
    cwd: opts.configDir,
    timeoutMs: source["timeout-ms"],
    signal: opts.signal
  });
  if (!existsSync(file))
    throw new EngineError("backup command", `finished but did not write the backup to ${file} ({path})`);
  const fetched = await describe(source.kind, file, source.format, true);
  if (fetched.takenAtFrom === "mtime" && fetched.takenAt.getTime() >= fetchStartMs)
    return { ...fetched, ageNotMeasured: FETCH_TIME };
  return fetched;
}
var FRESH_DUMP = "not measured: the drill took a fresh pg_dump, so the backup is 0 old by construction; point restore.backup at your real backups (kind: path or command) to measure it";
var FETCH_TIME = "not measured: the fetched file carries the fetch time, not the backup's; keep the backup's time when fetching (curl -R, rsync -t, cp -p, or touch -d <backup time> {path}), or fetch its {path}.counts.json too";
async function describe(kind, file, format, temporary) {
  const s = await stat3(file);
  const counts = await readCounts(file);
  return {
    kind,
    file,
    format,
    sizeBytes: s.size,
    takenAt: counts ? new Date(counts.takenAt) : s.mtime,
    takenAtFrom: counts ? "snapshot" : "mtime",
    ...counts ? { counts } : {},
    temporary
  };
}
async function readCounts(file) {
  try {
    const parsed = JSON.parse(await readFile(countsFileOf(file), "utf8"));
    return parsed.kind === "opsgate.backup-counts" && parsed.tables ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
function runFetchCommand(command, { cwd, timeoutMs, signal }) {
  return new Promise((resolve, reject) => {
    const child = spawn3("sh", ["-c", command], {
      cwd,
      stdio: ["ignore", "ignore", "pipe"],
      signal,
      timeout: timeoutMs
    });
    let stderr = "";
    child.stderr.on("data", (c) => stderr = (stderr + c.toString()).slice(-8192));
    child.on("error", (err) => {
      if (err.code !== "ABORT_ERR") reject(err);
    });
    child.on("close", (code, sig) => {
      if (code === 0) resolve();
      else
        reject(
          new EngineError(
            "backup command",
            `exited with ${code ?? sig}${sig === "SIGTERM" && !signal.aborted ? ` (timed out after ${timeoutMs} ms)` : ""}: ${redact(stderr.trim())}`
          )
        );
    });
  });
}

// src/checks/restore/restore-drill.ts
var DrillInterruptedError = class extends Error {
  constructor(reason, scratch, dropped) {
    super(
      `restore drill interrupted (${reason}); scratch database ${scratch} ${dropped ? "dropped" : "NOT dropped"}`
    );
    this.name = "DrillInterruptedError";
  }
};
async function timed(phases, phase, fn) {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    phases[phase] = Math.round(performance.now() - t);
  }
}
async function runRestoreDrill(opts) {
  const { config, signal, log } = opts;
  const now = opts.now ?? /* @__PURE__ */ new Date();
  const phases = {};
  const jobs = config.jobs ?? Math.max(1, os3.availableParallelism());
  log("restore: fetching the backup");
  const backup = await timed(
    phases,
    "fetch",
    () => fetchBackup(config.backup, { configDir: opts.configDir, workDir: opts.workDir, signal, now })
  );
  signal.throwIfAborted();
  try {
    const sweep = await sweepDeadScratch(config.scratch.url, {
      staleAfterMs: durationMs(config.scratch["sweep-after"])
    });
    for (const s of sweep.swept) log(`restore: swept ${s.name} left by a dead run (${s.reason})`);
    signal.throwIfAborted();
    log("restore: creating the scratch database");
    const scratch = await timed(phases, "create", () => ScratchDatabase.create(config.scratch.url));
    let restore;
    let verification;
    const cleanup = { dropped: false };
    let failure;
    try {
      log(`restore: restoring ${backup.format} backup into ${scratch.name} (${jobs} jobs)`);
      restore = await timed(
        phases,
        "restore",
        () => restoreBackup({
          file: backup.file,
          format: backup.format,
          targetUrl: scratch.url,
          jobs,
          signal,
          ...opts.onRestoreSpawn ? { onSpawn: opts.onRestoreSpawn } : {}
        })
      );
      signal.throwIfAborted();
      if (restore.ok) {
        log("restore: verifying");
        verification = await timed(
          phases,
          "verify",
          () => verifyRestore({
            restoredUrl: scratch.url,
            verify: config.verify,
            ...backup.counts ? { recordedCounts: backup.counts.tables } : {},
            ...config.backup.kind === "pg-dump" ? { sourceCounts: sourceCounter(config.backup.url) } : {}
          })
        );
      }
    } catch (err) {
      failure = err;
    }
    log(`restore: dropping ${scratch.name}`);
    await timed(
      phases,
      "cleanup",
      () => scratch.drop().then(
        () => void (cleanup.dropped = true),
        (err) => void (cleanup.error = err.message)
      )
    );
    if (signal.aborted)
      throw new DrillInterruptedError(
        String(signal.reason?.message ?? "aborted"),
        scratch.name,
        cleanup.dropped
      );
    if (failure !== void 0) throw failure;
    if (!restore) throw new Error("restore did not run");
    const timeToRestoreMs = (phases.fetch ?? 0) + (phases.create ?? 0) + (phases.restore ?? 0) + (phases.verify ?? 0);
    return {
      backup,
      scratchDatabase: scratch.name,
      jobs,
      phases,
      restore,
      ...verification ? { verification } : {},
      timeToRestoreMs,
      backupAgeMs: backup.ageNotMeasured ? null : Math.max(0, now.getTime() - backup.takenAt.getTime()),
      cleanup,
      sweep
    };
  } finally {
    if (backup.temporary) await rm2(backup.file, { force: true });
  }
}
function sourceCounter(sourceUrl) {
  return async (tables) => {
    const client = new esm_default.Client({ connectionString: sourceUrl });
    await client.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      return await countRows(client, tables);
    } finally {
      await client.end().catch(() => void 0);
    }
  };
}

// src/checks/restore/retention.ts
import { readdir as readdir3, rm as rm3, stat as stat4 } from "node:fs/promises";
import path6 from "node:path";
var dayKey = (d) => d.toISOString().slice(0, 10);
var monthKey = (d) => d.toISOString().slice(0, 7);
function isoWeekKey(d) {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 864e5 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
function dateFromName(name) {
  const m = /(20\d{2}|19\d{2})-?(\d{2})-?(\d{2})(?:[T_-]?(\d{2}):?(\d{2})(?::?(\d{2}))?)?/.exec(name);
  if (!m) return void 0;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  return Number.isNaN(date.getTime()) || date.getUTCMonth() !== +mo - 1 ? void 0 : date;
}
function retentionReport(backups, policy, now) {
  const today = dayKey(now);
  const hasToday = backups.some((b) => dayKey(b.at) === today);
  const ref = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (hasToday ? 0 : 1))
  );
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set(newestFirst.filter((b) => dayKey(b.at) > dayKey(ref)).map((b) => b.file));
  const cover = (count, slotOf, step) => {
    const slots = [];
    for (let i = 0; slots.length < count && i < count * 40; i++) {
      const key = slotOf(step(i));
      if (!slots.includes(key)) slots.push(key);
    }
    const covered = [];
    const missing = [];
    for (const slot of slots) {
      const newest = newestFirst.find((b) => slotOf(b.at) === slot);
      if (newest) {
        covered.push(slot);
        keep.add(newest.file);
      } else missing.push(slot);
    }
    return { expected: count, covered, missing };
  };
  const daysBack = (i) => new Date(ref.getTime() - i * 864e5);
  const daily = cover(policy.daily, dayKey, daysBack);
  const weekly = cover(policy.weekly, isoWeekKey, (i) => daysBack(i * 7));
  const monthly = cover(
    policy.monthly,
    monthKey,
    (i) => new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() - i, 1))
  );
  const prune = newestFirst.filter((b) => !keep.has(b.file)).map((b) => b.file);
  return {
    referenceDay: dayKey(ref),
    daily,
    weekly,
    monthly,
    keep: newestFirst.filter((b) => keep.has(b.file)).map((b) => b.file),
    prune,
    undated: []
  };
}
async function auditBackupDir(dir, policy, now) {
  const re = globToRegExp(policy.pattern);
  const backups = [];
  const undated = [];
  for (const name of (await readdir3(dir)).sort()) {
    if (!re.test(name) || name.endsWith(".counts.json")) continue;
    const s = await stat4(path6.join(dir, name));
    if (!s.isFile()) continue;
    const at = policy["date-from"] === "mtime" ? s.mtime : dateFromName(name);
    if (at) backups.push({ file: name, at });
    else undated.push(name);
  }
  return { ...retentionReport(backups, policy, now), undated };
}
async function applyRetention(dir, report) {
  const deleted = [];
  for (const name of report.prune) {
    await rm3(path6.join(dir, name), { force: true });
    await rm3(path6.join(dir, `${name}.counts.json`), { force: true });
    deleted.push(name);
  }
  return deleted;
}

// src/checks/restore/sweep-evidence.ts
function addSweepToEvidence(e, sweep) {
  e.metrics.sweptScratchDatabases = sweep.swept.length;
  e.metrics.sweptScratchBytes = sweep.swept.reduce((a, s) => a + s.sizeBytes, 0);
  e.data = { ...e.data, sweep };
  const n = sweep.swept.length;
  if (n)
    e.findings.push({
      fingerprint: fingerprintOf("restore", "swept-scratch"),
      severity: "low",
      title: `swept ${n} scratch database${n === 1 ? "" : "s"} left by a dead run: ` + sweep.swept.map((s) => `${s.name}, ${formatBytes(s.sizeBytes)}`).join("; "),
      detail: sweep.swept.map(
        (s) => `${s.name}: ${s.reason}; ${s.stoppedProcesses} restore process(es) stopped, ${s.terminatedBackends} backend(s) terminated, dropped.`
      ).join(" "),
      location: sweep.swept.map((s) => s.name).join(", "),
      ruleId: "restore-swept-scratch",
      solution: "A drill was killed before its cleanup ran; find out why (OOM, runner timeout)."
    });
  if (sweep.failed.length)
    e.findings.push({
      fingerprint: fingerprintOf("restore", "sweep-failed"),
      severity: "medium",
      title: `could not drop ${sweep.failed.length} scratch database(s) of dead runs: ${sweep.failed.map((f) => f.name).join(", ")}`,
      detail: sweep.failed.map((f) => `${f.name} (${f.reason}): ${f.error}`).join(" "),
      ruleId: "restore-sweep-failed",
      solution: "Drop them by hand with a role that owns them: DROP DATABASE … WITH (FORCE)."
    });
}

// src/checks/restore/restore-check.ts
var DAY = 864e5;
function defaultBackupDir(cfg) {
  if (cfg.backup.kind === "pg-dump") return cfg.backup.dir;
  if (cfg.backup.kind === "path") return path7.dirname(cfg.backup.path);
  return void 0;
}
var restoreCheck = {
  name: "restore",
  description: "restore drill: backup → scratch database → verification → time to restore vs RTO, RPO, retention, drill log",
  addOptions(cmd) {
    cmd.option("--retention-only", "only audit backup retention (and drill-log freshness); no restore").option("--apply", "delete the backups the retention policy would prune (default: report only)");
  },
  async run(ctx) {
    const cfg = ctx.config.restore;
    if (!cfg || !cfg.enabled)
      throw new ConfigError([
        { path: "restore", message: "no enabled restore section in the configuration" }
      ]);
    const retentionOnly = Boolean(ctx.options.retentionOnly);
    const apply = Boolean(ctx.options.apply);
    if ((retentionOnly || apply) && !cfg.retention)
      throw new ConfigError([
        {
          path: "restore.retention",
          message: `${apply ? "--apply" : "--retention-only"} needs a restore.retention policy`
        }
      ]);
    const now = /* @__PURE__ */ new Date();
    const e = startEvidence("restore", ctx.config.target["base-url"], ctx.config.target.name);
    const rtoMs = durationMs(cfg.rto);
    const rpoMs = durationMs(cfg.rpo);
    let drill;
    if (!retentionOnly) {
      drill = await runRestoreDrill({
        config: cfg,
        configDir: ctx.configDir,
        workDir: path7.join(ctx.outDir, "artifacts", "restore"),
        signal: ctx.signal,
        log: ctx.log,
        now
      });
      addSweepToEvidence(e, drill.sweep);
      addDrillToEvidence(e, drill, { rtoMs, rpoMs });
    }
    const policy = policyFor(ctx.config, "restore");
    const drillVerdict = drill ? verdictOf(controlsOf(e, policy), policy) : void 0;
    if (cfg.retention) {
      const rel = cfg.retention.dir ?? defaultBackupDir(cfg);
      if (!rel)
        throw new ConfigError([
          { path: "restore.retention.dir", message: "required when the backup source is a command" }
        ]);
      const dir = path7.resolve(ctx.configDir, rel);
      const report = await auditBackupDir(dir, cfg.retention, now).catch((err) => {
        if (err.code === "ENOENT")
          throw new ConfigError([
            { path: "restore.retention.dir", message: `backup directory ${dir} does not exist` }
          ]);
        throw err;
      });
      const deleted = apply ? await applyRetention(dir, report) : void 0;
      addRetentionToEvidence(e, report, dir, deleted);
    }
    const passedNow = drillVerdict === "pass" || drillVerdict === "warn";
    const lastPass = passedNow ? now : await lastPassingDrill(ctx.store);
    const maxAgeMs = durationMs(cfg["drill-log"]["max-age"]);
    const daysSince = lastPass ? Math.floor((now.getTime() - lastPass.getTime()) / DAY) : null;
    e.thresholds.push({
      name: "days since last passing restore drill",
      limit: Math.floor(maxAgeMs / DAY),
      actual: daysSince,
      ok: lastPass !== void 0 && now.getTime() - lastPass.getTime() <= maxAgeMs,
      unit: "days",
      detail: lastPass ? `last passing drill ${lastPass.toISOString()}` : "no passing drill in the drill log"
    });
    if (daysSince !== null) e.metrics.daysSinceLastPassingDrill = daysSince;
    const verdict = verdictOf(controlsOf(e, policy), policy);
    if (drill) {
      const record = {
        date: now.toISOString(),
        check: "restore",
        runId: e.run.id,
        backup: path7.basename(drill.backup.file),
        backupKind: drill.backup.kind,
        backupTakenAt: drill.backup.takenAt.toISOString(),
        timeToRestoreMs: drill.restore.ok ? drill.timeToRestoreMs : null,
        rtoMs,
        backupAgeMs: drill.backupAgeMs,
        rpoMs,
        verdict: drillVerdict,
        signedOffBy: null
      };
      const append = () => appendDrillRecord(ctx.store, record);
      if (ctx.afterEvidence) ctx.afterEvidence(append);
      else await append();
    }
    e.summary = summaryOf(drill, verdict, e);
    return e;
  }
};
function summaryOf(d, verdict, e) {
  const failed = e.findings.length + e.thresholds.filter((t) => !t.ok).length;
  const parts = [];
  if (d)
    parts.push(
      d.restore.ok ? `restored ${path7.basename(d.backup.file)} in ${(d.timeToRestoreMs / 1e3).toFixed(1)} s` : `restore of ${path7.basename(d.backup.file)} FAILED (${d.restore.tool} exit ${d.restore.exitCode ?? d.restore.signal})`
    );
  if (e.metrics.retentionMissingSlots !== void 0)
    parts.push(`retention: ${e.metrics.retentionMissingSlots} missing slot(s)`);
  parts.push(failed ? `${failed} problem(s)` : "all verifications passed");
  return `${parts.join("; ")} — ${verdict}`;
}

export {
  restoreCheck
};
