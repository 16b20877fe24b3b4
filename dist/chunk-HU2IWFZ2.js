import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  CHECK_NAMES,
  ENV_REFERENCE,
  configSchema,
  formatPath,
  interpolateEnv,
  isPlainPath,
  targetSection
} from "./chunk-LNDSDFT6.js";
import {
  require_dist
} from "./chunk-SWQS7YNX.js";
import {
  ConfigError
} from "./chunk-OSGOEP7K.js";
import {
  __toESM
} from "./chunk-4GQUXEY7.js";

// src/core/config/env-scope.ts
var ALWAYS = ["version", "gate", "store"];
function envScope(raw, checks) {
  const identities = /* @__PURE__ */ new Set();
  for (const check of checks) for (const name of identitiesNamed(raw, check)) identities.add(name);
  const sections = /* @__PURE__ */ new Set([...ALWAYS, ...checks, ...checks.length ? ["target"] : []]);
  return {
    needs(path2) {
      const [top, second] = path2.split(/[.[]/, 2);
      if (top === "identities") return second === void 0 || identities.has(second);
      return sections.has(top);
    }
  };
}
function identitiesNamed(raw, check) {
  const defined = raw.identities && typeof raw.identities === "object" ? Object.keys(raw.identities) : [];
  if (!defined.length || raw[check] === void 0) return [];
  const named = /* @__PURE__ */ new Set();
  const walk = (v) => {
    if (typeof v === "string") {
      if (defined.includes(v)) named.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, inner] of Object.entries(v)) {
        if (defined.includes(k)) named.add(k);
        walk(inner);
      }
  };
  walk(raw[check]);
  return [...named];
}
function envReferences(parts) {
  const found = /* @__PURE__ */ new Map();
  const walk = (v, at) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(ENV_REFERENCE)) {
        if (!m[1]) continue;
        const seen = found.get(m[1]);
        const plain = isPlainPath(at) && (seen?.plain ?? true);
        found.set(m[1], { name: m[1], hasDefault: (seen?.hasDefault ?? true) && m[2] !== void 0, plain });
      }
    } else if (Array.isArray(v)) v.forEach((inner, i) => walk(inner, [...at, i]));
    else if (v && typeof v === "object") for (const [k, inner] of Object.entries(v)) walk(inner, [...at, k]);
  };
  for (const [at, value] of parts) walk(value, at);
  return [...found.values()];
}
function variablesOfCheck(raw, check) {
  return variablesOfChecks(raw, check ? [check] : []);
}
function variablesOfChecks(raw, checks) {
  const ids = raw.identities ?? {};
  const parts = ALWAYS.map((k) => [[k], raw[k]]);
  if (checks.length) parts.push([["target"], raw.target]);
  for (const check of checks) {
    parts.push([[check], raw[check]]);
    for (const name of identitiesNamed(raw, check)) parts.push([["identities", name], ids[name]]);
  }
  return envReferences(parts);
}
function variablesByCheck(raw, env) {
  const use = (refs) => refs.map((r) => ({ ...r, set: env[r.name] !== void 0 || r.hasDefault }));
  const rows = [];
  for (const check of CHECK_NAMES)
    if (raw[check] !== void 0) rows.push({ check, variables: use(variablesOfCheck(raw, check)) });
  rows.push({ check: "gate", variables: use(variablesOfCheck(raw, void 0)) });
  return rows;
}

// src/core/config/load-config.ts
import { readFile } from "node:fs/promises";
import path from "node:path";

