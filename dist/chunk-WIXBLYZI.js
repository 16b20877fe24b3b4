import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  niceCeiling
} from "./chunk-GP73ULPT.js";
import {
  compareValues
} from "./chunk-ZFHDOI2C.js";
import {
  esm_default
} from "./chunk-QRYG3CMW.js";
import {
  TargetClient,
  assertAllowedHost,
  destructiveAllowed,
  httpRequest,
  isAllowedHost
} from "./chunk-NRWEKI4R.js";
import {
  formatDuration
} from "./chunk-YILOGUBB.js";
import {
  fingerprintOf
} from "./chunk-3ZMT66VX.js";
import {
  untrustedCell
} from "./chunk-QAYL33UC.js";
import {
  startEvidence
} from "./chunk-NHLNGWDM.js";
import {
  describeAction
} from "./chunk-KAEF76QS.js";
import {
  ConfigError,
  describeCause
} from "./chunk-OSGOEP7K.js";
import {
  durationMs,
  redact
} from "./chunk-MLKP6OQN.js";

// src/checks/fault/judge.ts
function statusMatches(status, m) {
  if (typeof m === "number") return status === m;
  const cls = Number(m[0]);
  return status >= cls * 100 && status < cls * 100 + 100;
}
function missedExpectation(s, e) {
  if (s.status === 0) return s.timedOut ? "timeout" : s.error ?? "no answer";
  if (!e.status.some((m) => statusMatches(s.status, m))) return `status ${s.status}`;
  if (e["retry-after"] && (s.status < 200 || s.status > 299) && !s.retryAfter)
    return `${s.status} without Retry-After`;
  if (e["max-latency"] !== void 0 && s.ms > durationMs(e["max-latency"])) return "too slow";
  return void 0;
}
function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
}

// src/checks/fault/consistency.ts
var SQL_TIMEOUT_MS = 1e4;
async function checkConsistency(checks, opts) {
  const client = new TargetClient(opts.target, opts.identities);
  const out = [];
  for (const c of checks) out.push("http" in c ? await httpCheck(c, client) : await sqlCheck(c));
  return out;
}
async function httpCheck(c, client) {
  const h = c.http;
  const expected = `GET ${h.path} → ${h["expect-status"].join("|")}${h["body-contains"] ? ` containing ${JSON.stringify(h["body-contains"])}` : ""}`;
  try {
    const res = await client.send(h.identity, { method: "GET", path: h.path });
    const statusOk = h["expect-status"].some((m) => statusMatches(res.status, m));
    const bodyOk = h["body-contains"] === void 0 || res.text.includes(h["body-contains"]);
    return {
      name: c.name,
      kind: "http",
      ok: statusOk && bodyOk,
      expected,
      actual: res.timedOut ? "timeout" : `${res.status}${bodyOk ? "" : ", body without the expected text"}`
    };
  } catch (err) {
    return { name: c.name, kind: "http", ok: false, expected, actual: describeCause(err) };
  }
}
async function sqlCheck(c) {
  const { query, expect } = c.sql;
  const expected = `${expect.op} ${String(expect.value)}`;
  const db = new esm_default.Client({
    connectionString: c.sql.url,
    connectionTimeoutMillis: SQL_TIMEOUT_MS,
    statement_timeout: SQL_TIMEOUT_MS
  });
  try {
    await db.connect();
    const { rows } = await db.query(query);
    const first = rows[0] ? Object.values(rows[0])[0] : void 0;
    const ok = first !== void 0 && compareValues(first, expect.op, expect.value);
    return {
      name: c.name,
      kind: "sql",
      ok,
      expected,
      actual: first === void 0 ? "no row" : String(first)
    };
  } catch (err) {
    return { name: c.name, kind: "sql", ok: false, expected, actual: `query failed: ${describeCause(err)}` };
  } finally {
    await db.end().catch(() => void 0);
  }
}

