import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  classifyCell,
  describeExpectation
} from "./chunk-LSV56N5A.js";
import {
  requestFailureReason,
  targetGone
} from "./chunk-WKJ2YTJB.js";
import {
  LoginFailedError,
  TargetClient,
  assertAllowedHost,
  destructiveAllowed,
  readJsonPath
} from "./chunk-NRWEKI4R.js";
import {
  require_dist
} from "./chunk-SWQS7YNX.js";
import {
  placeholdersIn
} from "./chunk-BHXNDFSK.js";
import {
  ownershipLabel
} from "./chunk-YUAPXZBY.js";
import {
  fingerprintOf
} from "./chunk-3ZMT66VX.js";
import {
  startEvidence
} from "./chunk-NHLNGWDM.js";
import {
  evidenceSchema
} from "./chunk-EL2BHP6N.js";
import {
  ConfigError
} from "./chunk-OSGOEP7K.js";
import {
  durationMs,
  redact
} from "./chunk-MLKP6OQN.js";
import {
  __toESM
} from "./chunk-4GQUXEY7.js";

// src/checks/rbac/rbac-check.ts
import { randomBytes } from "node:crypto";

// src/checks/rbac/answer-text.ts
function answerText(res) {
  if (!res.status) return "nothing (timeout)";
  const body = redact(res.text).replace(/\s+/g, " ").trim();
  return body ? `${res.status}: ${Buffer.from(body).subarray(0, 500).toString("utf8")}` : String(res.status);
}

// src/checks/rbac/fixtures.ts
function fillTemplate(template, values) {
  if (!template.includes("{")) return template;
  return template.replace(/\{([A-Za-z0-9_.-]+)\}/g, (whole, name) => values[name] ?? whole);
}
function fillBody(body, values) {
  if (typeof body === "string") {
    const whole = /^\{([A-Za-z0-9_.-]+)\}$/.exec(body);
    if (whole && values[whole[1]] !== void 0 && /^-?\d+$/.test(values[whole[1]]))
      return Number(values[whole[1]]);
    return fillTemplate(body, values);
  }
  if (Array.isArray(body)) return body.map((b) => fillBody(b, values));
  if (body && typeof body === "object")
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, fillBody(v, values)]));
  return body;
}
var FixtureError = class extends Error {
  name = "FixtureError";
};
var FixtureManager = class {
  constructor(client, fixtures) {
    this.client = client;
    this.fixtures = fixtures;
    for (const [name, f] of Object.entries(fixtures))
      if (typeof f !== "object") this.statics[name] = String(f);
  }
  client;
  fixtures;
  created = [];
  shared = /* @__PURE__ */ new Map();
  statics = {};
  /** Whether providing these placeholders means creating records (a destructive act). */
  needsCreation(placeholders) {
    return placeholders.some((p) => typeof this.fixtures[p] === "object");
  }
  /** Values for one cell and a release function that deletes per-cell records. */
  async acquire(placeholders) {
    const values = { ...this.statics };
    const own = [];
    const release = async () => {
      for (const r of own) await this.cleanup(r);
    };
    try {
      for (const p of placeholders) {
        const f = this.fixtures[p];
        if (typeof f !== "object" || !f) continue;
        if (f["per-cell"]) {
          const r = await this.create(p, f);
          own.push(r);
          values[p] = r.id;
        } else {
          let pending = this.shared.get(p);
          if (!pending) {
            pending = this.create(p, f);
            this.shared.set(p, pending);
          }
          values[p] = (await pending).id;
        }
      }
    } catch (err) {
      await release();
      throw err;
    }
    return { values, release };
  }
  /** Delete every shared record still standing. Safe to call more than once. */
  async cleanupAll() {
    for (const pending of this.shared.values()) {
      const r = await pending.catch(() => void 0);
      if (r) await this.cleanup(r);
    }
  }
  /**
   * A cell that created something (a 2xx on a create row): delete it again with the row's
   * cleanup request. The record is kept either way, so the report shows what happened.
   */
  async cleanupCreated(label, createdBy, cleanup, json, values) {
    const raw = readJsonPath(json, cleanup["id-path"]);
    if (typeof raw !== "string" && typeof raw !== "number") {
      this.created.push({ fixture: label, id: "?", createdBy, cleanup: "failed" });
      return;
    }
    const record = { fixture: label, id: String(raw), createdBy, cleanup: "pending" };
    this.created.push(record);
    await sendCleanup(this.client, cleanup.identity, cleanup, { ...values, id: record.id }, record);
  }
  async create(name, f) {
    const req = f.create;
    const res = await this.client.send(req.identity, {
      method: req.method,
      path: fillTemplate(req.path, this.statics),
      body: fillBody(req.body, this.statics),
      headers: req.headers
    });
    const id = readJsonPath(res.json, f["id-path"]);
    if (res.status < 200 || res.status >= 300 || typeof id !== "string" && typeof id !== "number") {
      throw new FixtureError(
        `fixture ${name}: ${req.method} ${req.path} as ${req.identity} answered ${answerText(res)}` + (res.status >= 200 && res.status < 300 ? `, no id at ${f["id-path"]}` : "")
      );
    }
    const record = {
      fixture: name,
      id: String(id),
      createdBy: req.identity,
      cleanup: f.cleanup ? "pending" : "no-cleanup-request"
    };
    this.created.push(record);
    return record;
  }
  async cleanup(r) {
    const f = this.fixtures[r.fixture];
    if (r.cleanup !== "pending" || !f.cleanup) return;
    await sendCleanup(
      this.client,
      f.cleanup.identity,
      f.cleanup,
      { ...this.statics, id: r.id, [r.fixture]: r.id },
      r
    );
  }
};
async function sendCleanup(client, identity, cleanup, values, record) {
  try {
    const res = await client.send(
      identity,
      {
        method: cleanup.method,
        path: fillTemplate(cleanup.path, values),
        body: fillBody(cleanup.body, values),
        headers: cleanup.headers
      },
      { cleanup: true }
    );
    record.cleanupStatus = res.status;
    record.cleanup = res.status === 404 || res.status === 410 ? "already-gone" : res.status < 300 ? "deleted" : "failed";
    if (record.cleanup === "failed") record.answer = answerText(res);
  } catch (err) {
    record.cleanup = "failed";
    record.answer = err.message;
  }
}

