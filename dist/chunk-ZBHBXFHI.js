import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  trustLevel,
  writeEvidence,
  writeReports
} from "./chunk-F4N7O6A5.js";
import {
  readGitHubContext
} from "./chunk-7YA2V6B3.js";
import {
  FsEvidenceStore
} from "./chunk-ODXVANJO.js";
import {
  evidenceVerdict,
  policyFor
} from "./chunk-DDRZDHRK.js";
import {
  formatDuration
} from "./chunk-YILOGUBB.js";
import {
  loadConfig
} from "./chunk-ZC7YIYEL.js";
import {
  SessionCache,
  withLedger
} from "./chunk-7HPKJNE2.js";
import {
  finishEvidence,
  startEvidence
} from "./chunk-NHLNGWDM.js";
import {
  ConfigError,
  describeCause
} from "./chunk-OSGOEP7K.js";
import {
  redact
} from "./chunk-MLKP6OQN.js";

// src/core/redacting-output.ts
var installed = false;
function installRedactingOutput() {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk, ...rest) => {
      const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : chunk;
      return write(typeof text === "string" ? redactLines(text) : text, ...rest);
    });
  }
}
function redactLines(text) {
  if (!text.includes("::add-mask::")) return redact(text);
  return text.split("\n").map((line) => line.startsWith("::add-mask::") ? line : redact(line)).join("\n");
}

// src/checks/progress.ts
function progressHeartbeat(log, check, intervalMs = 5e3) {
  const started = Date.now();
  let lastLine = Date.now();
  let lastMessage = "";
  const tick = Math.max(20, Math.floor(intervalMs / 5));
  const timer = setInterval(() => {
    if (Date.now() - lastLine < intervalMs - tick) return;
    log(`${check}: ${formatDuration(Date.now() - started)} elapsed${lastMessage ? ` — ${lastMessage}` : ""}`);
    lastLine = Date.now();
  }, tick);
  timer.unref();
  return {
    log: (message) => {
      lastLine = Date.now();
      lastMessage = message.split("\n")[0].slice(0, 120);
      log(message);
    },
    stop: () => clearInterval(timer)
  };
}

// src/checks/run-check.ts
async function runCheck(check, ctx) {
  const started = Date.now();
  const heartbeat = progressHeartbeat(ctx.log, check.name);
  const deferred = [];
  let evidence;
  let ledger;
  try {
    evidence = await withLedger(ctx.outDir, check.name, (scope) => {
      ledger = scope;
      return check.run({
        ...ctx,
        log: heartbeat.log,
        afterEvidence: (record) => void deferred.push(record)
      });
    });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    evidence = startEvidence(check.name, ctx.config.target["base-url"], ctx.config.target.name);
    evidence.run.startedAt = new Date(started).toISOString();
    evidence.error = { kind: err.name ?? "Error", message: describeCause(err) };
    evidence.summary = `${check.name} did not complete: ${evidence.error.message}`;
    if (process.env.OPSGATE_DEBUG) console.error(err);
  } finally {
    heartbeat.stop();
  }
  for (const [host, n] of ledger?.sent ?? []) evidence.metrics[`requests sent to ${host}`] = n;
  finishEvidence(evidence, started);
  evidence.verdict = evidenceVerdict(evidence, policyFor(ctx.config, check.name));
  const evidenceFile = await writeEvidence(ctx.outDir, evidence);
  for (const record of deferred) await record();
  await writeReports(ctx.outDir, singleCheckPolicy(ctx.config), [evidence]);
  return { evidence, evidenceFile };
}
function singleCheckPolicy(config) {
  return { gate: { ...config.gate, required: [] } };
}

// src/cli/context.ts
import path2 from "node:path";

// src/github/history-trust.ts
function localHistoryRefusal(env = process.env) {
  if (env.GITHUB_ACTIONS !== "true") return void 0;
  const ctx = readGitHubContext(env);
  const level = trustLevel(ctx);
  if (level === "trusted") return void 0;
  return `this ${ctx.eventName || "unidentified"} run on GitHub Actions is ${level}; history comes only from the evidence store branch`;
}
function localEvidenceStore(dir, log, env = process.env) {
  return new FsEvidenceStore(dir, { log, historyRefused: localHistoryRefusal(env) });
}

// src/core/out-dir.ts
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
async function ensureWritableOutDir(dir) {
  const abs = path.resolve(dir);
  const parts = abs.split(path.sep).filter(Boolean);
  try {
    let cur = path.parse(abs).root;
    for (const part of parts) {
      cur = path.join(cur, part);
      const st = await stat(cur).catch(() => void 0);
      if (st && !st.isDirectory()) throw new Error(`${cur} is not a directory`);
      if (!st) await mkdir(cur);
    }
    const probe = path.join(abs, `.opsgate-write-probe-${process.pid}`);
    await writeFile(probe, "ok");
    await rm(probe, { force: true });
  } catch (err) {
    const reason = err.code ?? err.message;
    throw new ConfigError(`out dir ${abs} is not writable (${reason})`);
  }
}

// src/cli/context.ts
async function buildContext(opts, options, checks) {
  const { config, dir, file } = await loadConfig(opts.config, process.env, checks);
  await ensureWritableOutDir(opts.out);
  const controller = new AbortController();
  running.add(controller);
  installSignalHandlers();
  const ctx = {
    config,
    configDir: dir,
    configFile: file,
    outDir: path2.resolve(opts.out),
    // The store's warnings go wherever the run's log is pointed later (an action's core.info).
    store: localEvidenceStore(path2.resolve(dir, config.store.dir), (m) => ctx.log(m)),
    log: (m) => process.stderr.write(`${m}
`),
    signal: controller.signal,
    sessions: new SessionCache(),
    options
  };
  return ctx;
}
var running = /* @__PURE__ */ new Set();
var installed2 = false;
var STOP_GRACE_MS = 4500;
function installSignalHandlers() {
  if (installed2) return;
  installed2 = true;
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (!running.size) process.exit(sig === "SIGINT" ? 130 : 143);
      process.stderr.write(`opsgate: ${sig} received, stopping and cleaning up…
`);
      for (const c of running) c.abort(new Error(`interrupted by ${sig}`));
      running.clear();
      setTimeout(() => {
        process.stderr.write(
          `opsgate: cleanup did not finish within ${STOP_GRACE_MS} ms of ${sig}; exiting
`
        );
        process.exit(sig === "SIGINT" ? 130 : 143);
      }, STOP_GRACE_MS).unref();
    });
  }
}

// src/checks/select-checks.ts
function selectConfiguredChecks(config, wanted, available) {
  const run = [];
  const skipped = [];
  for (const name of wanted) {
    const section = config[name];
    if (!available[name]) skipped.push({ check: name, reason: "not available in this opsgate version" });
    else if (!section) skipped.push({ check: name, reason: `no ${name} section in the config` });
    else if (section.enabled === false) skipped.push({ check: name, reason: `${name}.enabled is false` });
    else run.push(name);
  }
  return { run, skipped };
}

export {
  runCheck,
  singleCheckPolicy,
  localEvidenceStore,
  buildContext,
  selectConfiguredChecks,
  installRedactingOutput
};