// src/checks/fault/measure.ts
var PHASES = ["before", "during", "recovering", "after"];
function budgetPhase(p) {
  return p === "recovering" ? "during" : p;
}
function phaseOf(x, m) {
  const sentAt = x.sentAt;
  if (m.injectStart === void 0 || sentAt + x.ms < m.injectStart) return "before";
  if (m.recoverStart === void 0 || sentAt < m.recoverStart) return "during";
  if (m.recoveredAt === void 0 || sentAt < m.recoveredAt) return "recovering";
  return "after";
}
function expectationFor(s, endpoint, phase) {
  const e = s.probe.endpoints.find((x) => x.name === endpoint);
  return e.expect[budgetPhase(phase)];
}
function showsFault(s, x) {
  const withDetect = s.probe.endpoints.filter((e2) => e2.detect);
  if (!withDetect.length) return missedExpectation(x, expectationFor(s, x.endpoint, "before")) !== void 0;
  const e = withDetect.find((d) => d.name === x.endpoint);
  return !!e && e.detect.status.some((m) => statusMatches(x.status, m));
}
function measureScenario(run) {
  const { scenario: s, marks: m, samples } = run;
  let ttdMs = null;
  if (m.injectStart !== void 0 && run.inject?.ok) {
    const first = samples.filter((x) => phaseOf(x, m) === "during" && showsFault(s, x)).sort((a, b) => a.sentAt + a.ms - (b.sentAt + b.ms))[0];
    if (first) ttdMs = Math.max(0, first.sentAt + first.ms - m.injectStart);
  }
  const ttrMs = m.recoveredAt !== void 0 && m.recoverStart !== void 0 ? Math.max(0, m.recoveredAt - m.recoverStart) : null;
  const stats = /* @__PURE__ */ new Map();
  const spent = {
    before: { probes: 0, outside: 0, share: null },
    during: { probes: 0, outside: 0, share: null },
    after: { probes: 0, outside: 0, share: null }
  };
  for (const x of samples) {
    const phase = phaseOf(x, m);
    const key = `${x.endpoint}\0${phase}`;
    let st = stats.get(key);
    if (!st) {
      st = {
        endpoint: x.endpoint,
        phase,
        probes: 0,
        outside: 0,
        misses: {},
        statuses: {},
        p95: null,
        maxMs: null,
        latencies: []
      };
      stats.set(key, st);
    }
    st.probes++;
    const answer = x.status ? String(x.status) : x.timedOut ? "timeout" : "no answer";
    st.statuses[answer] = (st.statuses[answer] ?? 0) + 1;
    if (x.status) st.latencies.push(x.ms);
    const miss = missedExpectation(x, expectationFor(s, x.endpoint, phase));
    const b = spent[budgetPhase(phase)];
    b.probes++;
    if (miss) {
      st.outside++;
      st.misses[miss] = (st.misses[miss] ?? 0) + 1;
      b.outside++;
    }
  }
  for (const b of Object.values(spent)) b.share = b.probes ? b.outside / b.probes : null;
  const out = [];
  for (const { latencies, ...st } of stats.values()) {
    out.push({
      ...st,
      p95: percentile(latencies, 95),
      maxMs: latencies.length ? Math.max(...latencies) : null
    });
  }
  out.sort(
    (a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.endpoint.localeCompare(b.endpoint)
  );
  return { ttdMs, ttrMs, spent, stats: out };
}

// src/checks/fault/timeline-markdown.ts
var MAX_BINS = 40;
function actionLine(label, a) {
  if (!a) return `${label}: not run`;
  const how = a.status !== void 0 ? `answered ${a.status}` : `exit ${a.exitCode ?? a.signal ?? "?"}`;
  return `${label}: \`${untrustedCell(a.description, 500)}\` — ${a.ok ? how : `**failed** (${untrustedCell(a.error ?? how)})`} in ${formatDuration(a.ms)}`;
}
var ms = (v) => v === null ? "—" : formatDuration(v);
function scenarioMarkdown(run, m, consistency) {
  const s = run.scenario;
  const lines = [
    actionLine("Inject", run.inject),
    "",
    actionLine("Recover", run.recover),
    ...run.interrupted ? ["", `**Interrupted** (${untrustedCell(run.interrupted)}); recover ran before opsgate stopped.`] : [],
    "",
    "| Measure | Limit | Actual |",
    "|---|---|---|",
    `| time to detect | ${s["detect-within"]} | ${ms(m.ttdMs)} |`,
    `| time to recover | ${s["recover-within"]} | ${ms(m.ttrMs)} |`,
    ...["before", "during", "after"].map((p) => {
      const b = m.spent[p];
      return `| error budget ${p} | ${Math.round(s["error-budget"][p] * 100)} % | ${b.share === null ? "—" : `${(b.share * 100).toFixed(1)} % (${b.outside}/${b.probes})`} |`;
    }),
    "",
    "| Phase | Endpoint | Probes | Answers | Outside expectation | p95 |",
    "|---|---|---:|---|---|---:|",
    ...m.stats.map(
      (x) => `| ${x.phase} | ${untrustedCell(x.endpoint)} | ${x.probes} | ${Object.entries(x.statuses).map(([k, v]) => `${k} ×${v}`).join(", ")} | ${x.outside ? untrustedCell(
        Object.entries(x.misses).map(([k, v]) => `${k} ×${v}`).join(", ")
      ) : "—"} | ${ms(x.p95)} |`
    )
  ];
  if (consistency.length) {
    lines.push("", "| Consistency after recovery | Expected | Actual | |", "|---|---|---|---|");
    for (const c of consistency)
      lines.push(
        `| ${untrustedCell(c.name)} | ${untrustedCell(c.expected)} | ${untrustedCell(c.actual)} | ${c.ok ? "✅" : "❌"} |`
      );
  }
  const chart = timelineChart(run);
  if (chart) lines.push("", chart);
  return lines.join("\n");
}
function timelineChart(run) {
  const { samples, marks } = run;
  if (!samples.length) return void 0;
  const span = Math.max(marks.end, ...samples.map((x) => x.sentAt)) + 1;
  const bin = Math.max(250, Math.ceil(span / MAX_BINS / 250) * 250);
  const bins = Math.ceil(span / bin);
  const worst = new Array(bins).fill(0);
  const bad = new Array(bins).fill(0);
  for (const x of samples) {
    const i = Math.min(bins - 1, Math.floor(x.sentAt / bin));
    worst[i] = Math.max(worst[i], Math.round(x.ms));
    if (x.status < 200 || x.status > 299) bad[i]++;
  }
  const labels = Array.from({ length: bins }, (_, i) => {
    const from = i * bin;
    const mark = (t, name) => t !== void 0 && t >= from && t < from + bin ? ` ${name}` : "";
    return `${(from / 1e3).toFixed(1)}s${mark(marks.injectStart, "inject")}${mark(marks.recoverStart, "recover")}${mark(marks.recoveredAt, "healthy")}`;
  });
  const top = niceCeiling(Math.max(1, ...worst, ...bad) * 1.1);
  const phases = [...new Set(samples.map((x) => phaseOf(x, marks)))].join(" → ");
  return [
    "```mermaid",
    "xychart-beta",
    `  title "probe timeline (${phases})"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `  y-axis "ms / answers outside 2xx" 0 --> ${top}`,
    `  bar [${bad.join(", ")}]`,
    `  line [${worst.join(", ")}]`,
    "```",
    "",
    `Bars: answers outside 2xx per ${formatDuration(bin)}; line: slowest answer (ms). Marks: inject, recover, healthy (first of the K healthy rounds).`
  ].join("\n");
}

// src/checks/fault/fault-evidence.ts
var CHECK = "fault";
function finding(parts, f) {
  return { fingerprint: fingerprintOf(CHECK, ...parts), ...f };
}
function recovered(run) {
  return run.recover === void 0 || run.recover.ok && run.marks.recoveredAt !== void 0;
}
function actionData(a) {
  if (!a) return null;
  return { ...a, startedAt: Math.round(a.startedAt), ms: Math.round(a.ms) };
}
function addScenarioToEvidence(e, run, m, consistency) {
  const s = run.scenario;
  const n = s.name;
  const injected = run.inject?.ok === true;
  const skip = (why) => ({ skipped: why });
  e.thresholds.push({
    name: `${n}: time to detect`,
    limit: durationMs(s["detect-within"]),
    actual: m.ttdMs === null ? null : Math.round(m.ttdMs),
    ok: injected ? m.ttdMs !== null && m.ttdMs <= durationMs(s["detect-within"]) : true,
    unit: "ms",
    ...run.inject === void 0 ? skip("interrupted before inject") : injected ? {
      detail: m.ttdMs === null ? "no probe showed the fault" : "inject start → first answer showing the fault"
    } : skip("inject failed; the fault was never in place")
  });
  e.thresholds.push({
    name: `${n}: time to recover`,
    limit: durationMs(s["recover-within"]),
    actual: m.ttrMs === null ? null : Math.round(m.ttrMs),
    ok: run.recover === void 0 ? true : m.ttrMs !== null && m.ttrMs <= durationMs(s["recover-within"]),
    unit: "ms",
    ...run.recover === void 0 ? skip("nothing was injected") : {
      detail: m.ttrMs === null ? `no ${s.probe["healthy-after"]} consecutive healthy rounds within ${s.probe.phases["recovery-timeout"]} of recover` : `recover start → first of ${s.probe["healthy-after"]} consecutive healthy rounds`
    }
  });
  for (const phase of ["before", "during", "after"]) {
    const b = m.spent[phase];
    const limit = s["error-budget"][phase];
    const misses = m.stats.filter((x) => budgetPhase(x.phase) === phase && x.outside).map(
      (x) => `${x.endpoint}: ${Object.entries(x.misses).map(([k, v]) => `${k} ×${v}`).join(", ")}`
    );
    e.thresholds.push({
      name: `${n}: error budget ${phase}`,
      limit,
      actual: b.share === null ? null : Math.round(b.share * 1e3) / 1e3,
      ok: b.share === null || b.share <= limit,
      ...b.share === null ? skip(`no probes in the ${phase} phase`) : {
        detail: `${b.outside}/${b.probes} probes outside expectations${misses.length ? ` — ${misses.join("; ")}` : ""}`
      }
    });
  }
  for (const ep2 of s.probe.endpoints) {
    for (const phase of ["before", "during", "after"]) {
      const limit = ep2.expect[phase].p95;
      if (limit === void 0) continue;
      const lat = m.stats.filter((x) => x.endpoint === ep2.name && budgetPhase(x.phase) === phase);
      const p95 = lat.length ? Math.max(...lat.map((x) => x.p95 ?? 0)) : null;
      e.thresholds.push({
        name: `${n}: p95 ${ep2.name} ${phase}`,
        limit: durationMs(limit),
        actual: p95 === null ? null : Math.round(p95),
        ok: p95 === null || p95 <= durationMs(limit),
        unit: "ms",
        ...p95 === null ? skip(`no answers in the ${phase} phase`) : {}
      });
    }
  }
  for (const c of consistency)
    e.thresholds.push({ name: `${n}: consistency ${c.name}`, limit: c.expected, actual: c.actual, ok: c.ok });
  if (run.inject && !run.inject.ok)
    e.findings.push(
      finding([n, "inject-failed"], {
        severity: "high",
        title: `${n}: inject failed (${run.inject.error ?? "unknown"})`,
        detail: `${run.inject.description}

${run.inject.output || "(no output)"}`,
        location: run.inject.description,
        solution: "Fix the inject action: the drill measured nothing while the fault was not in place."
      })
    );
  if (run.recover && !run.recover.ok)
    e.findings.push(
      finding([n, "recover-failed"], {
        severity: "critical",
        title: `${n}: recover failed (${run.recover.error ?? "unknown"}) — the dependency may still be broken`,
        detail: `${run.recover.description}

${run.recover.output || "(no output)"}`,
        location: run.recover.description,
        solution: `Repair by hand now: ${run.recover.description}`
      })
    );
  else if (run.recover && run.marks.recoveredAt === void 0 && !run.interrupted)
    e.findings.push(
      finding([n, "no-recovery"], {
        severity: "critical",
        title: `${n}: the target did not recover after recover succeeded`,
        detail: `No ${s.probe["healthy-after"]} consecutive rounds met expect.after within ${s.probe.phases["recovery-timeout"]}. The dependency is back; the service is not (no reconnect, a stuck circuit breaker, a poisoned cache?).`,
        solution: "Restart the service and make it reconnect to its dependencies on its own."
      })
    );
  const ep = e.data?.scenarios ?? [];
  e.data = {
    ...e.data,
    scenarios: [
      ...ep,
      {
        name: n,
        startedAt: run.startedAt,
        marks: Object.fromEntries(Object.entries(run.marks).map(([k, v]) => [k, Math.round(v)])),
        inject: actionData(run.inject),
        recover: actionData(run.recover),
        ttdMs: m.ttdMs === null ? null : Math.round(m.ttdMs),
        ttrMs: m.ttrMs === null ? null : Math.round(m.ttrMs),
        detectWithinMs: durationMs(s["detect-within"]),
        recoverWithinMs: durationMs(s["recover-within"]),
        errorBudget: m.spent,
        phases: m.stats,
        consistency,
        rounds: run.rounds,
        skippedRounds: run.skippedRounds,
        probes: run.samples.length,
        ...run.interrupted ? { interrupted: run.interrupted } : {},
        timeline: run.samples.map((x) => [Math.round(x.sentAt), x.endpoint, x.status, Math.round(x.ms)])
      }
    ]
  };
  if (m.ttdMs !== null) e.metrics[`${n}.ttdMs`] = Math.round(m.ttdMs);
  if (m.ttrMs !== null) e.metrics[`${n}.ttrMs`] = Math.round(m.ttrMs);
  e.metrics[`${n}.probes`] = run.samples.length;
  e.sections = [
    ...e.sections ?? [],
    { title: `Fault scenario: ${n}`, markdown: scenarioMarkdown(run, m, consistency) }
  ];
}

// src/checks/fault/preflight.ts
function faultPreflight(config) {
  const problems = [];
  const scenarios = config.fault?.scenarios ?? [];
  const identities = /* @__PURE__ */ new Set(["anonymous", ...Object.keys(config.identities)]);
  scenarios.forEach((s, i) => {
    const at = `fault.scenarios[${i}]`;
    for (const [key, action] of [
      ["inject", s.inject],
      ["recover", s.recover]
    ]) {
      if ("command" in action) {
        action.command.forEach((arg, j) => {
          if (redact(arg) !== arg)
            problems.push({
              path: `${at}.${key}.command[${j}]`,
              message: `carries a secret (a \${ENV} value or a password); pass it through ${key}.env instead of argv`
            });
        });
      } else if (!isAllowedHost(config.target, action.http.url))
        problems.push({
          path: `${at}.${key}.http.url`,
          message: `${new URL(action.http.url).hostname} is not in target.allow-hosts`
        });
    }
    s.probe.endpoints.forEach((e, j) => {
      if (!identities.has(e.identity))
        problems.push({
          path: `${at}.probe.endpoints[${j}].identity`,
          message: `identity "${e.identity}" is not defined under identities`
        });
    });
    s.consistency.forEach((c, j) => {
      if ("http" in c && !identities.has(c.http.identity))
        problems.push({
          path: `${at}.consistency[${j}].http.identity`,
          message: `identity "${c.http.identity}" is not defined under identities`
        });
    });
  });
  return problems;
}

// src/checks/fault/scenario-run.ts
import { setTimeout as sleep } from "node:timers/promises";

// src/checks/fault/fault-action.ts
import { spawn } from "node:child_process";
import path from "node:path";
var OUTPUT_TAIL = 2e3;
var KILL_GRACE_MS = 3e3;
async function runFaultAction(action, opts) {
  const startedAt = opts.clock();
  const description = describeAction(action);
  const base = { description, startedAt };
  if ("command" in action) {
    const r = await runCommand(action, opts.configDir);
    return { ...base, ...r, ms: opts.clock() - startedAt };
  }
  assertAllowedHost(opts.target, action.http.url);
  try {
    const res = await httpRequest({
      method: action.http.method,
      url: action.http.url,
      headers: action.http.headers,
      body: action.http.body,
      timeoutMs: durationMs(action.timeout)
    });
    const ok = !res.timedOut && action.http["expect-status"].some((m) => statusMatches(res.status, m));
    return {
      ...base,
      ok,
      status: res.status,
      timedOut: Boolean(res.timedOut),
      output: res.text.slice(-OUTPUT_TAIL),
      ms: opts.clock() - startedAt,
      ...ok ? {} : { error: res.timedOut ? "timed out" : `answered ${res.status}` }
    };
  } catch (err) {
    return {
      ...base,
      ok: false,
      timedOut: false,
      output: "",
      error: describeCause(err),
      ms: opts.clock() - startedAt
    };
  }
}
function runCommand(a, configDir) {
  return new Promise((resolve) => {
    const [program, ...args] = a.command;
    let output = "";
    let timedOut = false;
    const child = spawn(program, args, {
      cwd: path.resolve(configDir, a.cwd ?? "."),
      env: { ...process.env, ...a.env },
      shell: false,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    });
    const keep = (chunk) => {
      output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const killGroup = (sig) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
      }
    };
    let hardKill;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      hardKill = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
    }, durationMs(a.timeout));
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ ok: false, timedOut: false, output, exitCode: null, error: describeCause(err) });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      const ok = !timedOut && code !== null && a["expect-exit"].includes(code);
      resolve({
        ok,
        exitCode: code,
        signal,
        timedOut,
        output,
        ...ok ? {} : { error: timedOut ? `timed out after ${durationMs(a.timeout)} ms` : `exited ${code ?? signal}` }
      });
    });
  });
}