// src/checks/rbac/matrix-diff.ts
import { readFile } from "node:fs/promises";
import path from "node:path";
async function previousRbacEvidence(store, outDir) {
  const [latest] = await store.list("rbac", { limit: 1 }).catch(() => []);
  if (latest)
    return {
      evidence: latest.evidence,
      source: `${store.description}: ${latest.key}`,
      recordedAt: latest.recordedAt
    };
  const file = path.join(outDir, "evidence", "rbac.json");
  try {
    const parsed = evidenceSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (parsed.success && !parsed.data.error)
      return { evidence: parsed.data, source: file, recordedAt: parsed.data.run.startedAt };
  } catch {
  }
  return void 0;
}
function diffMatrix(previous, source, current, recordedAt) {
  const before = /* @__PURE__ */ new Map();
  for (const c of previous.data?.cells ?? []) before.set(c.id, c);
  const changes = [];
  const added = [];
  for (const c of current) {
    const b = before.get(c.id);
    if (!b) {
      added.push(c.id);
      continue;
    }
    before.delete(c.id);
    if (b.status === null || c.status === null) continue;
    if (b.status !== c.status)
      changes.push({ id: c.id, before: b.status, now: c.status, verdictNow: c.verdict });
  }
  return { source, recordedAt, changes, added, removed: [...before.keys()] };
}
function diffMarkdown(diff) {
  const lines = [
    `Compared with ${diff.recordedAt ? `the run of ${diff.recordedAt}` : "the previous run"} (${diff.source}).`,
    ""
  ];
  if (!diff.changes.length) lines.push("No cell changed status.");
  else {
    lines.push("| Cell | Before | Now | Verdict now |", "| --- | --- | --- | --- |");
    for (const c of diff.changes) lines.push(`| \`${c.id}\` | ${c.before} | ${c.now} | ${c.verdictNow} |`);
    lines.push("", ...diff.changes.map((c) => `- cell \`${c.id}\` changed from ${c.before} to ${c.now}`));
  }
  if (diff.added.length) lines.push("", `New cells: ${diff.added.length}.`);
  if (diff.removed.length)
    lines.push("", `Cells no longer in the matrix: ${diff.removed.map((r) => `\`${r}\``).join(", ")}.`);
  return lines.join("\n");
}

// src/checks/rbac/matrix-markdown.ts
var mark = {
  enforced: "✅",
  bypassed: "❌ bypassed",
  unexpected: "⚠️",
  skipped: "⏭️",
  error: "💥"
};
var MAX_ROWS = 80;
function matrixGrid(cells) {
  const identities = [...new Set(cells.map((c) => c.identity))];
  const rows = /* @__PURE__ */ new Map();
  for (const c of cells) {
    const request = c.id.slice(c.identity.length + 1);
    if (!rows.has(request)) rows.set(request, /* @__PURE__ */ new Map());
    rows.get(request).set(c.identity, c);
  }
  const out = [
    `| Request | ${identities.join(" | ")} |`,
    `| --- |${identities.map(() => " --- |").join("")}`
  ];
  let n = 0;
  for (const [request, byIdentity] of rows) {
    if (++n > MAX_ROWS) {
      out.push("", `… ${rows.size - MAX_ROWS} more requests; every cell is in the evidence (data.cells).`);
      break;
    }
    const line = identities.map((who) => {
      const c = byIdentity.get(who);
      if (!c) return "";
      if (c.verdict === "skipped") return c.loginFailed ? "⏭️ login failed" : "⏭️ skipped";
      if (c.status === null) return `💥 ${c.reason ?? "error"}`.replace(/\|/g, "/");
      return c.verdict === "enforced" ? `${c.status} ✅` : `${c.status} ${mark[c.verdict]} (want ${c.expected})`.replace(/\|/g, "/");
    });
    out.push(`| \`${request}\` | ${line.join(" | ")} |`);
  }
  return out.join("\n");
}
function createdTable(created) {
  if (!created.length) return "The probe created no records.";
  const out = ["| Fixture | Id | Created by | Cleanup |", "| --- | --- | --- | --- |"];
  for (const r of created)
    out.push(
      `| ${r.fixture} | ${r.id} | ${r.createdBy} | ${r.cleanup}${r.cleanupStatus ? ` (${r.cleanupStatus})` : ""} |`
    );
  return out.join("\n");
}

