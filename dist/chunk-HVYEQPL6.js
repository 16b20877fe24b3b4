import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  requestFailureReason,
  targetGone
} from "./chunk-WKJ2YTJB.js";
import {
  configInRepository,
  writeSarif
} from "./chunk-RPOAYL32.js";
import {
  TargetClient,
  assertAllowedHost
} from "./chunk-NRWEKI4R.js";
import {
  lineOfKey
} from "./chunk-ZC7YIYEL.js";
import {
  cell
} from "./chunk-MT7WXE72.js";
import {
  REFERRER_POLICIES,
  headersSection
} from "./chunk-4AFMPRTR.js";
import {
  fingerprintOf
} from "./chunk-3ZMT66VX.js";
import {
  decodeLatin1Utf8,
  untrustedCell
} from "./chunk-QAYL33UC.js";
import {
  startEvidence
} from "./chunk-NHLNGWDM.js";
import {
  ConfigError,
  TargetUnreachableError
} from "./chunk-OSGOEP7K.js";
import {
  severity
} from "./chunk-MLKP6OQN.js";

// src/engines/tls/tls-probe.ts
import tls from "node:tls";
var PROBED_TLS_VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
var PROBE_CIPHERS = "DEFAULT@SECLEVEL=0";
var CLIENT_SIDE = /NO_PROTOCOLS_AVAILABLE|NO_CIPHERS_AVAILABLE|LEGACY_SIGALG|NO_SUITABLE_SIGNATURE_ALGORITHM|ERR_SSL_UNSAFE_LEGACY_RENEGOTIATION_DISABLED|ERR_TLS_INVALID_PROTOCOL_VERSION/;
var UNREACHABLE = /* @__PURE__ */ new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
var MS_PER_DAY = 864e5;
async function probeTls(opts) {
  const timeoutMs = opts.timeoutMs ?? 5e3;
  const certificate = await readCertificate(opts, timeoutMs, opts.now ?? /* @__PURE__ */ new Date());
  const versions = [];
  for (const version of opts.versions ?? PROBED_TLS_VERSIONS) {
    versions.push(await probeVersion(opts, version, timeoutMs));
  }
  return { host: opts.host, port: opts.port, versions, ...certificate ? { certificate } : {} };
}
function handshake(opts, extra, timeoutMs) {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: opts.host,
      port: opts.port,
      servername: sniName(opts),
      rejectUnauthorized: false,
      ciphers: PROBE_CIPHERS,
      ...extra
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ timedOut: true, code: "ETIMEDOUT" });
    }, timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      resolve({ socket });
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ code: err.code ?? err.message });
    });
    socket.once("close", () => {
      clearTimeout(timer);
      resolve({ code: "ECONNRESET" });
    });
  });
}
async function readCertificate(opts, timeoutMs, now) {
  const h = await handshake(opts, {}, timeoutMs);
  if (h.code && UNREACHABLE.has(h.code)) {
    throw unreachable(opts, h.code);
  }
  const socket = h.socket;
  if (!socket) return void 0;
  try {
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.valid_to) return void 0;
    const authError = socket.authorizationError;
    return {
      subject: describeName(cert.subject),
      issuer: describeName(cert.issuer),
      validFrom: cert.valid_from,
      validTo: cert.valid_to,
      daysLeft: (Date.parse(cert.valid_to) - now.getTime()) / MS_PER_DAY,
      trusted: socket.authorized,
      ...authError ? { trustError: typeof authError === "string" ? authError : authError.message } : {},
      negotiated: socket.getProtocol() ?? "unknown"
    };
  } finally {
    socket.destroy();
  }
}
async function probeVersion(opts, version, timeoutMs) {
  const h = await handshake(opts, { minVersion: version, maxVersion: version }, timeoutMs);
  if (h.socket) {
    const negotiated = h.socket.getProtocol();
    h.socket.destroy();
    return negotiated === version ? { version, outcome: "accepted" } : { version, outcome: "inconclusive", code: `negotiated ${negotiated}` };
  }
  const code = h.code ?? "unknown";
  if (h.timedOut || CLIENT_SIDE.test(code)) return { version, outcome: "inconclusive", code };
  if (UNREACHABLE.has(code)) throw unreachable(opts, code);
  return { version, outcome: "refused", code };
}
function unreachable(opts, code) {
  return new TargetUnreachableError(
    [`TLS handshake with ${opts.label ?? `${opts.host}:${opts.port}`}`],
    new Error(code)
  );
}
function sniName(opts) {
  if (opts.servername) return opts.servername;
  const host = opts.host.replace(/^\[|\]$/g, "");
  return /^[\d.]+$/.test(host) || host.includes(":") ? void 0 : host;
}
function describeName(name) {
  if (!name) return "";
  return Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : String(v)}`).join(", ");
}

// src/checks/headers/finding.ts
function headersScope(place) {
  return `place:${place}`;
}
function headerFinding(p) {
  return {
    fingerprint: fingerprintOf("headers", p.rule, p.place),
    scope: headersScope(p.place),
    severity: p.severity,
    title: p.title,
    detail: `expected: ${p.expected}; seen: ${p.seen}`,
    location: p.location,
    ruleId: `headers.${p.rule.split(":")[0]}`,
    problem: p.problem ?? p.title,
    place: p.place,
    expected: p.expected,
    observed: p.seen,
    ...p.solution ? { solution: p.solution } : {},
    ...p.references ? { references: p.references } : {}
  };
}

// src/checks/headers/cookie-rules.ts
function parseSetCookie(line, now = Date.now()) {
  const [pair = "", ...attrs] = line.split(";");
  const name = pair.slice(0, Math.max(pair.indexOf("="), 0)).trim() || pair.trim();
  const cookie = { name, secure: false, httpOnly: false, clearing: false };
  for (const attr of attrs) {
    const eq = attr.indexOf("=");
    const key = (eq < 0 ? attr : attr.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? "" : attr.slice(eq + 1).trim();
    if (key === "secure") cookie.secure = true;
    else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "samesite") cookie.sameSite = value;
    else if (key === "max-age" && Number(value) <= 0) cookie.clearing = true;
    else if (key === "expires" && Date.parse(value) < now) cookie.clearing = true;
  }
  return cookie;
}
function waived(rules, cookie, rule) {
  return rules.exceptions.some(
    (e) => e.rules.includes(rule) && (e.cookie.endsWith("*") ? cookie.startsWith(e.cookie.slice(0, -1)) : e.cookie === cookie)
  );
}
function cookieFindings(observed, rules) {
  if (!rules.enabled || observed.page.skip.has("cookies")) return [];
  const place = observed.page.path;
  const findings = [];
  for (const cookie of observed.setCookies.map((line) => parseSetCookie(line))) {
    if (cookie.clearing) continue;
    const add = (rule, severity2, expected, seen) => {
      if (waived(rules, cookie.name, rule)) return;
      findings.push(
        headerFinding({
          rule: `cookie-${rule}:${cookie.name}`,
          place,
          severity: severity2,
          title: `Cookie ${cookie.name} ${seen} on ${place}`,
          problem: `Cookie ${cookie.name} ${seen}`,
          expected,
          seen: `Set-Cookie ${cookie.name} ${seen}`,
          location: `GET ${observed.url}`,
          solution: `Set the cookie with ${expected}.`,
          references: ["https://developer.mozilla.org/docs/Web/HTTP/Headers/Set-Cookie"]
        })
      );
    };
    if (rules.secure && !cookie.secure) add("secure", rules.severity, "Secure", "without Secure");
    if (rules["http-only"] && !cookie.httpOnly)
      add("http-only", rules.severity, "HttpOnly", "without HttpOnly");
    if (rules["same-site"]) {
      const allowed = rules["same-site-allowed"];
      const value = cookie.sameSite;
      const match = allowed.find((a) => a.toLowerCase() === value?.toLowerCase());
      if (!match) {
        add(
          "same-site",
          rules["same-site-severity"],
          `SameSite=${allowed.join(" or ")}`,
          value === void 0 ? "without SameSite" : `with SameSite=${value}`
        );
      }
    }
  }
  return findings;
}

// src/checks/headers/cors-probe.ts
async function probeCors(client, page, rule) {
  const origin = rule["probe-origin"].replace(/\/$/, "");
  const res = await client.send(page.identity, {
    method: "GET",
    path: page.path,
    headers: { origin }
  });
  const allowOrigin = res.headers.get("access-control-allow-origin");
  const allowCredentials = res.headers.get("access-control-allow-credentials");
  const credentials = allowCredentials?.trim().toLowerCase() === "true";
  const acao = allowOrigin?.trim();
  const permissive = !credentials ? false : acao === "*" ? "wildcard" : acao === origin ? "reflected" : acao === "null" ? "null" : false;
  return { origin, status: res.status, allowOrigin, allowCredentials, permissive };
}
var WHAT = {
  wildcard: "allows any origin (*) with credentials",
  reflected: "reflects any Origin with credentials",
  null: "allows the null origin with credentials"
};
function corsFindings(observation, page, url, rule) {
  if (!observation.permissive) return [];
  return [
    headerFinding({
      rule: "cors",
      place: page.path,
      severity: rule.severity,
      title: `CORS ${WHAT[observation.permissive]} on ${page.path}`,
      problem: `CORS ${WHAT[observation.permissive]}`,
      expected: `no Access-Control-Allow-Origin for ${observation.origin} (or no Access-Control-Allow-Credentials)`,
      seen: `Access-Control-Allow-Origin: ${observation.allowOrigin}; Access-Control-Allow-Credentials: ${observation.allowCredentials}`,
      location: `GET ${url} (Origin: ${observation.origin})`,
      solution: "Allow only a fixed list of trusted origins; never echo the request Origin when credentials are allowed.",
      references: ["https://developer.mozilla.org/docs/Web/HTTP/CORS#requests_with_credentials"]
    })
  ];
}

// src/checks/headers/header-rules.ts
function cspDirectives(value) {
  const directives = /* @__PURE__ */ new Map();
  for (const policy of (value ?? "").split(",")) {
    for (const part of policy.split(";")) {
      const [name, ...rest] = part.trim().split(/\s+/);
      if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), rest.join(" "));
    }
  }
  return directives;
}
var VERSIONED = /\/\s*v?\d|\b\d+\.\d+/;
var MDN = "https://developer.mozilla.org/docs/Web/HTTP/Headers/";
function headerFindings(observed, rules, https) {
  const h = observed.headers;
  const skip = observed.page.skip;
  const problems = [];
  if (rules.hsts.enabled && !skip.has("hsts")) problems.push(...hstsProblems(h, rules.hsts, https));
  const csp = h.get("content-security-policy");
  const directives = cspDirectives(csp);
  if (rules.csp.enabled && !skip.has("csp")) {
    if (csp === null) {
      const reportOnly = h.get("content-security-policy-report-only");
      problems.push({
        rule: "csp",
        severity: rules.csp.severity,
        title: "Content-Security-Policy missing",
        expected: "a Content-Security-Policy header",
        seen: reportOnly ? "only Content-Security-Policy-Report-Only (not enforced)" : "no header",
        solution: "Send a Content-Security-Policy, e.g. default-src 'self'; frame-ancestors 'none'.",
        references: [`${MDN}Content-Security-Policy`]
      });
    } else {
      for (const directive of rules.csp["required-directives"]) {
        if (directives.has(directive)) continue;
        problems.push({
          rule: `csp-directive:${directive}`,
          severity: rules.csp.severity,
          title: `Content-Security-Policy lacks ${directive}`,
          expected: `a ${directive} directive`,
          seen: `Content-Security-Policy: ${csp}`,
          solution: `Add a ${directive} directive to the policy.`
        });
      }
    }
  }
  const nosniff = h.get("x-content-type-options");
  if (rules["content-type-options"].enabled && !skip.has("content-type-options") && nosniff?.trim().toLowerCase() !== "nosniff") {
    problems.push({
      rule: "content-type-options",
      severity: rules["content-type-options"].severity,
      title: nosniff === null ? "X-Content-Type-Options missing" : "X-Content-Type-Options not nosniff",
      expected: "X-Content-Type-Options: nosniff",
      seen: nosniff === null ? "no header" : `X-Content-Type-Options: ${nosniff}`,
      solution: "Send X-Content-Type-Options: nosniff on every response.",
      references: [`${MDN}X-Content-Type-Options`]
    });
  }
  const xfo = h.get("x-frame-options");
  const xfoOk = ["deny", "sameorigin"].includes(xfo?.trim().toLowerCase() ?? "");
  if (rules["frame-protection"].enabled && !skip.has("frame-protection") && !xfoOk && !directives.has("frame-ancestors")) {
    problems.push({
      rule: "frame-protection",
      severity: rules["frame-protection"].severity,
      title: xfo === null ? "X-Frame-Options missing (no frame protection)" : "X-Frame-Options ineffective",
      expected: "X-Frame-Options: DENY or SAMEORIGIN, or a CSP frame-ancestors directive",
      seen: `${xfo === null ? "no X-Frame-Options" : `X-Frame-Options: ${xfo}`}, no CSP frame-ancestors`,
      solution: "Send X-Frame-Options: DENY or CSP frame-ancestors 'none'.",
      references: [`${MDN}X-Frame-Options`]
    });
  }
  const rp = rules["referrer-policy"];
  if (rp.enabled && !skip.has("referrer-policy")) {
    const value = h.get("referrer-policy");
    const effective = effectiveReferrerPolicy(value);
    if (!effective || !rp.allowed.includes(effective)) {
      problems.push({
        rule: "referrer-policy",
        severity: rp.severity,
        title: value === null ? "Referrer-Policy missing" : "Referrer-Policy too permissive",
        expected: `Referrer-Policy one of ${rp.allowed.join(", ")}`,
        seen: value === null ? "no header" : `Referrer-Policy: ${value}`,
        solution: "Send Referrer-Policy: strict-origin-when-cross-origin (or stricter).",
        references: [`${MDN}Referrer-Policy`]
      });
    }
  }
  if (rules.banners.enabled && !skip.has("banners")) problems.push(...bannerProblems(h, rules.banners));
  const place = observed.page.path;
  return problems.map(
    (p) => headerFinding({
      ...p,
      title: `${p.title} on ${place}`,
      problem: p.title,
      place,
      location: `GET ${observed.url}`
    })
  );
}
function hstsProblems(h, rule, https) {
  const severity2 = https ? rule.severity : "info";
  const note = https ? "" : " (http target: browsers only honour HSTS over https)";
  const value = h.get("strict-transport-security");
  const base = { rule: "hsts", severity: severity2, references: [`${MDN}Strict-Transport-Security`] };
  const expected = `Strict-Transport-Security with max-age >= ${rule["min-max-age"]}${rule["include-subdomains"] ? " and includeSubDomains" : ""}`;
  if (value === null) {
    return [
      {
        ...base,
        title: `Strict-Transport-Security missing${note}`,
        expected,
        seen: "no header",
        solution: `Send Strict-Transport-Security: max-age=${Math.max(rule["min-max-age"], 31536e3)}; includeSubDomains.`
      }
    ];
  }
  const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(value)?.[1] ?? NaN);
  const subdomains = /(^|;)\s*includesubdomains\s*(;|$)/i.test(value);
  if (!(maxAge >= rule["min-max-age"]) || rule["include-subdomains"] && !subdomains) {
    return [
      {
        ...base,
        title: `Strict-Transport-Security too weak${note}`,
        expected,
        seen: `Strict-Transport-Security: ${value}`,
        solution: "Raise max-age (and add includeSubDomains where required)."
      }
    ];
  }
  return [];
}
function bannerProblems(h, rule) {
  const problems = [];
  for (const name of rule.forbidden) {
    const value = h.get(name);
    if (value === null) continue;
    problems.push({
      rule: `banner:${name.toLowerCase()}`,
      severity: rule.severity,
      title: `${name} banner present`,
      expected: `no ${name} header`,
      seen: `${name}: ${value}`,
      solution: `Remove the ${name} header (it tells attackers which software and version to target).`
    });
  }
  const server = h.get("server");
  const serverForbidden = rule.forbidden.some((n) => n.toLowerCase() === "server");
  if (rule["server-version"] && !serverForbidden && server !== null && VERSIONED.test(server)) {
    problems.push({
      rule: "banner:server",
      severity: rule.severity,
      title: "Server banner reveals a version",
      expected: "no version number in the Server header",
      seen: `Server: ${server}`,
      solution: "Hide the version (nginx server_tokens off; Apache ServerTokens Prod) or drop the header."
    });
  }
  return problems;
}
var KNOWN_POLICIES = new Set(REFERRER_POLICIES);
function effectiveReferrerPolicy(value) {
  const tokens = (value ?? "").split(",").map((t) => t.trim().toLowerCase()).filter((t) => KNOWN_POLICIES.has(t));
  return tokens.at(-1);
}

// src/checks/headers/observe-page.ts
async function observePage(client, page) {
  const res = await client.send(page.identity, { method: "GET", path: page.path });
  return {
    page,
    url: client.url(page.path),
    status: res.status,
    timedOut: res.timedOut === true,
    headers: res.headers,
    setCookies: res.headers.getSetCookie().map(decodeLatin1Utf8)
  };
}

// src/checks/headers/page-record.ts
var RECORDED_HEADERS = [
  "strict-transport-security",
  "content-security-policy",
  "content-security-policy-report-only",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "cross-origin-embedder-policy",
  "cache-control",
  "server",
  "x-powered-by"
];
function pageRecord(observed, extraBanners, cors) {
  const headers = {};
  for (const name of /* @__PURE__ */ new Set([...RECORDED_HEADERS, ...extraBanners.map((b) => b.toLowerCase())])) {
    const value = observed.headers.get(name);
    if (value !== null) headers[name] = decodeLatin1Utf8(value);
  }
  return {
    path: observed.page.path,
    identity: observed.page.identity,
    url: observed.url,
    status: observed.status,
    ...observed.timedOut ? { timedOut: true } : {},
    headers,
    cookies: observed.setCookies.map((line) => {
      const { name, secure, httpOnly, sameSite } = parseSetCookie(line);
      return { name, secure, httpOnly, ...sameSite !== void 0 ? { sameSite } : {} };
    }),
    ...cors ? { cors } : {}
  };
}

// src/checks/headers/plan.ts
function planHeaders(config) {
  const rules = config.headers ?? headersSection.unwrap().parse({});
  const base = new URL(config.target["base-url"]);
  const https = base.protocol === "https:";
  const pages = rules.paths.map(
    (entry) => typeof entry === "string" ? { path: entry, identity: rules.identity, skip: /* @__PURE__ */ new Set() } : { path: entry.path, identity: entry.identity ?? rules.identity, skip: new Set(entry.skip) }
  );
  const defined = (name) => name === "anonymous" || Boolean(config.identities[name]);
  const problems = [];
  if (!defined(rules.identity)) problems.push(unknownIdentity("headers.identity", rules.identity));
  rules.paths.forEach((entry, i) => {
    if (typeof entry !== "string" && entry.identity && !defined(entry.identity))
      problems.push(unknownIdentity(`headers.paths[${i}].identity`, entry.identity));
  });
  if (problems.length) throw new ConfigError(problems);
  const tls2 = https && rules.tls.enabled ? { host: base.hostname.replace(/^\[|\]$/g, ""), port: Number(base.port || 443) } : void 0;
  return { rules, baseUrl: base.toString(), https, pages, ...tls2 ? { tls: tls2 } : {} };
}
function unknownIdentity(path, name) {
  return { path, message: `identity "${name}" is not defined under identities` };
}

// src/checks/headers/report-section.ts
var SHOWN = [
  "strict-transport-security",
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "server",
  "x-powered-by"
];
function short(value) {
  if (value === void 0) return "—";
  return untrustedCell(value, 120);
}
function observedHeadersMarkdown(pages, tls2) {
  const out = [
    `| Header | ${pages.map((p) => `${cell(p.path)} (${p.status})`).join(" | ")} |`,
    `|---|${pages.map(() => "---").join("|")}|`
  ];
  for (const name of SHOWN) out.push(`| ${name} | ${pages.map((p) => short(p.headers[name])).join(" | ")} |`);
  out.push(
    `| cookies | ${pages.map(
      (p) => p.cookies.map(
        (c) => `${cell(c.name)}: ${[c.secure && "Secure", c.httpOnly && "HttpOnly", c.sameSite && `SameSite=${cell(c.sameSite)}`].filter(Boolean).join(" ") || "no flags"}`
      ).join("<br>") || "—"
    ).join(" | ")} |`
  );
  if (tls2) {
    out.push(
      "",
      `TLS ${tls2.host}:${tls2.port}: ${tls2.versions.map((v) => `${v.version} ${v.outcome}`).join(", ")}` + (tls2.certificate ? `; certificate valid to ${tls2.certificate.validTo} (${Math.floor(tls2.certificate.daysLeft)} days)` : "")
    );
  }
  return out.join("\n");
}

// src/checks/headers/headers-sarif.ts
var MDN2 = "https://developer.mozilla.org/docs/Web/HTTP/";
var RULES = {
  hsts: {
    name: "Strict-Transport-Security missing or weak",
    helpUri: `${MDN2}Headers/Strict-Transport-Security`
  },
  csp: { name: "Content-Security-Policy missing", helpUri: `${MDN2}Headers/Content-Security-Policy` },
  "csp-directive": {
    name: "Content-Security-Policy lacks a required directive",
    helpUri: `${MDN2}Headers/Content-Security-Policy`
  },
  "content-type-options": {
    name: "X-Content-Type-Options not nosniff",
    helpUri: `${MDN2}Headers/X-Content-Type-Options`
  },
  "frame-protection": { name: "No frame protection", helpUri: `${MDN2}Headers/X-Frame-Options` },
  "referrer-policy": {
    name: "Referrer-Policy missing or permissive",
    helpUri: `${MDN2}Headers/Referrer-Policy`
  },
  banner: { name: "Server software banner exposed" },
  "cookie-secure": { name: "Cookie without Secure", helpUri: `${MDN2}Headers/Set-Cookie` },
  "cookie-http-only": { name: "Cookie without HttpOnly", helpUri: `${MDN2}Headers/Set-Cookie` },
  "cookie-same-site": { name: "Cookie SameSite not as required", helpUri: `${MDN2}Headers/Set-Cookie` },
  cors: { name: "CORS allows foreign origins with credentials", helpUri: `${MDN2}CORS` },
  "tls-trusted": { name: "TLS certificate not trusted" },
  "no-answer": { name: "Page gave no usable answer" },
  timeout: { name: "Page did not answer in time" }
};
async function writeHeadersSarif(o, e) {
  const config = await configInRepository(o);
  const sectionLine = lineOfKey(config.text, ["headers"]);
  const pathLines = /* @__PURE__ */ new Map();
  o.rules.paths.forEach((entry, i) => {
    const p = typeof entry === "string" ? entry : entry.path;
    if (!pathLines.has(p)) pathLines.set(p, lineOfKey(config.text, ["headers", "paths", i]));
  });
  const locate = (f) => ({
    file: config.rel,
    line: f.place && pathLines.get(f.place) || sectionLine
  });
  const rules = Object.entries(RULES).map(([id, r]) => ({
    id: `headers.${id}`,
    ...r,
    help: e.findings.find((f) => f.ruleId === `headers.${id}` && f.solution)?.solution
  }));
  return writeSarif(o.outDir, e, { name: "opsgate headers", rules }, { locate, informational: "omit" });
}

// src/checks/headers/tls-rules.ts
function tlsVerdicts(probe, rules) {
  const place = `${probe.host}:${probe.port}`;
  const min = rules["min-version"];
  const minIndex = PROBED_TLS_VERSIONS.indexOf(min);
  const below = probe.versions.filter((v) => PROBED_TLS_VERSIONS.indexOf(v.version) < minIndex);
  const acceptedBelow = below.filter((v) => v.outcome === "accepted");
  const untested = below.filter((v) => v.outcome === "inconclusive");
  const atMin = probe.versions.find((v) => v.version === min);
  const lowest = probe.versions.find((v) => v.outcome === "accepted")?.version ?? "none";
  const detail = probe.versions.map((v) => `${v.version} ${v.outcome}${v.code && v.outcome !== "refused" ? ` (${v.code})` : ""}`).join(", ");
  const ok = acceptedBelow.length === 0 && atMin?.outcome === "accepted";
  const versionThreshold = {
    name: `TLS minimum version ${min} (${place})`,
    limit: min,
    actual: lowest,
    ok,
    detail: acceptedBelow.length ? `accepts ${acceptedBelow.map((v) => v.version).join(", ")}, older than ${min}: ${detail}` : atMin?.outcome !== "accepted" ? `${min} not accepted: ${detail}` : detail
  };
  if (ok && untested.length) {
    versionThreshold.skipped = `could not offer ${untested.map((v) => v.version).join(", ")} from this machine: ${detail}`;
  }
  const cert = probe.certificate;
  const days = cert ? Math.floor(cert.daysLeft) : null;
  const certThreshold = {
    name: `TLS certificate days to expiry (${place})`,
    limit: rules["cert-min-days"],
    actual: days,
    unit: "days",
    ok: days !== null && days >= rules["cert-min-days"],
    detail: cert ? `valid to ${cert.validTo}; subject ${cert.subject}; issuer ${cert.issuer}` : "no certificate: the handshake did not complete"
  };
  const findings = [];
  if (cert && !cert.trusted) {
    findings.push(
      headerFinding({
        rule: "tls-trusted",
        place,
        severity: rules["trusted-severity"],
        title: `TLS certificate not trusted (${place})`,
        problem: "TLS certificate not trusted",
        expected: "a chain to a trusted root that names the host",
        seen: `${cert.trustError ?? "not verified"}; subject ${cert.subject}; issuer ${cert.issuer}`,
        location: `tls://${place}`,
        solution: "Serve the full chain from a trusted CA for this host name (private CA: set NODE_EXTRA_CA_CERTS for opsgate)."
      })
    );
  }
  return { thresholds: [versionThreshold, certThreshold], findings };
}