// src/checks/fault/probe-loop.ts
var MAX_IN_FLIGHT = 8;
var ProbeLoop = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  samples = [];
  skipped = 0;
  round = 0;
  inFlight = /* @__PURE__ */ new Set();
  done = /* @__PURE__ */ new Map();
  nextReported = 0;
  timer;
  stopped = false;
  startedAt = 0;
  start() {
    this.startedAt = this.opts.clock();
    this.tick();
  }
  /** Stop scheduling and wait for the rounds in flight (each bounded by the probe timeout). */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([...this.inFlight]);
  }
  get rounds() {
    return this.round;
  }
  tick() {
    if (this.stopped || this.round >= this.opts.maxRounds) return;
    const round = this.round++;
    if (this.inFlight.size >= MAX_IN_FLIGHT) {
      this.skipped++;
      this.done.set(round, []);
      this.report();
    } else {
      const p = this.probeRound(round).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    const next = this.startedAt + this.round * 1e3 / this.opts.rate;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - this.opts.clock()));
  }
  async probeRound(round) {
    const sentAt = this.opts.clock();
    const samples = await Promise.all(this.opts.endpoints.map((e) => this.probe(round, sentAt, e)));
    this.samples.push(...samples);
    this.done.set(round, samples);
    this.report();
  }
  report() {
    while (this.done.has(this.nextReported)) {
      const samples = this.done.get(this.nextReported);
      this.done.delete(this.nextReported);
      if (samples.length) this.opts.onRound?.(this.nextReported, samples);
      this.nextReported++;
    }
  }
  async probe(round, sentAt, e) {
    const base = { round, endpoint: e.name, sentAt };
    try {
      const res = await this.opts.client.send(e.identity, { method: e.method, path: e.path });
      return {
        ...base,
        ms: res.ms,
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        timedOut: Boolean(res.timedOut)
      };
    } catch (err) {
      return {
        ...base,
        ms: this.opts.clock() - sentAt,
        status: 0,
        retryAfter: null,
        timedOut: false,
        error: describeCause(err)
      };
    }
  }
};