// src/checks/rbac/openapi-coverage.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile as readFile2 } from "node:fs/promises";
import path2 from "node:path";
var METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
async function loadOpenApi(src, configDir, client) {
  let text;
  if (src.file) {
    const file = path2.resolve(configDir, src.file);
    try {
      text = await readFile2(file, "utf8");
    } catch (err) {
      throw new ConfigError([
        { path: "rbac.openapi.file", message: `cannot read ${file}: ${err.code}` }
      ]);
    }
  } else {
    const res = await client.send("anonymous", { method: "GET", path: src.path });
    if (res.status !== 200)
      throw new ConfigError([
        {
          path: "rbac.openapi.path",
          message: `GET ${src.path} answered ${res.status}, expected 200 with the OpenAPI document`
        }
      ]);
    text = res.text;
  }
  try {
    return (0, import_yaml.parse)(text);
  } catch (err) {
    throw new ConfigError([
      { path: "rbac.openapi", message: `the OpenAPI document does not parse: ${err.message}` }
    ]);
  }
}
function operationsOf(doc) {
  const d = doc ?? {};
  if (!d.paths || typeof d.paths !== "object")
    throw new ConfigError([{ path: "rbac.openapi", message: "the OpenAPI document has no paths" }]);
  const secured = (req) => Array.isArray(req) && req.length > 0 && req.every((r) => r && Object.keys(r).length > 0);
  const ops = [];
  for (const [p, item] of Object.entries(d.paths)) {
    for (const m of METHODS) {
      const op = item?.[m];
      if (!op) continue;
      ops.push({ method: m.toUpperCase(), path: p, secured: secured(op.security ?? d.security) });
    }
  }
  return ops;
}
function endpointKey(method, p) {
  return `${method.toUpperCase()} ${p.replace(/\{[^}]+\}/g, "{}").replace(/\/+$/, "") || "/"}`;
}
async function openApiFindings(ops, probed, cells, opts) {
  const findings = [];
  const uncovered = [];
  const openToAnonymous = [];
  const anonymous = /* @__PURE__ */ new Map();
  for (const c of cells)
    if (c.identity === "anonymous" && c.status !== null) anonymous.set(endpointKey(c.method, c.path), c);
  for (const op of ops) {
    const key = endpointKey(op.method, op.path);
    if (!probed.has(key)) {
      uncovered.push(key);
      findings.push({
        fingerprint: fingerprintOf("rbac", "openapi-uncovered", key),
        severity: "low",
        title: `${op.method} ${op.path} is never probed by the rbac matrix`,
        detail: `The OpenAPI document declares ${op.method} ${op.path}, but no matrix row or ownership probe covers it, so nobody checks who may call it.`,
        location: `${op.method} ${op.path}`,
        ruleId: "rbac-openapi-uncovered",
        solution: "Add a matrix row (or a default rule) with the expected status per identity."
      });
    }
    if (!op.secured) continue;
    let status = anonymous.get(key)?.status ?? void 0;
    if (status === void 0 && opts.probeAnonymous && (op.method === "GET" || op.method === "HEAD") && !opts.signal.aborted) {
      const filled = fillTemplate(op.path, opts.statics);
      if (!/\{[^}]+\}/.test(filled))
        status = (await opts.client.send("anonymous", { method: op.method, path: filled })).status;
    }
    if (status !== void 0 && status >= 200 && status < 300) {
      openToAnonymous.push(key);
      findings.push({
        fingerprint: fingerprintOf("rbac", "openapi-open", key),
        severity: "high",
        title: `${op.method} ${op.path} declares security but answered ${status} without credentials`,
        detail: `The OpenAPI document requires authentication for ${op.method} ${op.path}; an anonymous request got ${status}.`,
        location: `${op.method} ${op.path}`,
        ruleId: "rbac-openapi-open",
        solution: "Enforce authentication on this operation, or correct the document if it is meant to be public."
      });
    }
  }
  return { findings, uncovered, openToAnonymous };
}