// src/checks/headers/headers-check.ts
var headersCheck = {
  name: "headers",
  description: "security headers, cookie flags, banners, CORS and TLS (versions, certificate expiry)",
  run: runHeadersCheck
};
async function runHeadersCheck(ctx) {
  const plan = planHeaders(ctx.config);
  const target = ctx.config.target;
  const evidence = startEvidence("headers", target["base-url"], target.name);
  if (!plan.rules.enabled) {
    evidence.summary = "headers check disabled (headers.enabled: false)";
    return evidence;
  }
  assertAllowedHost(target, plan.baseUrl);
  const covered = [];
  let tls2;
  if (plan.tls) {
    ctx.log(`headers: probing TLS on ${plan.tls.host}:${plan.tls.port}`);
    tls2 = await probeTls({ ...plan.tls, timeoutMs: plan.rules.tls["timeout-ms"], label: plan.baseUrl });
    const verdicts = tlsVerdicts(tls2, plan.rules.tls);
    covered.push(headersScope(`${plan.tls.host}:${plan.tls.port}`));
    evidence.thresholds.push(...verdicts.thresholds);
    evidence.findings.push(...verdicts.findings);
  } else if (plan.rules.tls.enabled) {
    evidence.thresholds.push(...skippedTlsThresholds(plan));
  }
  const client = new TargetClient(target, ctx.config.identities, ctx.sessions, ctx.signal);
  const pages = [];
  let gone;
  for (const page of plan.pages) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error("interrupted");
    ctx.log(`headers: GET ${page.path} as ${page.identity}`);
    let observed;
    try {
      observed = await withTrustHint(observePage(client, page), tls2);
    } catch (err) {
      const why = requestFailureReason(err);
      if (!why || ctx.signal.aborted || targetGone(err) && !pages.some((p) => !p.error)) throw err;
      if (targetGone(err)) gone ??= `${page.path}: ${why}`;
      evidence.findings.push(noAnswerFinding(page, client.url(page.path), why));
      pages.push({
        path: page.path,
        identity: page.identity,
        url: client.url(page.path),
        status: 0,
        headers: {},
        cookies: [],
        error: why
      });
      continue;
    }
    if (observed.timedOut) {
      evidence.findings.push(timeoutFinding(observed, target["timeout-ms"]));
      pages.push(pageRecord(observed, plan.rules.banners.forbidden));
      continue;
    }
    covered.push(headersScope(page.path));
    evidence.findings.push(
      ...headerFindings(observed, plan.rules, plan.https),
      ...cookieFindings(observed, plan.rules.cookies)
    );
    let cors;
    if (plan.rules.cors.enabled && !page.skip.has("cors")) {
      try {
        cors = await withTrustHint(probeCors(client, page, plan.rules.cors), tls2);
        evidence.findings.push(...corsFindings(cors, page, observed.url, plan.rules.cors));
      } catch (err) {
        const why = requestFailureReason(err);
        if (!why) throw err;
        evidence.findings.push(noAnswerFinding(page, observed.url, `CORS probe: ${why}`));
      }
    }
    pages.push(pageRecord(observed, plan.rules.banners.forbidden, cors));
  }
  evidence.coverage = [...new Set(covered)];
  if (gone)
    evidence.error = {
      kind: "TargetUnreachableError",
      message: `target stopped answering at ${gone}; the ${pages.filter((p) => !p.error).length} pages answered before are kept`
    };
  evidence.metrics = metricsOf(pages, evidence.findings, tls2);
  evidence.data = { pages, ...tls2 ? { tls: tls2 } : {} };
  evidence.sections = [{ title: "Observed security headers", markdown: observedHeadersMarkdown(pages, tls2) }];
  evidence.summary = summaryOf(pages, evidence);
  const sarif = await writeHeadersSarif({ ...ctx, rules: plan.rules }, evidence);
  evidence.artifacts.push({ name: "sarif", path: sarif });
  return evidence;
}
function skippedTlsThresholds(plan) {
  const reason = "target is http: no TLS to probe";
  return [
    {
      name: `TLS minimum version ${plan.rules.tls["min-version"]}`,
      limit: plan.rules.tls["min-version"],
      actual: null,
      ok: true,
      skipped: reason
    },
    {
      name: "TLS certificate days to expiry",
      limit: plan.rules.tls["cert-min-days"],
      actual: null,
      ok: true,
      unit: "days",
      skipped: reason
    }
  ];
}
async function withTrustHint(pending, tls2) {
  try {
    return await pending;
  } catch (err) {
    const cert = tls2?.certificate;
    if (err instanceof TargetUnreachableError && cert && !cert.trusted) {
      throw new TargetUnreachableError(
        err.tried,
        Object.assign(
          new Error(
            `${err.message}; the certificate is not trusted (${cert.trustError ?? "unverified"}), for a private CA set NODE_EXTRA_CA_CERTS`
          ),
          { code: err.code }
        )
      );
    }
    throw err;
  }
}
function noAnswerFinding(page, url, why) {
  return {
    fingerprint: fingerprintOf("headers", "no-answer", page.path),
    scope: headersScope(page.path),
    severity: "high",
    title: `No usable answer from ${page.path}: ${why}`,
    problem: "No usable answer",
    place: page.path,
    expected: "a response whose headers can be checked",
    observed: why,
    detail: `expected: a response whose headers can be checked; seen: ${why}. The other pages were checked.`,
    location: `GET ${url}`,
    ruleId: "headers.no-answer"
  };
}
function timeoutFinding(observed, timeoutMs) {
  return {
    fingerprint: fingerprintOf("headers", "timeout", observed.page.path),
    scope: headersScope(observed.page.path),
    severity: "medium",
    title: `No answer from ${observed.page.path} within ${timeoutMs} ms`,
    problem: `No answer within ${timeoutMs} ms`,
    place: observed.page.path,
    expected: "a response whose headers can be checked",
    observed: `no response within ${timeoutMs} ms`,
    detail: `expected: a response whose headers can be checked; seen: no response within ${timeoutMs} ms`,
    location: `GET ${observed.url}`,
    ruleId: "headers.timeout"
  };
}
function metricsOf(pages, findings, tls2) {
  const metrics = { pages_checked: pages.length };
  for (const s of severity.options) {
    metrics[`findings_${s}`] = findings.filter((f) => f.severity === s && !f.suppressed).length;
  }
  if (tls2?.certificate) metrics.cert_days_left = Math.floor(tls2.certificate.daysLeft);
  if (tls2) metrics.tls_versions_accepted = tls2.versions.filter((v) => v.outcome === "accepted").length;
  return metrics;
}
function summaryOf(pages, e) {
  const bySeverity = severity.options.map((s) => [s, e.findings.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  const findings = e.findings.length ? `${e.findings.length} finding${e.findings.length === 1 ? "" : "s"} (${bySeverity.join(", ")})` : "no findings";
  const failedTls = e.thresholds.filter((t) => !t.ok).map((t) => t.name);
  const tls2 = failedTls.length ? `; failed: ${failedTls.join("; ")}` : "";
  return `${pages.length} page${pages.length === 1 ? "" : "s"} checked: ${findings}${tls2}`;
}

export {
  headersCheck,
  runHeadersCheck
};
