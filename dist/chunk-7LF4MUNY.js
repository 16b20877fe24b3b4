import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  describeExpectation,
  statusMatches
} from "./chunk-LSV56N5A.js";
import {
  TargetClient,
  assertAllowedHost,
  assertMethodAllowed,
  authorizeRequest,
  httpRequest
} from "./chunk-NRWEKI4R.js";
import {
  countLedger,
  currentLedgerScope,
  hostOf
} from "./chunk-7HPKJNE2.js";
import {
  startEvidence
} from "./chunk-NHLNGWDM.js";
import {
  ConfigError
} from "./chunk-OSGOEP7K.js";
import {
  durationMs
} from "./chunk-MLKP6OQN.js";

// src/checks/abuse/rate-limit-headers.ts
var LIMIT_HEADER = /^(retry-after|ratelimit(-.*)?|x-ratelimit-.*|x-rate-limit-.*)$/i;
function rateLimitHeadersOf(headers) {
  const out = {};
  headers.forEach((value, name) => {
    if (LIMIT_HEADER.test(name)) out[name.toLowerCase()] = value;
  });
  return out;
}
function advertisedResetSeconds(h, now = Date.now()) {
  const retry = h["retry-after"];
  if (retry !== void 0) {
    if (/^\d+$/.test(retry.trim())) return Number(retry);
    const at = Date.parse(retry);
    if (!Number.isNaN(at)) return Math.max(0, Math.round((at - now) / 1e3));
  }
  const reset = h["ratelimit-reset"] ?? h["x-ratelimit-reset"];
  if (reset !== void 0 && /^\d+$/.test(reset.trim())) {
    const n = Number(reset);
    return n > 1e9 ? Math.max(0, Math.round(n - now / 1e3)) : n;
  }
  return void 0;
}
function headersLine(h) {
  return Object.entries(h).map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
}