// src/checks/rbac/plan-matrix.ts
var WRITE_METHODS = /* @__PURE__ */ new Set(["POST", "PUT", "PATCH", "DELETE"]);
function placeholdersOf(path3, body) {
  return placeholdersIn(path3, body);
}
function globMatches(glob, path3) {
  return globRegExp(glob).test(path3);
}
var compiledGlobs = /* @__PURE__ */ new Map();
function globRegExp(glob) {
  const cached = compiledGlobs.get(glob);
  if (cached) return cached;
  const re = glob.split("**").map(
    (part) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")
  ).join(".*");
  const compiled = new RegExp(`^${re}$`);
  compiledGlobs.set(glob, compiled);
  return compiled;
}
function planMatrix(rbac, identities) {
  const problems = [];
  const known = (name) => name === "anonymous" || name in identities;
  rbac.defaults.forEach((d, i) => {
    for (const who of Object.keys(d.expect))
      if (!known(who))
        problems.push({
          path: `rbac.defaults[${i}].expect.${who}`,
          message: `identity "${who}" is not defined under identities`
        });
  });
  const cells = [];
  const seen = /* @__PURE__ */ new Map();
  rbac.matrix.forEach((row, i) => {
    const merged = {};
    for (const d of rbac.defaults) {
      if (d.match.methods && !d.match.methods.includes(row.method)) continue;
      if (d.match.path && !globMatches(d.match.path, row.path)) continue;
      Object.assign(merged, d.expect);
    }
    for (const who of Object.keys(row.expect))
      if (!known(who))
        problems.push({
          path: `rbac.matrix[${i}].expect.${who}`,
          message: `identity "${who}" is not defined under identities`
        });
    Object.assign(merged, row.expect);
    const placeholders = placeholdersOf(row.path, row.body);
    for (const p of placeholders)
      if (!(p in rbac.fixtures))
        problems.push({
          path: `rbac.matrix[${i}].path`,
          message: `placeholder {${p}} has no entry under rbac.fixtures`
        });
    for (const [identity, expected] of Object.entries(merged)) {
      let id = `${identity} ${row.method} ${row.path}${row.name ? ` (${row.name})` : ""}`;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id += ` #${n}`;
      cells.push({
        id,
        row: i,
        identity,
        method: row.method,
        path: row.path,
        body: row.body,
        headers: row.headers,
        expected,
        write: WRITE_METHODS.has(row.method),
        placeholders,
        cleanup: row.cleanup
      });
    }
  });
  rbac.ownership.forEach((o, i) => {
    for (const [key, who] of [["owner", o.owner], ...o.others.map((w, j) => [`others[${j}]`, w])])
      if (!known(who))
        problems.push({
          path: `rbac.ownership[${i}].${key}`,
          message: `identity "${who}" is not defined under identities`
        });
  });
  rbac.matrix.forEach((row, i) => {
    if (row.cleanup && !known(row.cleanup.identity))
      problems.push({
        path: `rbac.matrix[${i}].cleanup.identity`,
        message: `identity "${row.cleanup.identity}" is not defined under identities`
      });
  });
  for (const [name, f] of Object.entries(rbac.fixtures)) {
    if (typeof f !== "object") continue;
    for (const [key, req] of [
      ["create", f.create],
      ["cleanup", f.cleanup]
    ])
      if (req && !known(req.identity))
        problems.push({
          path: `rbac.fixtures.${name}.${key}.identity`,
          message: `identity "${req.identity}" is not defined under identities`
        });
  }
  if (problems.length) throw new ConfigError(problems);
  return cells;
}

// src/checks/rbac/bounded-pool.ts
async function runBounded(items, concurrency, deadline, signal, work) {
  let next = 0;
  let stoppedBy;
  let failure;
  const notRun = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (failure) continue;
      if (signal.aborted || Date.now() >= deadline) {
        stoppedBy ??= signal.aborted ? "aborted" : "deadline";
        notRun.push(item);
        continue;
      }
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
  return { notRun, stoppedBy };
}

