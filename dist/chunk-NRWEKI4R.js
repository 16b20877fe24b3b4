import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  SessionCache,
  recordRequest
} from "./chunk-7HPKJNE2.js";
import {
  ConfigError,
  EngineError,
  TargetUnreachableError
} from "./chunk-OSGOEP7K.js";
import {
  originPathProblem,
  registerSecret
} from "./chunk-MLKP6OQN.js";

// src/engines/http/request-policy.ts
var DESTRUCTIVE_METHODS = /* @__PURE__ */ new Set(["POST", "PUT", "PATCH", "DELETE"]);
function isDestructiveMethod(method) {
  return DESTRUCTIVE_METHODS.has(method.toUpperCase());
}
var RequestRefusedError = class extends EngineError {
  constructor(message) {
    super("request policy", message);
    this.name = "RequestRefusedError";
  }
};
var bare = (h) => h.replace(/^\[|\]$/g, "").toLowerCase();
function allowedHosts(target) {
  return target["allow-hosts"] ?? [new URL(target["base-url"]).hostname];
}
function isAllowedHost(target, url) {
  const host = bare(new URL(url).hostname);
  return allowedHosts(target).some((h) => bare(h) === host);
}
function assertAllowedHost(target, url) {
  if (!isAllowedHost(target, url)) {
    throw new ConfigError(
      `target.allow-hosts: ${new URL(url).hostname} is not allow-listed (${allowedHosts(target).join(", ")})`
    );
  }
}
function hostListedExplicitly(target) {
  const host = bare(new URL(target["base-url"]).hostname);
  return (target["allow-hosts"] ?? []).some((h) => bare(h) === host);
}
function destructiveAllowed(target) {
  const host = new URL(target["base-url"]).hostname;
  if (!target["allow-destructive"])
    return {
      allowed: false,
      reason: `target.allow-destructive is false${hostListedExplicitly(target) ? "" : ` and ${host} is not in target.allow-hosts`}`
    };
  if (!hostListedExplicitly(target))
    return { allowed: false, reason: `target host ${host} is not in target.allow-hosts` };
  return { allowed: true };
}
function methodAllowed(target, method) {
  return isDestructiveMethod(method) ? destructiveAllowed(target) : { allowed: true };
}
function assertMethodAllowed(target, method, configPath) {
  const m = methodAllowed(target, method);
  if (!m.allowed)
    throw new ConfigError([
      {
        path: configPath,
        message: `${method.toUpperCase()} changes data: it needs target.allow-destructive: true and the host in target.allow-hosts (${m.reason})`
      }
    ]);
}
function joinOriginPath(baseUrl, path) {
  const problem = originPathProblem(path);
  if (problem) throw new RequestRefusedError(`refused path ${JSON.stringify(path)}: ${problem}`);
  const base = new URL(baseUrl);
  const url = new URL(path, base);
  if (url.origin !== base.origin)
    throw new RequestRefusedError(`refused path ${JSON.stringify(path)}: it resolves outside ${base.origin}`);
  return url.toString();
}
function targetUrl(target, path) {
  const url = path === void 0 ? new URL(target["base-url"]).toString() : joinOriginPath(target["base-url"], path);
  assertAllowedHost(target, url);
  return url;
}
function authorizeRequest(target, req, purpose = {}) {
  const url = targetUrl(target, req.path);
  if (!purpose.login) {
    const m = methodAllowed(target, req.method);
    if (!m.allowed) throw new RequestRefusedError(`${req.method} ${req.path ?? "/"} not sent: ${m.reason}`);
  }
  return url;
}
var loopback = /* @__PURE__ */ new Set(["127.0.0.1", "::1", "localhost"]);
function isLoopback(url) {
  const host = bare(new URL(url).hostname);
  return loopback.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

// src/engines/http/http-client.ts
import http from "node:http";
import https from "node:https";
var agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 })
};
async function httpRequest(req) {
  const headers = { ...req.headers };
  const has = (name) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  if (!has("accept")) headers.accept = "*/*";
  if (!has("user-agent")) headers["user-agent"] = "opsgate";
  let body;
  if (req.body !== void 0) {
    if (typeof req.body === "string") body = req.body;
    else {
      body = JSON.stringify(req.body);
      if (!has("content-type")) headers["content-type"] = "application/json";
    }
  }
  if (body !== void 0) headers["content-length"] = String(Buffer.byteLength(body));
  const url = new URL(req.url);
  const started = performance.now();
  let res;
  try {
    try {
      res = await exchange(req, url, headers, body, started);
    } catch (err) {
      if (!err.reusedSocket) throw err;
      res = await exchange(req, url, headers, body, performance.now());
    }
  } catch (err) {
    throw new TargetUnreachableError([`${req.method} ${req.url}`], err);
  }
  recordRequest({ url: req.url, identity: req.identity ?? "-", method: req.method, status: res.status });
  return res;
}
function exchange(req, url, headers, body, started) {
  const transport = url.protocol === "https:" ? https : http;
  const agent = agents[url.protocol];
  return new Promise((resolve, reject) => {
    let timedOut = false;
    let cut = false;
    const r = transport.request(url, { method: req.method, headers, agent, signal: req.signal }, (res) => {
      const chunks = [];
      let size = 0;
      res.on("data", (c) => {
        size += c.length;
        if (req.maxBodyBytes === void 0 || size <= req.maxBodyBytes) return void chunks.push(c);
        if (cut) return;
        cut = true;
        clearTimeout(timer);
        r.destroy();
        const status = res.statusCode ?? 0;
        resolve({
          status,
          headers: new Headers(),
          text: "",
          json: void 0,
          ms: performance.now() - started,
          tooLarge: true
        });
      });
      res.on("error", (err) => fail(err));
      res.on("end", () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString("utf8");
        const h = new Headers();
        const raw = res.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) h.append(raw[i], raw[i + 1]);
        let json;
        if ((h.get("content-type") ?? "").includes("json") && text) {
          try {
            json = JSON.parse(text);
          } catch {
            json = void 0;
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: h, text, json, ms: performance.now() - started });
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      r.destroy();
      resolve({
        status: 0,
        headers: new Headers(),
        text: "",
        json: void 0,
        ms: performance.now() - started,
        timedOut: true
      });
    }, req.timeoutMs ?? 1e4);
    const fail = (err) => {
      clearTimeout(timer);
      if (timedOut || cut) return;
      const code = err.code;
      if (r.reusedSocket && (code === "ECONNRESET" || code === "EPIPE"))
        Object.assign(err, { reusedSocket: true });
      reject(err);
    };
    r.on("error", fail);
    r.end(body);
  });
}

