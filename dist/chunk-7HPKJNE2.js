import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/engines/http/request-ledger.ts
import { AsyncLocalStorage } from "node:async_hooks";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
var storage = new AsyncLocalStorage();
function ledgerFile(outDir) {
  return path.join(outDir, "ledger", "requests.jsonl");
}
function withLedger(outDir, check, fn) {
  const scope = { file: ledgerFile(outDir), check, sent: /* @__PURE__ */ new Map() };
  return storage.run(scope, () => fn(scope));
}
function currentLedgerScope() {
  return storage.getStore();
}
function hostOf(url) {
  return new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
}
function recordRequest(entry, scope = storage.getStore()) {
  if (!scope) return;
  const u = new URL(entry.url);
  const line = {
    t: entry.t ?? Date.now(),
    host: hostOf(entry.url),
    check: scope.check,
    identity: entry.identity,
    method: entry.method,
    path: u.pathname,
    status: entry.status,
    ...entry.count !== void 0 ? { count: entry.count } : {},
    ...entry.from !== void 0 ? { from: entry.from } : {}
  };
  const n = entry.count ?? 1;
  scope.sent.set(line.host, (scope.sent.get(line.host) ?? 0) + n);
  try {
    mkdirSync(path.dirname(scope.file), { recursive: true });
    appendFileSync(scope.file, JSON.stringify(line) + "\n");
  } catch {
  }
}
function readLedger(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const out = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line);
      if (typeof e.t === "number" && typeof e.host === "string") out.push(e);
    } catch {
    }
  }
  return out;
}
function countLedger(file, q) {
  const until = q.until ?? Infinity;
  const byCheck = {};
  let total = 0;
  for (const e of readLedger(file)) {
    if (e.host !== q.host.toLowerCase()) continue;
    if (q.identity !== void 0 && e.identity !== q.identity) continue;
    if (q.skipPath?.(e.path)) continue;
    if (e.t < q.since || (e.from ?? e.t) >= until) continue;
    const n = e.count ?? 1;
    total += n;
    byCheck[e.check] = (byCheck[e.check] ?? 0) + n;
  }
  return { total, byCheck };
}

// src/engines/http/session-cache.ts
var SessionCache = class {
  entries = /* @__PURE__ */ new Map();
  /** Sessions whose token answered at least once with something other than 401. */
  worked = /* @__PURE__ */ new WeakSet();
  /** The identity's session, logging in through `login` on first use only. */
  session(key, identity, login) {
    const entry = this.entries.get(key);
    if (entry) return entry.current;
    const fresh = { identity, current: login(), refreshed: false };
    this.entries.set(key, fresh);
    fresh.current.catch((err) => {
      fresh.failure = err;
    });
    return fresh.current;
  }
  /** Record that a request sent with `session` was answered with something other than 401. */
  markWorked(session) {
    this.worked.add(session);
  }
  /**
   * After `used` was answered 401: the session to retry with, or undefined when no retry is due
   * (the token never worked, or the run's one re-login is spent). Concurrent 401s share one login.
   */
  async afterUnauthorized(key, used, login) {
    const entry = this.entries.get(key);
    if (!entry) return void 0;
    const current = await entry.current.catch(() => void 0);
    if (current && current !== used) return current;
    if (entry.refreshed || !this.worked.has(used)) return void 0;
    entry.refreshed = true;
    entry.current = login();
    entry.current.catch((err) => {
      entry.failure = err;
    });
    return entry.current;
  }
  /** The login failure of an identity in this run, if it failed. */
  failureOf(key) {
    return this.entries.get(key)?.failure;
  }
  /** Every identity whose login failed in this run. */
  failures() {
    return [...this.entries.values()].flatMap((e) => e.failure ? [e.failure] : []);
  }
};

export {
  withLedger,
  currentLedgerScope,
  hostOf,
  recordRequest,
  countLedger,
  SessionCache
};