// src/checks/fault/scenario-run.ts
async function wait(ms2, signal, until) {
  const end = performance.now() + ms2;
  while (!signal.aborted && !(until?.() ?? false) && performance.now() < end) {
    await sleep(Math.min(50, Math.max(0, end - performance.now())));
  }
}
async function runScenario(s, opts) {
  const p = s.probe;
  const client = new TargetClient({ ...opts.target, "timeout-ms": durationMs(p.timeout) }, opts.identities);
  for (const id of new Set(p.endpoints.map((e) => e.identity))) await client.session(id);
  const t0 = performance.now();
  const clock = () => performance.now() - t0;
  const marks = { end: 0 };
  const run = {
    scenario: s,
    startedAt: (/* @__PURE__ */ new Date()).toISOString(),
    marks,
    samples: [],
    rounds: 0,
    skippedRounds: 0
  };
  const byName = new Map(p.endpoints.map((e) => [e.name, e]));
  let streak = 0;
  let streakStart;
  const onRound = (_round, samples) => {
    if (marks.recoverStart === void 0 || marks.recoveredAt !== void 0) return;
    if (samples[0].sentAt < marks.recoverStart) return;
    const healthy = samples.every((x) => !missedExpectation(x, byName.get(x.endpoint).expect.after));
    if (!healthy) {
      streak = 0;
      streakStart = void 0;
      return;
    }
    streakStart ??= Math.max(...samples.map((x) => x.sentAt + x.ms));
    if (++streak >= p["healthy-after"]) marks.recoveredAt = streakStart;
  };
  const phaseMs = (k) => durationMs(p.phases[k]);
  const maxMs = phaseMs("before") + phaseMs("during") + phaseMs("after") + phaseMs("recovery-timeout") + durationMs(s.inject.timeout) + durationMs(s.recover.timeout);
  const loop = new ProbeLoop({
    client,
    endpoints: p.endpoints,
    rate: p.rate,
    maxRounds: Math.ceil(p.rate * maxMs / 1e3) + 1,
    clock,
    onRound
  });
  const action = { target: opts.target, configDir: opts.configDir, clock };
  const interrupted = () => {
    if (opts.signal.aborted) run.interrupted ??= String(opts.signal.reason?.message ?? "aborted");
    return opts.signal.aborted;
  };
  loop.start();
  try {
    await drive();
  } finally {
    await loop.stop();
  }
  marks.end = clock();
  run.samples = loop.samples.sort((a, b) => a.sentAt - b.sentAt || a.endpoint.localeCompare(b.endpoint));
  run.rounds = loop.rounds;
  run.skippedRounds = loop.skipped;
  return run;
  async function drive() {
    try {
      opts.log(`fault: ${s.name}: before (${p.phases.before})`);
      await wait(phaseMs("before"), opts.signal);
      if (!interrupted()) {
        opts.log(`fault: ${s.name}: inject`);
        marks.injectStart = clock();
        run.inject = await runFaultAction(s.inject, action);
        marks.injectEnd = clock();
        if (run.inject.ok) await wait(phaseMs("during"), opts.signal);
      }
    } finally {
      if (marks.injectStart !== void 0) {
        interrupted();
        opts.log(`fault: ${s.name}: recover`);
        marks.recoverStart = clock();
        run.recover = await runFaultAction(s.recover, action);
        marks.recoverEnd = clock();
      }
    }
    if (run.recover?.ok && !interrupted()) {
      opts.log(`fault: ${s.name}: waiting for ${p["healthy-after"]} healthy rounds`);
      await wait(phaseMs("recovery-timeout"), opts.signal, () => marks.recoveredAt !== void 0);
      if (marks.recoveredAt !== void 0 && !interrupted()) await wait(phaseMs("after"), opts.signal);
      interrupted();
    }
  }
}