// src/checks/rbac/probe-cells.ts
function failedCell(base, err) {
  if (err instanceof LoginFailedError || err instanceof FixtureError)
    return { ...base, status: null, verdict: "error", reason: err.message };
  const why = requestFailureReason(err);
  if (!why) return void 0;
  const gone = targetGone(err);
  return {
    ...base,
    status: null,
    verdict: "error",
    reason: gone ? err.message : why,
    failure: gone ? "target-gone" : "no-answer"
  };
}
function skippedCell(cell, reason, source = "matrix") {
  return {
    ...pick(cell),
    expected: describeExpectation(cell.expected),
    status: null,
    verdict: "skipped",
    reason,
    source
  };
}
function loginSkippedCell(cell, err, source = "matrix") {
  return {
    ...skippedCell(cell, `login failed: identity "${err.identity}" could not log in: ${err.why}`, source),
    loginFailed: err.identity
  };
}
function pick(c) {
  return { id: c.id, identity: c.identity, method: c.method, path: c.path };
}
async function probeOnce(client, cell, request, source) {
  return (await probeOnceWithBody(client, cell, request, source)).result;
}
async function probeOnceWithBody(client, cell, request, source) {
  const base = { ...pick(cell), expected: describeExpectation(cell.expected), source };
  try {
    const res = await client.send(cell.identity, { method: cell.method, ...request });
    const verdict = res.timedOut ? "unexpected" : classifyCell(cell.expected, res.status);
    const result = {
      ...base,
      status: res.status,
      verdict,
      ms: Math.round(res.ms * 10) / 10,
      ...res.timedOut ? { reason: "timed out" } : {}
    };
    return { result, json: res.json };
  } catch (err) {
    if (err instanceof LoginFailedError) return { result: loginSkippedCell(cell, err, source) };
    const failed2 = failedCell(base, err);
    if (failed2) return { result: failed2 };
    throw err;
  }
}
async function probeCells(cells, opts) {
  const results = /* @__PURE__ */ new Map();
  const runnable = [];
  for (const cell of cells) {
    const destructive = cell.write || opts.fixtures.needsCreation(cell.placeholders);
    if (destructive && !opts.destructive.allowed)
      results.set(cell.id, skippedCell(cell, `destructive probe not run: ${opts.destructive.reason}`));
    else runnable.push(cell);
  }
  const phases = [
    runnable.filter((c) => !c.write),
    runnable.filter((c) => c.write && c.method !== "DELETE"),
    runnable.filter((c) => c.method === "DELETE")
  ];
  for (const phase of phases) {
    const { notRun, stoppedBy } = await runBounded(
      phase,
      opts.concurrency,
      opts.deadline,
      opts.signal,
      async (cell) => {
        results.set(cell.id, await probeCell(cell, opts));
      }
    );
    for (const cell of notRun)
      results.set(
        cell.id,
        skippedCell(
          cell,
          stoppedBy === "aborted" ? "not run: the run was aborted" : "not run: rbac.max-duration reached"
        )
      );
  }
  return cells.map((c) => results.get(c.id));
}
async function probeCell(cell, opts) {
  let lease;
  try {
    lease = await opts.fixtures.acquire(cell.placeholders);
  } catch (err) {
    if (err instanceof LoginFailedError) return loginSkippedCell(cell, err);
    const failed2 = failedCell(
      { ...pick(cell), expected: describeExpectation(cell.expected), source: "matrix" },
      err
    );
    if (failed2) return failed2;
    throw err;
  }
  try {
    const { result, json } = await probeOnceWithBody(
      opts.client,
      cell,
      {
        path: fillTemplate(cell.path, lease.values),
        body: fillBody(cell.body, lease.values),
        headers: cell.headers
      },
      "matrix"
    );
    if (cell.cleanup && result.status !== null && result.status >= 200 && result.status < 300)
      await opts.fixtures.cleanupCreated(
        `matrix:${cell.id}`,
        cell.identity,
        cell.cleanup,
        json,
        lease.values
      );
    return result;
  } finally {
    await lease.release();
  }
}