// src/checks/abuse/global-limit-probe.ts
function uncounted(cfg) {
  const rules = cfg["uncounted-paths"];
  return (p) => rules.some((r) => r.endsWith("*") ? p.startsWith(r.slice(0, -1)) : p === r);
}
async function globalLimitProbe(client, cfg, signal) {
  const ledger = currentLedgerScope()?.file;
  const host = hostOf(client.url(cfg.request.path));
  const windowStart = cfg.window !== void 0 ? Date.now() - durationMs(cfg.window) : 0;
  const skip = uncounted(cfg);
  const query = {
    host,
    since: windowStart,
    ...cfg.key === "identity" ? { identity: cfg.identity } : {},
    ...cfg["uncounted-paths"].length ? { skipPath: skip } : {}
  };
  const before = ledger ? countLedger(ledger, query) : { total: 0, byCheck: {} };
  const max = Math.max(0, cfg.limit - before.total) + cfg.margin;
  const deadline = Date.now() + durationMs(cfg["max-duration"]);
  const started = performance.now();
  const otherStatuses = {};
  let sent = 0;
  let firstLimitedAt;
  let headers = {};
  let stopped;
  while (sent < max) {
    if (signal.aborted) {
      stopped = "aborted";
      break;
    }
    if (Date.now() > deadline) {
      stopped = `max-duration ${cfg["max-duration"]} reached`;
      break;
    }
    const res = await client.send(
      cfg.identity,
      { method: cfg.request.method, path: cfg.request.path, headers: cfg.request.headers },
      { retryOn401: false }
    );
    sent++;
    headers = rateLimitHeadersOf(res.headers);
    if (res.status === cfg["expect-status"]) {
      firstLimitedAt = sent;
      break;
    }
    if (res.status < 200 || res.status >= 400)
      otherStatuses[String(res.status)] = (otherStatuses[String(res.status)] ?? 0) + 1;
  }
  const after = ledger ? countLedger(ledger, query) : { total: sent, byCheck: {} };
  const through = after.total;
  const own = currentLedgerScope()?.check;
  const earlierByCheck = Object.fromEntries(
    Object.entries(after.byCheck).map(([c, n]) => [c, c === own ? n - sent : n]).filter(([, n]) => n > 0)
  );
  const observedLimit = firstLimitedAt !== void 0 ? through - 1 : void 0;
  const earlier = observedLimit !== void 0 ? observedLimit - (firstLimitedAt - 1) : through - sent;
  const ok = observedLimit !== void 0 && Math.abs(observedLimit - cfg.limit) <= cfg.tolerance;
  const reset = firstLimitedAt !== void 0 ? advertisedResetSeconds(headers) : void 0;
  const spent = `${earlier} earlier request${earlier === 1 ? "" : "s"} by opsgate in the window${byCheckLine(earlierByCheck)}`;
  const detail = observedLimit !== void 0 ? `limit observed: ${observedLimit === cfg.limit ? "exactly " : ""}${observedLimit} — ${spent}; headers: ${headersLine(headers)}` + (reset !== void 0 ? `; advertised reset in ${reset} s` : "") + (cfg.window !== void 0 ? `; window ${cfg.window} (not waited out)` : "") : `no ${cfg["expect-status"]} after ${sent} probe requests (${through} counted in the window — ${spent})${stopped ? ` (${stopped})` : ""}`;
  const thresholds = [
    {
      name: `global limit: ${cfg.limit} requests per ${cfg.key}${cfg.window !== void 0 ? ` per ${cfg.window}` : ""}, then ${cfg["expect-status"]}${cfg.tolerance ? ` (±${cfg.tolerance})` : ""} (${cfg.identity} ${cfg.request.method} ${cfg.request.path})`,
      limit: cfg.limit,
      actual: observedLimit ?? null,
      ok,
      detail
    }
  ];
  if (Object.keys(otherStatuses).length)
    thresholds.push({
      name: "global limit: requests before the limit succeeded",
      limit: "2xx/3xx",
      actual: Object.entries(otherStatuses).map(([s, c]) => `${c}×${s}`).join(", "),
      ok: false,
      detail: "the probe request must be one the identity may send; fix abuse.global-limit.request or identity"
    });
  return {
    thresholds,
    sent,
    firstLimitedAt,
    observedLimit,
    earlierInWindow: earlier,
    earlierByCheck,
    otherStatuses,
    headers,
    advertisedResetSeconds: reset,
    burstMs: Math.round(performance.now() - started)
  };
}
function byCheckLine(byCheck) {
  const parts = Object.entries(byCheck).map(([c, n]) => `${c} ${n}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

// src/checks/abuse/login-sender.ts
function loginSender(client, cfg, signal, attempts) {
  const id = client.identity(cfg.identity);
  if (id.kind !== "json-login" && id.kind !== "cookie-session")
    throw new ConfigError([
      {
        path: "abuse.login-limiter.identity",
        message: `identity "${cfg.identity}" must be json-login or cookie-session (it has a login request), got ${id.kind}`
      }
    ]);
  const field = cfg["password-field"];
  const login = id.login;
  const correctBody = login.form ?? login.body;
  if (!correctBody || typeof correctBody !== "object" || !(field in correctBody))
    throw new ConfigError([
      {
        path: `identities.${cfg.identity}.login`,
        message: `the login body has no "${field}" field (set abuse.login-limiter.password-field)`
      }
    ]);
  const wrongBody = { ...correctBody, [field]: cfg["wrong-password"] };
  const headers = {
    ...id["target-headers"] ? client.target.headers : {},
    ...id.headers,
    ...login.headers
  };
  const deadline = Date.now() + durationMs(cfg["max-duration"]);
  return async (kind) => {
    if (signal.aborted) throw new Error("login limiter probe aborted");
    if (Date.now() > deadline)
      throw new Error(`login limiter probe exceeded max-duration ${cfg["max-duration"]}`);
    let res;
    if (kind === "unlock") {
      const u = cfg.unlock;
      res = await client.send(
        u.identity,
        { method: u.method, path: u.path, body: u.body, headers: u.headers },
        { retryOn401: true }
      );
    } else {
      const body = kind === "correct" ? correctBody : wrongBody;
      res = await httpRequest({
        method: login.method,
        url: authorizeRequest(client.target, login, { login: true }),
        headers: login.form ? { ...headers, "content-type": "application/x-www-form-urlencoded" } : headers,
        body: login.form ? new URLSearchParams(body).toString() : body,
        timeoutMs: client.target["timeout-ms"],
        signal: client.signal,
        identity: cfg.identity
      });
    }
    attempts.push({ n: attempts.length + 1, kind, status: res.status, ms: Math.round(res.ms) });
    return res;
  };
}
var ordinal = (n) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

// src/checks/abuse/login-limiter-probe.ts
var is2xx = (s) => s >= 200 && s < 300;
async function loginLimiterProbe(client, cfg, signal) {
  const attempts = [];
  const send = loginSender(client, cfg, signal, attempts);
  const n = cfg.attempts;
  const refused = cfg["expect-status"] ?? (cfg.style === "429" ? 429 : 401);
  const failure = cfg["failure-status"];
  const thresholds = [];
  let counted = 0;
  let refusedAfter;
  let limitedRes;
  const mark = () => {
    attempts.at(-1).counted = counted;
  };
  const fail = async () => {
    const res = await send("failed");
    if (statusMatches(failure, res.status) && !(cfg.style === "429" && statusMatches(refused, res.status))) {
      counted++;
      mark();
      return true;
    }
    refusedAfter ??= counted;
    limitedRes ??= res;
    mark();
    return false;
  };
  const correct = async () => {
    const res = await send("correct");
    if (is2xx(res.status)) {
      if (cfg["successes-count"]) counted++;
      if (cfg["success-resets"]) counted = 0;
    }
    mark();
    return res;
  };
  let unlocked;
  try {
    if (cfg.unlock) await send("unlock");
    let low = true;
    for (let i = 1; i < n && low; i++) low = await fail();
    const lowLogin = low ? await correct() : void 0;
    if (lowLogin && !is2xx(lowLogin.status)) {
      refusedAfter ??= counted;
      low = false;
    }
    const lowStatuses = attempts.filter((a) => a.kind !== "unlock").map((a) => a.status);
    thresholds.push({
      name: `login limiter: after ${n - 1} failed attempts the right password still works (limit not below ${n})`,
      limit: `${describeExpectation(failure)} ×${n - 1}, then 2xx`,
      actual: lowStatuses.join(","),
      ok: low,
      detail: low ? void 0 : `refused after ${refusedAfter} counted attempt(s): the limit is lower than ${n}`
    });
    let high;
    let highRes;
    if (low) {
      let stillCounting = true;
      while (counted < n && stillCounting) stillCounting = await fail();
      if (!stillCounting) {
        high = false;
        thresholds[0] = {
          ...thresholds[0],
          ok: false,
          detail: `refused after ${refusedAfter} counted attempt(s): the limit is lower than ${n}`
        };
      } else if (cfg.style === "429") {
        highRes = await send("failed");
        high = statusMatches(refused, highRes.status);
        if (high) {
          refusedAfter = counted;
          limitedRes = highRes;
        }
      } else {
        highRes = await send("correct");
        high = statusMatches(refused, highRes.status) && !is2xx(highRes.status);
        if (high) refusedAfter = counted;
      }
    }
    const highName = cfg.style === "429" ? `login limiter: the failed attempt after ${n} counted ones answers ${describeExpectation(refused)} (limit not above ${n})` : `login limiter: after ${n} counted attempts the right password is refused with ${describeExpectation(refused)} (limit not above ${n})`;
    thresholds.push({
      name: highName,
      limit: describeExpectation(refused),
      actual: highRes?.status ?? null,
      ok: high === true,
      ...high === void 0 || !highRes ? { detail: `not reached: refused after ${refusedAfter ?? "?"} counted attempt(s)` } : high ? { detail: `headers: ${headersLine(rateLimitHeadersOf(highRes.headers))}` } : {
        detail: `the ${ordinal(n + 1)} counted attempt still answered ${highRes.status}: no limit at ${n}`
      }
    });
    if (high && cfg.style === "429" && cfg["locked-login-status"] !== null) {
      const locked = await send("correct");
      thresholds.push({
        name: "login limiter: the right password is refused while limited",
        limit: describeExpectation(cfg["locked-login-status"]),
        actual: locked.status,
        ok: statusMatches(cfg["locked-login-status"], locked.status)
      });
    }
  } finally {
    if (cfg.unlock) unlocked = await cleanupUnlock(send, cfg, thresholds);
  }
  const observedLimit = thresholds.slice(0, 2).every((t) => t.ok) ? n : void 0;
  const headers = limitedRes ? rateLimitHeadersOf(limitedRes.headers) : {};
  const countedSent = attempts.filter((a) => a.kind !== "unlock").length;
  const summary = observedLimit !== void 0 ? `login limit observed: exactly ${n} counted attempts (${cfg.style})` : refusedAfter !== void 0 ? `login refused after ${refusedAfter} counted attempt(s): below the promised ${n} (${cfg.style})` : `no login limit observed in ${countedSent} login attempts (promised ${n}, ${cfg.style})`;
  return {
    style: cfg.style,
    thresholds,
    attempts,
    observedLimit,
    refusedAfter,
    headers,
    advertisedResetSeconds: advertisedResetSeconds(headers),
    unlocked,
    summary
  };
}
async function cleanupUnlock(send, cfg, thresholds) {
  let unlockStatus = null;
  let loginStatus = null;
  let why;
  try {
    unlockStatus = (await send("unlock")).status;
    loginStatus = (await send("correct")).status;
  } catch (err) {
    why = err.message;
  }
  const ok = unlockStatus !== null && statusMatches(cfg.unlock.expect, unlockStatus) && is2xx(loginStatus ?? 0);
  thresholds.push({
    name: `login limiter: after the unlock (${cfg.unlock.method} ${cfg.unlock.path}) the account logs in again`,
    limit: `${describeExpectation(cfg.unlock.expect)}, then 2xx`,
    actual: `${unlockStatus ?? "—"}, then ${loginStatus ?? "—"}`,
    ok,
    ...why ? { detail: why } : ok ? {} : { detail: "the sacrificial account stays locked: fix it before the next run" }
  });
  return ok;
}

// src/checks/abuse/abuse-check.ts
async function runAbuse(ctx) {
  const { config } = ctx;
  const cfg = config.abuse;
  if (!cfg)
    throw new ConfigError([
      { path: "abuse", message: "required to run the abuse check (login-limiter, global-limit)" }
    ]);
  const evidence = startEvidence("abuse", config.target["base-url"], config.target.name);
  if (!cfg.enabled) {
    evidence.summary = "abuse is disabled (abuse.enabled: false)";
    return evidence;
  }
  if (!cfg["login-limiter"] && !cfg["global-limit"])
    throw new ConfigError([
      { path: "abuse", message: "nothing to probe: add login-limiter and/or global-limit" }
    ]);
  const limited = cfg["login-limiter"]?.identity;
  const sharedWith = limited ? identitiesUsedByOtherChecks(config).get(limited) : void 0;
  if (sharedWith)
    throw new ConfigError([
      {
        path: "abuse.login-limiter.identity",
        message: `identity "${limited}" is also used by ${sharedWith}; the login limiter locks it out, so give it a dedicated account`
      }
    ]);
  assertAllowedHost(config.target, config.target["base-url"]);
  if (cfg["global-limit"])
    assertMethodAllowed(
      config.target,
      cfg["global-limit"].request.method,
      "abuse.global-limit.request.method"
    );
  const unlock = cfg["login-limiter"]?.unlock;
  if (unlock) assertMethodAllowed(config.target, unlock.method, "abuse.login-limiter.unlock.method");
  const client = new TargetClient(config.target, config.identities, ctx.sessions, ctx.signal);
  const data = {};
  const summary = [];
  const sections = [];
  const login = cfg["login-limiter"];
  if (login) {
    ctx.log(`abuse: login limiter (${login.style}), ${login.attempts} counted attempts as ${login.identity}`);
    const r = await loginLimiterProbe(client, login, ctx.signal);
    evidence.thresholds.push(...r.thresholds);
    evidence.metrics["login attempts sent"] = r.attempts.filter((a) => a.kind !== "unlock").length;
    if (r.observedLimit !== void 0) evidence.metrics["login observed limit"] = r.observedLimit;
    if (r.advertisedResetSeconds !== void 0)
      evidence.metrics["login advertised reset s"] = r.advertisedResetSeconds;
    data.loginLimiter = r;
    summary.push(r.summary);
    sections.push(
      `**Login limiter** (style ${login.style}; success resets: ${login["success-resets"] ? "yes" : "no"}; successes count: ${login["successes-count"] ? "yes" : "no"})`,
      "",
      "| # | Attempt | Status | Counted | ms |",
      "| --- | --- | --- | --- | --- |",
      ...r.attempts.map(
        (a) => `| ${a.n} | ${a.kind === "unlock" ? "unlock" : `${a.kind} password`} | ${a.status} | ${a.counted ?? "—"} | ${a.ms} |`
      ),
      "",
      `Limit headers: ${headersLine(r.headers)}`
    );
  }
  const global = cfg["global-limit"];
  if (global) {
    ctx.log(`abuse: global limit ${global.limit} per ${global.key}, as ${global.identity}`);
    const r = await globalLimitProbe(client, global, ctx.signal);
    evidence.thresholds.push(...r.thresholds);
    evidence.metrics["global requests sent"] = r.sent;
    evidence.metrics["global burst ms"] = r.burstMs;
    if (r.observedLimit !== void 0) evidence.metrics["global observed limit"] = r.observedLimit;
    if (r.advertisedResetSeconds !== void 0)
      evidence.metrics["global advertised reset s"] = r.advertisedResetSeconds;
    data.globalLimit = r;
    evidence.metrics["global earlier requests in window"] = r.earlierInWindow;
    summary.push(
      r.observedLimit !== void 0 ? `global limit observed: ${r.observedLimit === global.limit ? "exactly " : ""}${r.observedLimit} (promised ${global.limit}; ${r.earlierInWindow} earlier requests by opsgate in the window)` : `no global limit observed: ${r.sent} probe requests after ${r.earlierInWindow} earlier ones (promised ${global.limit})`
    );
    sections.push(
      "",
      "**Global rate limit**",
      "",
      `${r.earlierInWindow} earlier requests by opsgate in the window, then ${r.sent} probe requests in ${r.burstMs} ms; first ${global["expect-status"]} at probe request ${r.firstLimitedAt ?? "—"}; advertised reset ${r.advertisedResetSeconds ?? "—"} s${global.window !== void 0 ? ` (window ${global.window}, not waited out)` : ""}.`,
      "",
      `Limit headers: ${headersLine(r.headers)}`
    );
  }
  evidence.data = data;
  evidence.sections = [{ title: "Abuse probes", markdown: sections.join("\n") }];
  evidence.summary = summary.join("; ") + (ctx.signal.aborted ? "; run aborted" : "");
  return evidence;
}
function identitiesUsedByOtherChecks(config) {
  const used = /* @__PURE__ */ new Map();
  const add = (who, check) => {
    if (who && !used.has(who)) used.set(who, check);
  };
  const { rbac, load, headers, dast } = config;
  if (rbac?.enabled) {
    for (const rule of [...rbac.defaults, ...rbac.matrix])
      for (const who of Object.keys(rule.expect)) add(who, "rbac");
    for (const row of rbac.matrix) add(row.cleanup?.identity, "rbac");
    for (const o of rbac.ownership) for (const who of [o.owner, ...o.others]) add(who, "rbac");
    for (const f of Object.values(rbac.fixtures))
      if (typeof f === "object") for (const r of [f.create, f.cleanup]) add(r?.identity, "rbac");
  }
  if (load?.enabled !== false) for (const e of load?.endpoints ?? []) add(e.identity, "load");
  if (headers && headers.enabled !== false) {
    add(headers.identity, "headers");
    for (const p of headers.paths) if (typeof p === "object") add(p.identity, "headers");
  }
  if (dast?.enabled !== false) add(dast?.identity, "dast");
  return used;
}
var abuseCheck = {
  name: "abuse",
  description: "Login limiter and global rate-limit probes: limits trip at the promised count",
  run: runAbuse
};

export {
  runAbuse,
  identitiesUsedByOtherChecks,
  abuseCheck
};