// src/core/config/cross-references.ts
var placeholderPattern = /\{([A-Za-z0-9_.-]+)\}/g;
function placeholders(...values) {
  const names = /* @__PURE__ */ new Set();
  const visit = (v) => {
    if (typeof v === "string") for (const m of v.matchAll(placeholderPattern)) names.add(m[1]);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  values.forEach(visit);
  return [...names];
}
function identityUses(c) {
  const uses = [];
  const add = (path2, identity, check) => {
    if (identity !== void 0) uses.push({ path: path2, identity, check });
  };
  const h = c.headers;
  if (h) {
    add("headers.identity", h.identity, "headers");
    h.paths.forEach(
      (p, i) => typeof p === "object" && add(`headers.paths[${i}].identity`, p.identity, "headers")
    );
  }
  c.load?.endpoints?.forEach((e, i) => add(`load.endpoints[${i}].identity`, e.identity, "load"));
  if (c.dast) add("dast.identity", c.dast.identity, "dast");
  const r = c.rbac;
  if (r) {
    r.defaults.forEach(
      (d, i) => Object.keys(d.expect).forEach((w) => add(`rbac.defaults[${i}].expect.${w}`, w, "rbac"))
    );
    r.matrix.forEach((row, i) => {
      Object.keys(row.expect).forEach((w) => add(`rbac.matrix[${i}].expect.${w}`, w, "rbac"));
      add(`rbac.matrix[${i}].cleanup.identity`, row.cleanup?.identity, "rbac");
    });
    for (const [name, f] of Object.entries(r.fixtures))
      if (typeof f === "object") {
        add(`rbac.fixtures.${name}.create.identity`, f.create.identity, "rbac");
        add(`rbac.fixtures.${name}.cleanup.identity`, f.cleanup?.identity, "rbac");
      }
    r.ownership.forEach((o, i) => {
      add(`rbac.ownership[${i}].owner`, o.owner, "rbac");
      o.others.forEach((w, j) => add(`rbac.ownership[${i}].others[${j}]`, w, "rbac"));
    });
  }
  const a = c.abuse;
  if (a) {
    add("abuse.login-limiter.identity", a["login-limiter"]?.identity, "abuse");
    add("abuse.login-limiter.unlock.identity", a["login-limiter"]?.unlock?.identity, "abuse");
    add("abuse.global-limit.identity", a["global-limit"]?.identity, "abuse");
  }
  return uses;
}
function crossReferenceProblems(c) {
  const problems = [];
  const ids = c.identities;
  const known = (n) => n === "anonymous" || n in ids;
  const uses = identityUses(c);
  for (const u of uses)
    if (!known(u.identity))
      problems.push({ path: u.path, message: `identity "${u.identity}" is not defined under identities` });
  const login = c.abuse?.["login-limiter"];
  if (login && known(login.identity)) {
    const kind = ids[login.identity]?.kind ?? "anonymous";
    if (kind !== "json-login" && kind !== "cookie-session")
      problems.push({
        path: "abuse.login-limiter.identity",
        message: `identity "${login.identity}" is ${kind}: the login limiter needs a json-login or cookie-session identity (it sends its login request)`
      });
    if (login.unlock?.identity === login.identity)
      problems.push({
        path: "abuse.login-limiter.unlock.identity",
        message: `the unlock must be sent by another identity (an admin), not the locked "${login.identity}"`
      });
  }
  const spent = [
    ["abuse.login-limiter.identity", login?.identity],
    ["abuse.global-limit.identity", c.abuse?.["global-limit"]?.identity]
  ];
  for (const [path2, who] of spent) {
    if (!who || who === "anonymous") continue;
    const other = uses.find((u) => u.identity === who && u.check !== "abuse");
    if (other)
      problems.push({
        path: path2,
        message: `identity "${who}" is also used by ${other.check} (${other.path}); abuse locks out or throttles it, so give it a dedicated account`
      });
  }
  const r = c.rbac;
  if (r) {
    const statics = new Set(Object.keys(r.fixtures));
    const captured = (name) => {
      const m = /^([a-z0-9][a-z0-9_-]*)\.([A-Za-z0-9_-]+)$/.exec(name);
      const id = m ? ids[m[1]] : void 0;
      return Boolean(id && "capture" in id && id.capture && m[2] in id.capture);
    };
    r.matrix.forEach((row, i) => {
      for (const p of placeholders(row.path, row.body))
        if (!statics.has(p))
          problems.push({
            path: `rbac.matrix[${i}].path`,
            message: `placeholder {${p}} has no entry under rbac.fixtures`
          });
    });
    r.ownership.forEach((o, i) => {
      const parts = [
        ["create", o.create, false],
        ["lookup", o.lookup, false],
        ["resource", o.resource, true],
        ["update-body", o["update-body"], true],
        ["cleanup", o.cleanup, true]
      ];
      for (const [key, value, idAllowed] of parts)
        for (const p of placeholders(value)) {
          const fixture = r.fixtures[p];
          const ok = p === "run" || p === "id" && idAllowed || fixture !== void 0 && typeof fixture !== "object" || captured(p);
          if (!ok)
            problems.push({
              path: `rbac.ownership[${i}].${key}`,
              message: `placeholder {${p}} is filled by nothing: use a static rbac.fixtures value, {run}, ${idAllowed ? "{id}, " : ""}or an identity capture {identity.name}`
            });
        }
    });
  }
  return problems;
}

// src/core/config/yaml-document.ts
var import_yaml = __toESM(require_dist(), 1);
var FORBIDDEN_KEYS = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
var MAX_DEPTH = 64;
var MAX_ALIAS_EXPANSION = 1e4;
var CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
function parseYamlConfig(text, fileLabel) {
  const lc = new import_yaml.LineCounter();
  const problems = [];
  const at = (offset) => offset === void 0 ? 1 : lc.linePos(offset).line;
  const problem = (line, path2, message) => {
    problems.push({ file: fileLabel, line, path: formatPath(path2), message });
  };
  let doc;
  const realEnv = process.env;
  process.env = { ...realEnv };
  try {
    doc = (0, import_yaml.parseDocument)(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    throw new ConfigError([{ file: fileLabel, line: 1, path: "", message: `cannot parse: ${String(err)}` }]);
  } finally {
    process.env = realEnv;
  }
  for (const e of doc.errors) problem(at(e.pos[0]), [], e.message.split("\n")[0]);
  if (problems.length) throw new ConfigError(problems);
  const lines = /* @__PURE__ */ new Map();
  const building = /* @__PURE__ */ new Set();
  let expanded = 0;
  const build = (node, path2, depth, viaAlias) => {
    if (node === null || node === void 0) return null;
    const n = node;
    const line = at(n.range?.[0]);
    if (depth > MAX_DEPTH) {
      problem(line, path2, `nested deeper than ${MAX_DEPTH} levels`);
      return null;
    }
    if (viaAlias && ++expanded > MAX_ALIAS_EXPANSION) {
      if (expanded === MAX_ALIAS_EXPANSION + 1)
        problem(line, path2, `aliases expand to more than ${MAX_ALIAS_EXPANSION} values (an alias bomb?)`);
      return null;
    }
    if ((0, import_yaml.isAlias)(n)) {
      const target = n.resolve(doc);
      if (!target) {
        problem(line, path2, `unknown alias *${n.source}`);
        return null;
      }
      if (building.has(target)) {
        problem(line, path2, `alias *${n.source} refers to a node that contains it`);
        return null;
      }
      return build(target, path2, depth, true);
    }
    if ((0, import_yaml.isScalar)(n)) {
      const v = n.value;
      if (typeof v === "string" && CONTROL.test(v)) {
        problem(line, path2, "control characters are not allowed in a value");
        return null;
      }
      return v instanceof Uint8Array ? "[binary]" : v ?? null;
    }
    building.add(n);
    try {
      if ((0, import_yaml.isSeq)(n))
        return n.items.map((item, i) => {
          const p = [...path2, i];
          const r = item?.range;
          if (r && !viaAlias) lines.set(formatPath(p), at(r[0]));
          return build(item, p, depth + 1, viaAlias);
        });
      if ((0, import_yaml.isMap)(n)) {
        const out = {};
        const seen = /* @__PURE__ */ new Set();
        for (const pair of n.items) {
          const keyNode = pair.key;
          const keyLine = at(keyNode?.range?.[0] ?? n.range?.[0]);
          if (!(0, import_yaml.isScalar)(keyNode) || typeof keyNode.value === "object" && keyNode.value !== null) {
            problem(keyLine, path2, "keys must be plain scalars");
            continue;
          }
          const key = String(keyNode.value);
          const p = [...path2, key];
          if (FORBIDDEN_KEYS.has(key)) {
            problem(keyLine, p, `"${key}" is not allowed as a key`);
            continue;
          }
          if (seen.has(key)) {
            problem(keyLine, p, `duplicate key "${key}"`);
            continue;
          }
          seen.add(key);
          if (!viaAlias) lines.set(formatPath(p), keyLine);
          out[key] = build(pair.value, p, depth + 1, viaAlias);
        }
        return out;
      }
      problem(line, path2, "unsupported YAML node");
      return null;
    } finally {
      building.delete(n);
    }
  };
  const value = build(doc.contents, [], 0, false);
  if (problems.length) throw new ConfigError(problems);
  return {
    value,
    lineOf(path2) {
      for (let i = path2.length; i > 0; i--) {
        const line = lines.get(formatPath(path2.slice(0, i)));
        if (line !== void 0) return line;
      }
      return 1;
    }
  };
}

// src/core/config/load-config.ts
async function loadConfig(file, env = process.env, checks, opts = {}) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = err.code;
    throw new ConfigError(
      `cannot read config ${file}${code === "ENOENT" ? ": file not found" : `: ${code}`}`
    );
  }
  const config = parseConfigText(text, path.basename(file), env, checks, opts);
  const abs = path.resolve(file);
  return { config, file: abs, dir: path.dirname(abs) };
}
function parseConfigText(text, fileLabel, env = process.env, checks, opts = {}) {
  const doc = parseYamlConfig(text, fileLabel);
  const raw = doc.value ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError([
      { file: fileLabel, line: 1, path: "", message: "expected a mapping at the top level" }
    ]);
  }
  const problems = [];
  const envProblems = [];
  const interpolated = interpolateEnv(raw, env, envProblems);
  const scope = checks && envScope(raw, checks);
  const deferred = scope ? envProblems.filter((p) => !scope.needs(p.path) && / is not set$/.test(p.message)) : [];
  for (const p of envProblems)
    if (!deferred.includes(p)) problems.push({ ...p, file: fileLabel, line: doc.lineOf(parsePath(p.path)) });
  const parsed = configSchema.safeParse(interpolated, { reportInput: true });
  if (!parsed.success) {
    const reported = new Set(envProblems.map((p) => p.path));
    for (const issue of flattenIssues(parsed.error.issues)) {
      const at = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
      if (reported.has(formatPath(at))) continue;
      problems.push({
        file: fileLabel,
        line: doc.lineOf(at),
        path: formatPath(at),
        message: describeIssue(issue)
      });
    }
  }
  if (!problems.length && opts.crossReferences && parsed.success)
    for (const p of crossReferenceProblems(parsed.data))
      problems.push({ ...p, file: fileLabel, line: doc.lineOf(parsePath(p.path)) });
  if (problems.length) throw new ConfigError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  if (parsed.success) return parsed.data;
  return withoutTargetSchema.parse(withoutSections(interpolated, deferred));
}
var withoutTargetSchema = configSchema.extend({ target: targetSection.optional() });
function withoutSections(config, problems) {
  const split = problems.map((p) => p.path.split(/[.[]/, 2));
  const droppedIdentities = new Set(split.filter(([t, id]) => t === "identities" && id).map(([, id]) => id));
  const droppedSections = new Set(split.filter(([t]) => t !== "identities").map(([t]) => t));
  const out = Object.fromEntries(Object.entries(config).filter(([k]) => !droppedSections.has(k)));
  if (config.identities && typeof config.identities === "object")
    out.identities = Object.fromEntries(
      Object.entries(config.identities).filter(([name]) => !droppedIdentities.has(name))
    );
  return out;
}
function flattenIssues(issues) {
  const out = [];
  for (const i of issues) {
    if (i.code === "invalid_union" && i.errors.length === 1) {
      out.push(...flattenIssues(i.errors[0].map((e) => ({ ...e, path: [...i.path, ...e.path] }))));
    } else out.push(i);
  }
  return out;
}
function describeIssue(issue) {
  const input = issue.input;
  if (issue.code === "unrecognized_keys")
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_type" && input === void 0) return `required (expected ${issue.expected})`;
  const message = issue.message.replace(/^Invalid (input|option): /, "");
  if (issue.code === "invalid_type" && /received/.test(message))
    return `expected ${issue.expected}, got ${show(input)}`;
  if (input !== void 0 && /^expected /.test(message) && !/, got /.test(message))
    return `${message}, got ${show(input)}`;
  return message;
}
function show(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return JSON.stringify(v);
}
function lineOfKey(text, at) {
  return parseYamlConfig(text, "opsgate.yml").lineOf(at) ?? 1;
}
function parsePath(dotted) {
  const parts = [];
  for (const m of dotted.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    parts.push(m[2] !== void 0 ? Number(m[2]) : m[1]);
  return parts;
}

export {
  variablesOfChecks,
  variablesByCheck,
  loadConfig,
  lineOfKey
};