// src/checks/rbac/ownership-probe.ts
var attemptMethod = { read: "GET", update: "PUT", delete: "DELETE" };
function ownershipCells(p) {
  const label = ownershipLabel(p);
  const cells = [
    {
      id: `${p.owner} GET ${p.resource} ${label}`,
      identity: p.owner,
      method: "GET",
      path: p.resource,
      expected: "2xx"
    }
  ];
  for (const attempt of ["read", "update", "delete"].filter((a) => p.try.includes(a))) {
    const method = attempt === "update" ? p["update-method"] : attemptMethod[attempt];
    for (const other of p.others)
      cells.push({
        id: `${other} ${method} ${p.resource} ${label}`,
        identity: other,
        method,
        path: p.resource,
        expected: p.expect,
        body: attempt === "update" ? p["update-body"] ?? {} : void 0
      });
  }
  return cells;
}
async function runOwnershipProbe(client, p, opts) {
  const cells = ownershipCells(p);
  if (!opts.destructive.allowed)
    return cells.map(
      (c) => skippedCell(c, `destructive probe not run: ${opts.destructive.reason}`, "ownership")
    );
  if (opts.signal.aborted || Date.now() >= opts.deadline) {
    const why = opts.signal.aborted ? "not run: the run was aborted" : "not run: rbac.max-duration reached";
    return cells.map((c) => skippedCell(c, why, "ownership"));
  }
  let base;
  let created;
  try {
    const names = placeholdersOf(
      JSON.stringify([p.create, p.resource, p.lookup, p.cleanup, p["update-body"]])
    );
    base = { ...opts.statics, run: opts.runId, ...await opts.captures.valuesFor(names) };
    created = await createAndFind(client, p, base);
  } catch (err) {
    if (err instanceof LoginFailedError) return cells.map((c) => loginSkippedCell(c, err, "ownership"));
    if (err instanceof FixtureError) return cells.map((c) => failed(c, `${p.name}: ${err.message}`));
    const cellsFailed = cells.map(
      (c) => failedCell(
        { ...pickOwnership(c), expected: describeExpectation(c.expected), source: "ownership" },
        err
      )
    );
    if (cellsFailed.every((c) => c !== void 0)) return cellsFailed;
    throw err;
  }
  if (!created.id) {
    if (created.why?.includes("answered 2"))
      opts.created.push({
        fixture: `ownership:${p.name}`,
        id: "?",
        createdBy: p.owner,
        cleanup: "failed",
        answer: created.why
      });
    return cells.map((c) => failed(c, `${p.name}: ${created.why}; nothing to probe`));
  }
  const id = created.id;
  const record = {
    fixture: `ownership:${p.name}`,
    id,
    createdBy: p.owner,
    cleanup: "pending"
  };
  opts.created.push(record);
  const values = { ...base, id };
  const results = [];
  try {
    for (const c of cells) {
      if (opts.signal.aborted || Date.now() >= opts.deadline) {
        results.push(
          skippedCell(
            c,
            opts.signal.aborted ? "not run: the run was aborted" : "not run: rbac.max-duration reached",
            "ownership"
          )
        );
        continue;
      }
      results.push(
        await probeOnce(
          client,
          c,
          { path: fillTemplate(c.path, values), body: fillBody(c.body, values) },
          "ownership"
        )
      );
    }
  } finally {
    const cleanup = p.cleanup ?? { method: "DELETE", path: p.resource };
    await sendCleanup(client, p.owner, cleanup, values, record);
  }
  return results;
}
function pickOwnership(c) {
  return { id: c.id, identity: c.identity, method: c.method, path: c.path };
}
function failed(c, reason) {
  return {
    id: c.id,
    identity: c.identity,
    method: c.method,
    path: c.path,
    expected: describeExpectation(c.expected),
    status: null,
    verdict: "error",
    reason,
    source: "ownership"
  };
}
var idOf = (v) => typeof v === "string" || typeof v === "number" ? String(v) : void 0;
async function createAndFind(client, p, values) {
  const res = await client.send(p.owner, {
    method: p.create.method,
    path: fillTemplate(p.create.path, values),
    body: fillBody(p.create.body, values),
    headers: p.create.headers
  });
  const what = `create ${p.create.method} ${p.create.path} as ${p.owner}`;
  if (res.status < 200 || res.status >= 300) return { why: `${what} answered ${answerText(res)}` };
  const fromBody = idOf(readJsonPath(res.json, p["id-path"]));
  if (fromBody) return { id: fromBody };
  const location = res.headers.get("location");
  const fromLocation = location ? new URL(location, "http://x").pathname.split("/").filter(Boolean).at(-1) : void 0;
  if (fromLocation) return { id: decodeURIComponent(fromLocation) };
  if (!p.lookup)
    return {
      why: `${what} answered ${res.status} with no id at ${p["id-path"]} and no Location; configure lookup`
    };
  const found = await client.send(p.owner, { method: "GET", path: fillTemplate(p.lookup.path, values) });
  const id = found.status >= 200 && found.status < 300 ? idOf(readJsonPath(found.json, p.lookup["id-path"])) : void 0;
  return id ? { id } : {
    why: `${what} answered ${res.status}; lookup GET ${p.lookup.path} answered ${answerText(found)} with no id at ${p.lookup["id-path"]}`
  };
}