// src/engines/http/json-path.ts
function readJsonPath(value, jsonPath) {
  const expr = jsonPath.replace(/^\$\.?/, "");
  if (!expr) return value;
  let cur = value;
  for (const m of expr.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== "object") return void 0;
    cur = m[2] !== void 0 ? cur[Number(m[2])] : cur[m[1]];
  }
  return cur;
}

// src/engines/http/sessions.ts
var LoginFailedError = class extends EngineError {
  constructor(identity, status, why) {
    super("login", `identity "${identity}" could not log in: ${why}`);
    this.identity = identity;
    this.status = status;
    this.why = why;
  }
  identity;
  status;
  why;
};
var TargetClient = class {
  constructor(target, identities, sessions = new SessionCache(), signal) {
    this.target = target;
    this.identities = identities;
    this.sessions = sessions;
    this.signal = signal;
  }
  target;
  identities;
  sessions;
  signal;
  /** Login requests this client sent (shared cache: logins other checks sent are not counted). */
  loginCount = 0;
  /** The URL of a path on the target, after the request policy's path and host rules. */
  url(path) {
    return targetUrl(this.target, path);
  }
  identity(name) {
    const id = this.identities[name] ?? (name === "anonymous" ? { kind: "anonymous", "target-headers": true } : void 0);
    if (!id) throw new ConfigError(`identity "${name}" is not defined under identities`);
    return id;
  }
  /** Headers (auth, cookies, target and identity extras) for one identity. */
  async session(name) {
    this.identity(name);
    return this.sessions.session(this.keyOf(name), name, () => this.login(name));
  }
  /** Why the identity could not log in during this run, if it could not. */
  loginFailure(name) {
    return this.sessions.failureOf(this.keyOf(name));
  }
  /**
   * Send a request as an identity. A 401 on a login-based token that had worked gets one
   * re-login and retry per run (expiry); any other 401 is the answer.
   */
  async send(identityName, req, opts = {}) {
    const used = await this.session(identityName);
    const res = await this.sendWith(used, req, opts.cleanup, identityName);
    if (res.status !== 401) {
      this.sessions.markWorked(used);
      return res;
    }
    const kind = this.identity(identityName).kind;
    if (opts.retryOn401 === false || kind !== "json-login" && kind !== "cookie-session") return res;
    const retry = await this.sessions.afterUnauthorized(
      this.keyOf(identityName),
      used,
      () => this.login(identityName)
    );
    if (!retry) return res;
    const again = await this.sendWith(retry, req, opts.cleanup, identityName);
    if (again.status !== 401) this.sessions.markWorked(retry);
    return again;
  }
  /**
   * For engines that send with a session's headers themselves: `used` had worked and was then
   * answered 401. Returns the session to continue with, or undefined when the run's one
   * re-login is spent.
   */
  async afterExpiry(name, used) {
    this.sessions.markWorked(used);
    return this.sessions.afterUnauthorized(this.keyOf(name), used, () => this.login(name));
  }
  /** Sessions are per target origin and identity name. */
  keyOf(name) {
    return `${new URL(this.target["base-url"]).origin}\0${name}`;
  }
  /**
   * An abort drops in-flight reads at once. Requests that change data run to their answer (a
   * create cut off mid-way could leave a record nobody knows the id of), and cleanups still go
   * out after an abort so an interrupted run leaves nothing behind; both then with a short timeout.
   */
  async sendWith(s, req, cleanup, identityName) {
    const url = authorizeRequest(this.target, req);
    const mustFinish = cleanup || isDestructiveMethod(req.method);
    const timeout = req.timeoutMs ?? this.target["timeout-ms"];
    const headers = { ...s.headers, ...req.headers };
    if (s.cookies.size) headers.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await httpRequest({
      method: req.method,
      url,
      headers,
      body: req.body,
      timeoutMs: mustFinish && this.signal?.aborted ? Math.min(timeout, 3e3) : timeout,
      signal: mustFinish ? void 0 : this.signal,
      identity: identityName,
      maxBodyBytes: req.maxBodyBytes
    });
    absorbCookies(s.cookies, res);
    return res;
  }
  baseHeaders(id) {
    return { ...id["target-headers"] ? this.target.headers : {}, ...id.headers };
  }
  async login(name) {
    const id = this.identity(name);
    const s = { headers: this.baseHeaders(id), cookies: /* @__PURE__ */ new Map(), loggedInAt: Date.now() };
    switch (id.kind) {
      case "anonymous":
        return s;
      case "bearer":
        registerSecret(id.token);
        s.headers.authorization = `Bearer ${id.token}`;
        return s;
      case "api-key":
        registerSecret(id.value);
        s.headers[id.header] = id.value;
        return s;
      case "basic":
        registerSecret(id.password);
        s.headers.authorization = `Basic ${Buffer.from(`${id.username}:${id.password}`).toString("base64")}`;
        registerSecret(s.headers.authorization.slice(6));
        return s;
      case "json-login":
      case "cookie-session":
        return this.loginWithRequest(name, id, s);
    }
  }
  async loginWithRequest(name, id, s) {
    this.loginCount++;
    let csrf;
    if (id.kind === "cookie-session" && id.csrf?.["from-path"]) {
      const pre = await httpRequest({
        method: "GET",
        url: authorizeRequest(this.target, { method: "GET", path: id.csrf["from-path"] }),
        headers: s.headers,
        timeoutMs: this.target["timeout-ms"],
        signal: this.signal,
        identity: name
      });
      absorbCookies(s.cookies, pre);
      csrf = id.csrf["json-path"] ? String(readJsonPath(pre.json, id.csrf["json-path"]) ?? "") : void 0;
    }
    const url = authorizeRequest(this.target, id.login, { login: true });
    const headers = { ...s.headers, ...id.login.headers };
    let body = id.login.body;
    if (id.login.form) {
      const form = { ...id.login.form };
      if (csrf && id.kind === "cookie-session" && id.csrf?.["login-field"])
        form[id.csrf["login-field"]] = csrf;
      body = new URLSearchParams(form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    if (csrf && id.kind === "cookie-session" && id.csrf) headers[id.csrf.header] = csrf;
    if (s.cookies.size) headers.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await httpRequest({
      method: id.login.method,
      url,
      headers,
      body,
      timeoutMs: this.target["timeout-ms"],
      signal: this.signal,
      identity: name
    });
    if (res.status < 200 || res.status >= 300)
      throw new LoginFailedError(name, res.status, `login answered ${res.status || "timeout"}`);
    absorbCookies(s.cookies, res);
    s.loginJson = res.json;
    for (const v of s.cookies.values()) registerSecret(v);
    if (id.kind === "json-login") {
      const token = readJsonPath(res.json, id["token-path"]);
      if (typeof token !== "string" || !token) {
        throw new LoginFailedError(name, res.status, `no token at ${id["token-path"]} in the login response`);
      }
      registerSecret(token);
      s.headers[id["token-header"]] = id["token-scheme"] ? `${id["token-scheme"]} ${token}` : token;
      return s;
    }
    if (id.csrf) {
      const fromCookie = id.csrf.cookie ? s.cookies.get(id.csrf.cookie) : void 0;
      const token = fromCookie ?? csrf;
      if (token) {
        registerSecret(token);
        s.headers[id.csrf.header] = token;
      }
    }
    return s;
  }
};
function absorbCookies(jar, res) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

export {
  RequestRefusedError,
  allowedHosts,
  isAllowedHost,
  assertAllowedHost,
  destructiveAllowed,
  methodAllowed,
  assertMethodAllowed,
  joinOriginPath,
  targetUrl,
  authorizeRequest,
  isLoopback,
  httpRequest,
  readJsonPath,
  LoginFailedError,
  TargetClient
};