// src/checks/fault/fault-check.ts
var faultCheck = {
  name: "fault",
  description: "fault drills: inject a dependency failure, probe before/during/after, time to detect and to recover",
  async run(ctx) {
    const { config } = ctx;
    const cfg = config.fault;
    const problems = [];
    if (!cfg) throw new ConfigError([{ path: "fault", message: "no fault section in the configuration" }]);
    if (!cfg.enabled)
      problems.push({
        path: "fault.enabled",
        message: "fault drills break things on purpose: set fault.enabled: true in the configuration of an environment that may be broken"
      });
    const destructive = destructiveAllowed(config.target);
    if (!destructive.allowed)
      problems.push({
        path: config.target["allow-destructive"] ? "target.allow-hosts" : "target.allow-destructive",
        message: `fault drills are destructive: ${destructive.reason}`
      });
    problems.push(...faultPreflight(config));
    if (problems.length) throw new ConfigError(problems);
    const e = startEvidence("fault", config.target["base-url"], config.target.name);
    let stopped;
    const outcomes = [];
    for (const s of cfg.scenarios) {
      if (stopped || ctx.signal.aborted) {
        outcomes.push(`${s.name}: not run`);
        continue;
      }
      ctx.log(`fault: scenario ${s.name}`);
      const run = await runScenario(s, {
        target: config.target,
        identities: config.identities,
        configDir: ctx.configDir,
        signal: ctx.signal,
        log: ctx.log
      });
      const m = measureScenario(run);
      let consistency = [];
      if (recovered(run) && !run.interrupted && s.consistency.length)
        consistency = await checkConsistency(s.consistency, {
          target: config.target,
          identities: config.identities
        });
      addScenarioToEvidence(e, run, m, consistency);
      outcomes.push(
        `${s.name}: detect ${m.ttdMs === null ? "—" : `${(m.ttdMs / 1e3).toFixed(1)} s`}, recover ${m.ttrMs === null ? "—" : `${(m.ttrMs / 1e3).toFixed(1)} s`}`
      );
      if (run.interrupted) {
        e.error = {
          kind: "FaultDrillInterrupted",
          message: `fault drill interrupted (${run.interrupted}) in scenario ${s.name}; recover ${run.recover ? run.recover.ok ? "ran and succeeded" : "ran and FAILED" : "was not needed"}`
        };
        stopped = s.name;
      } else if (!recovered(run)) stopped = s.name;
    }
    if (stopped && !e.error) {
      const rest = cfg.scenarios.slice(cfg.scenarios.findIndex((x) => x.name === stopped) + 1);
      if (rest.length)
        e.findings.push({
          fingerprint: fingerprintOf("fault", "drill-stopped"),
          severity: "high",
          title: `fault drill stopped after ${stopped}: ${rest.length} scenario(s) not run`,
          detail: `${stopped} did not recover, so breaking more would only pile faults up: ${rest.map((x) => x.name).join(", ")} did not run.`
        });
    }
    const failed = e.thresholds.filter((t) => !t.ok).length + e.findings.length;
    e.summary = `${outcomes.join("; ")}${failed ? ` — ${failed} problem(s)` : ""}`;
    return e;
  }
};

export {
  faultCheck
};