// src/checks/rbac/captures.ts
var capturePattern = /^([a-z0-9][a-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;
var CapturedValues = class {
  constructor(client) {
    this.client = client;
  }
  client;
  cache = /* @__PURE__ */ new Map();
  /** Values for every capture placeholder among `names`; other names are ignored. */
  async valuesFor(names) {
    const out = {};
    for (const name of names) {
      const m = capturePattern.exec(name);
      if (!m) continue;
      const values = await this.of(m[1]);
      if (values[m[2]] === void 0)
        throw new FixtureError(`{${name}}: identity "${m[1]}" has no capture "${m[2]}"`);
      out[name] = values[m[2]];
    }
    return out;
  }
  of(identity) {
    let p = this.cache.get(identity);
    if (!p) {
      p = this.read(identity);
      this.cache.set(identity, p);
    }
    return p;
  }
  async read(identity) {
    const id = this.client.identity(identity);
    if (id.kind !== "json-login" && id.kind !== "cookie-session") return {};
    const session = await this.client.session(identity);
    let json = session.loginJson;
    if (id["capture-from"]) {
      const res = await this.client.send(identity, { method: "GET", path: id["capture-from"] });
      if (res.status < 200 || res.status >= 300)
        throw new FixtureError(
          `captures of ${identity}: GET ${id["capture-from"]} answered ${answerText(res)}`
        );
      json = res.json;
    }
    const out = {};
    for (const [name, path3] of Object.entries(id.capture ?? {})) {
      const v = readJsonPath(json, path3);
      if (typeof v !== "string" && typeof v !== "number")
        throw new FixtureError(
          `captures of ${identity}: nothing at ${path3} in the ${id["capture-from"] ? `GET ${id["capture-from"]}` : "login"} response`
        );
      out[name] = String(v);
    }
    return out;
  }
};

// src/checks/rbac/rbac-check.ts
function cellThreshold(c) {
  const ok = c.verdict === "enforced" || c.verdict === "skipped";
  const detail = [
    c.verdict,
    c.ms !== void 0 ? `${c.ms} ms` : void 0,
    c.verdict !== "skipped" ? c.reason : void 0
  ].filter(Boolean).join(", ");
  return {
    name: c.id,
    limit: c.expected,
    actual: c.status,
    ok,
    ...c.verdict === "skipped" ? { skipped: c.reason ?? "skipped" } : {},
    detail
  };
}
async function runRbac(ctx) {
  const { config } = ctx;
  const cfg = config.rbac;
  if (!cfg)
    throw new ConfigError([{ path: "rbac", message: "required to run the rbac check (matrix, ownership)" }]);
  const evidence = startEvidence("rbac", config.target["base-url"], config.target.name);
  if (!cfg.enabled) {
    evidence.summary = "rbac is disabled (rbac.enabled: false)";
    return evidence;
  }
  const cells = planMatrix(cfg, config.identities);
  if (!cells.length && !cfg.ownership.length)
    throw new ConfigError([
      { path: "rbac.matrix", message: "nothing to probe: add matrix rows with expect, or ownership probes" }
    ]);
  assertAllowedHost(config.target, config.target["base-url"]);
  const previous = await previousRbacEvidence(ctx.store, ctx.outDir);
  const client = new TargetClient(config.target, config.identities, ctx.sessions, ctx.signal);
  const destructive = destructiveAllowed(config.target);
  const deadline = Date.now() + durationMs(cfg["max-duration"]);
  const fixtures = new FixtureManager(client, cfg.fixtures);
  const ownershipCreated = [];
  const captures = new CapturedValues(client);
  const runId = `run-${randomBytes(4).toString("hex")}`;
  const statics = Object.fromEntries(
    Object.entries(cfg.fixtures).flatMap(([k, v]) => typeof v === "object" ? [] : [[k, String(v)]])
  );
  const results = [];
  ctx.log(
    `rbac: ${cells.length} matrix cells, ${cfg.ownership.length} ownership probes${destructive.allowed ? "" : ` (destructive probes skipped: ${destructive.reason})`}`
  );
  try {
    results.push(
      ...await probeCells(cells, {
        client,
        fixtures,
        destructive,
        concurrency: cfg.concurrency,
        deadline,
        signal: ctx.signal
      })
    );
    for (const probe of cfg.ownership)
      results.push(
        ...await runOwnershipProbe(client, probe, {
          destructive,
          signal: ctx.signal,
          deadline,
          created: ownershipCreated,
          statics,
          captures,
          runId
        })
      );
  } finally {
    await fixtures.cleanupAll();
  }
  const created = [...fixtures.created, ...ownershipCreated];
  evidence.thresholds = results.map(cellThreshold);
  evidence.findings = [
    ...loginFailureFindings(results, client),
    ...leftBehindFindings(created),
    ...incompleteFindings(results)
  ];
  const count = (v) => results.filter((r) => r.verdict === v).length;
  const latencies = results.flatMap((r) => r.ms === void 0 ? [] : [r.ms]).sort((a, b) => a - b);
  evidence.metrics = {
    cells: results.length,
    enforced: count("enforced"),
    bypassed: count("bypassed"),
    unexpected: count("unexpected"),
    skipped: count("skipped"),
    errors: count("error"),
    "latency p50 ms": latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    "latency p95 ms": latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))] ?? 0,
    logins: client.loginCount,
    created: created.length
  };
  evidence.sections = [
    { title: "RBAC matrix", markdown: matrixGrid(results) },
    { title: "Records created by the probe", markdown: createdTable(created) }
  ];
  const data = { cells: results, created, destructive };
  if (cfg.openapi) await addOpenApiCoverage({ ctx, client, cells, results, evidence, data });
  let diff;
  if (previous) {
    diff = diffMatrix(previous.evidence, previous.source, results, previous.recordedAt);
    evidence.sections.push({ title: "Changes since the previous run", markdown: diffMarkdown(diff) });
    evidence.metrics["changed cells"] = diff.changes.length;
    data.diff = diff;
  }
  evidence.data = data;
  const gone = results.filter((r) => r.failure === "target-gone");
  const answered = results.filter((r) => r.status !== null).length;
  if (gone.length)
    evidence.error = {
      kind: "TargetUnreachableError",
      message: answered ? `target stopped answering: ${gone.length} of ${results.length} cells got no answer (first: ${gone[0].id}: ${gone[0].reason}); the ${answered} answered cells are kept` : gone[0].reason
    };
  const failedCells = results.filter(
    (r) => r.verdict === "bypassed" || r.verdict === "unexpected" || r.verdict === "error"
  );
  const notLoggedIn = [...new Set(results.flatMap((r) => r.loginFailed ? [r.loginFailed] : []))];
  evidence.summary = `${results.length} cells: ${count("enforced")} enforced, ${count("bypassed")} bypassed, ${count("unexpected")} unexpected, ${count("error")} errors, ${count("skipped")} skipped` + (failedCells.length ? `; first: ${failedCells[0].id} answered ${failedCells[0].status ?? "—"} (expected ${failedCells[0].expected})` : "") + (diff?.changes.length ? `; ${diff.changes.length} changed since the previous run` : "") + (notLoggedIn.length ? `; could not log in (tried once): ${notLoggedIn.join(", ")}` : "") + (ctx.signal.aborted ? "; run aborted" : "");
  return evidence;
}
function loginFailureFindings(results, client) {
  const skippedBy = /* @__PURE__ */ new Map();
  for (const r of results)
    if (r.loginFailed) skippedBy.set(r.loginFailed, (skippedBy.get(r.loginFailed) ?? 0) + 1);
  return [...skippedBy].map(([identity, skipped]) => ({
    fingerprint: fingerprintOf("rbac", "login-failed", identity),
    severity: "high",
    title: `identity "${identity}" could not log in: ${skipped} cells skipped`,
    detail: `The login ${client.loginFailure(identity)?.why ?? "failed"}. It was tried once for the whole run so the account is not locked out; fix the credentials or the login request.`,
    location: `identities.${identity}`,
    ruleId: "rbac-login-failed"
  }));
}
async function addOpenApiCoverage(input) {
  try {
    await openApiCoverage(input);
  } catch (err) {
    const why = requestFailureReason(err);
    if (!why) throw err;
    input.evidence.findings.push({
      fingerprint: fingerprintOf("rbac", "openapi-incomplete"),
      severity: "medium",
      title: `OpenAPI coverage not completed: ${why}`,
      detail: "A request of the coverage pass got no answer; the matrix cells were kept.",
      ruleId: "rbac-incomplete"
    });
    input.data.openapi = { error: why };
  }
}
async function openApiCoverage({
  ctx,
  client,
  cells,
  results,
  evidence,
  data
}) {
  const cfg = ctx.config.rbac;
  const openapi = cfg.openapi;
  const ops = operationsOf(await loadOpenApi(openapi, ctx.configDir, client));
  const probed = new Set(cells.map((c) => endpointKey(c.method, c.path)));
  for (const o of cfg.ownership) {
    probed.add(endpointKey(o.create.method, o.create.path));
    for (const m of ["GET", o["update-method"], "DELETE"]) probed.add(endpointKey(m, o.resource));
  }
  const statics = Object.fromEntries(
    Object.entries(cfg.fixtures).flatMap(([k, v]) => typeof v === "object" ? [] : [[k, String(v)]])
  );
  const coverage = await openApiFindings(ops, probed, results, {
    client,
    statics,
    probeAnonymous: openapi["probe-anonymous"],
    signal: ctx.signal
  });
  evidence.findings.push(...coverage.findings);
  evidence.metrics["openapi operations"] = ops.length;
  evidence.metrics["openapi uncovered"] = coverage.uncovered.length;
  data.openapi = {
    operations: ops.length,
    uncovered: coverage.uncovered,
    openToAnonymous: coverage.openToAnonymous
  };
}
function incompleteFindings(results) {
  const notRun = results.filter((r) => r.verdict === "skipped" && r.reason?.startsWith("not run:"));
  if (!notRun.length) return [];
  return [
    {
      fingerprint: fingerprintOf("rbac", "incomplete"),
      severity: "medium",
      title: `rbac matrix incomplete: ${notRun.length} of ${results.length} cells not probed`,
      detail: `${notRun[0].reason.replace(/^not run: /, "")}; first cell not probed: ${notRun[0].id}.`,
      ruleId: "rbac-incomplete",
      solution: "Raise rbac.max-duration or rbac.concurrency, or split the matrix."
    }
  ];
}
function leftBehindFindings(created) {
  return created.filter((r) => r.cleanup === "failed" || r.cleanup === "no-cleanup-request").map((r) => ({
    fingerprint: fingerprintOf("rbac", "left-behind", r.fixture),
    severity: "medium",
    title: `probe record ${r.fixture} #${r.id} was not deleted`,
    detail: r.cleanup === "failed" ? `${r.answer ? `The cleanup answered ${r.answer}` : `The cleanup request answered ${r.cleanupStatus ?? "nothing"}`}; delete the record by hand.` : "The fixture has no cleanup request; add one so probes leave nothing behind.",
    location: `${r.fixture} #${r.id}`,
    ruleId: "rbac-cleanup"
  }));
}
var rbacCheck = {
  name: "rbac",
  description: "RBAC matrix, ownership (IDOR) and OpenAPI coverage probes: the exact status per identity",
  run: runRbac
};

export {
  cellThreshold,
  runRbac,
  rbacCheck
};
