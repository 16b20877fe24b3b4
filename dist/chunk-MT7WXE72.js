import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  untrustedCell,
  untrustedText
} from "./chunk-QAYL33UC.js";

// src/core/render/control-table.ts
var statusIcon = {
  pass: "✅",
  warn: "⚠️",
  fail: "❌",
  error: "💥",
  skip: "⏭️",
  suppressed: "🔕",
  info: "ℹ️"
};
var MAX_PLACES = 20;
var MAX_VALUES = 5;
var VALUE_BYTES = 200;
var PLACES_BYTES = 1e3;
function controlTable(controls) {
  const rows = groupRows(controls);
  const fix = rows.some((r) => r.solution);
  const out = [
    `| | Control | Expected | Actual | Detail |${fix ? " Fix |" : ""}`,
    `|---|---|---|---|---|${fix ? "---|" : ""}`
  ];
  for (const r of rows) {
    const cells = [statusIcon[r.status], cell(r.name), cell(r.expected), r.actualMarkdown, r.detailMarkdown];
    if (fix) cells.push(cell(r.solution));
    out.push(`| ${cells.join(" | ")} |`);
  }
  return out;
}
function cell(text, maxBytes) {
  return untrustedCell(text, maxBytes);
}
function named(c, name) {
  return c.severity ? `${name} (${c.severity})` : name;
}
function groupRows(controls) {
  const rows = [];
  const groups = /* @__PURE__ */ new Map();
  for (const c of controls) {
    if (!c.problem) {
      rows.push({
        status: c.status,
        name: named(c, c.name),
        expected: c.expected,
        actualMarkdown: cell(c.actual),
        detailMarkdown: cell(c.detail),
        solution: c.solution
      });
      continue;
    }
    const key = JSON.stringify([c.problem, c.status, c.severity, c.expected, c.solution]);
    const group = groups.get(key);
    if (group) group.push(c);
    else {
      const fresh = [c];
      groups.set(key, fresh);
      rows.push(fresh);
    }
  }
  return rows.map((r) => Array.isArray(r) ? groupedRow(r) : r);
}
function groupedRow(group) {
  const first = group[0];
  const places = group.map((c) => c.place ?? c.name);
  const byValue = /* @__PURE__ */ new Map();
  for (const c of group) {
    const value = c.actual ?? "";
    byValue.set(value, [...byValue.get(value) ?? [], c.place ?? c.name]);
  }
  const values = [...byValue];
  const actualMarkdown = values.length === 1 ? cell(values[0][0], VALUE_BYTES) : values.slice(0, MAX_VALUES).map(([v, at]) => `${cell(v, VALUE_BYTES)} (${cell(listed(at, 3), 200)})`).concat(values.length > MAX_VALUES ? [`… and ${values.length - MAX_VALUES} more values`] : []).join("<br>");
  const where = `seen on ${listed(places, MAX_PLACES)}${group.length > 1 ? ` (${group.length})` : ""}`;
  return {
    status: first.status,
    name: named(first, first.problem),
    expected: first.expected,
    actualMarkdown,
    detailMarkdown: cell(where, PLACES_BYTES),
    solution: first.solution
  };
}
function listed(items, max) {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown}, … and ${items.length - max} more` : shown;
}

// src/core/render/run-metadata.ts
var REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
var SERVER = /^https:\/\/[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;
var RUN_ID = /^\d{1,20}$/;
var SHA = /^[0-9a-f]{7,64}$/i;
var MAX_NAMED = 5;
function runMetadataLine(evidence) {
  if (!evidence.length) return void 0;
  const runs = distinct(evidence.map(runPart));
  const commits = distinct(evidence.map(commitPart).filter((c) => Boolean(c)));
  const parts = [
    `Run: ${named2(runs)}`,
    commits.length ? `${commits.length === 1 ? "commit" : "commits"} ${named2(commits)}` : "commit unknown"
  ];
  const time = timeSpan(evidence);
  if (time) parts.push(time);
  return parts.join(" · ");
}
function runPart(e) {
  const p = e.provenance ?? {};
  if (!p.runId) return "local run";
  const server = (p.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  if (p.repository && REPO.test(p.repository) && RUN_ID.test(p.runId) && SERVER.test(server)) {
    const attempt = p.runAttempt && /^\d{1,5}$/.test(p.runAttempt) && p.runAttempt !== "1";
    const url = `${server}/${p.repository}/actions/runs/${p.runId}${attempt ? `/attempts/${p.runAttempt}` : ""}`;
    return `[${p.repository} run ${p.runId}${attempt ? ` attempt ${p.runAttempt}` : ""}](${url})`;
  }
  return `run ${untrustedText(p.runId, { maxBytes: 40 })}`;
}
function commitPart(e) {
  const sha = e.run.commit ?? e.provenance?.sha;
  if (!sha) return void 0;
  if (!SHA.test(sha)) return untrustedText(sha, { maxBytes: 64 });
  const p = e.provenance ?? {};
  const server = (p.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  const short = `\`${sha.slice(0, 7)}\``;
  return p.repository && REPO.test(p.repository) && SERVER.test(server) ? `[${short}](${server}/${p.repository}/commit/${sha})` : short;
}
function timeSpan(evidence) {
  const starts = evidence.map((e) => Date.parse(e.run.startedAt)).filter(Number.isFinite);
  const ends = evidence.map((e) => Date.parse(e.run.finishedAt)).filter(Number.isFinite);
  if (!starts.length) return void 0;
  const from = utc(Math.min(...starts));
  const to = ends.length ? utc(Math.max(...ends)) : from;
  if (to === from) return `${from} UTC`;
  return to.slice(0, 10) === from.slice(0, 10) ? `${from}–${to.slice(11)} UTC` : `${from} – ${to} UTC`;
}
function utc(ms) {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}
function distinct(items) {
  return [...new Set(items)];
}
function named2(items) {
  const shown = items.slice(0, MAX_NAMED).join(", ");
  return items.length > MAX_NAMED ? `${shown}, … and ${items.length - MAX_NAMED} more` : shown;
}

// src/core/render/markdown.ts
var verdictIcon = {
  pass: "✅",
  warn: "⚠️",
  fail: "❌",
  error: "💥",
  skip: "⏭️"
};
function cell2(text) {
  return untrustedCell(text);
}
function renderReport(gate, opts = {}) {
  const out = [];
  const target = gate.checks.find((c) => c.evidence)?.evidence?.target;
  out.push(`## ${opts.title ?? "opsgate"} — ${verdictIcon[gate.verdict]} ${gateHeadline(gate)}`);
  if (target)
    out.push(
      "",
      `Target: ${untrustedText(target.url)}${target.name ? ` (${untrustedText(target.name)})` : ""}`
    );
  const run = runMetadataLine(gate.checks.flatMap((c) => c.evidence ? [c.evidence] : []));
  if (run) out.push("", run);
  const skipped = gate.skipped ?? [];
  if (skipped.length)
    out.push("", ...skipped.map((s) => `⏭️ **${s.check} skipped** (not a pass): ${untrustedText(s.reason)}`));
  out.push("", "| Check | Verdict | Controls | Summary |", "|---|---|---|---|");
  for (const c of gate.checks)
    out.push(
      `| ${c.check} | ${verdictIcon[c.verdict]} ${c.verdict} | ${tally(c.controls)} | ${cell2(c.summary)} |`
    );
  for (const c of gate.checks) out.push("", ...renderCheck(c));
  return out.join("\n") + "\n";
}
function gateHeadline(gate) {
  const skipped = gate.skipped ?? [];
  if (!gate.passed) return "gate failed";
  if (gate.verdict === "skip") return `gate not failed: skipped (${skipped.map((s) => s.check).join(", ")})`;
  return skipped.length ? `gate passed, ${skipped.length} skipped` : "gate passed";
}
function tally(rows) {
  const counts = /* @__PURE__ */ new Map();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(" · ") || "—";
}
function renderCheck(c) {
  const out = [`### ${verdictIcon[c.verdict]} ${c.check}`];
  const sent = Object.entries(c.evidence?.metrics ?? {}).filter(([k]) => k.startsWith("requests sent to "));
  if (sent.length)
    out.push(
      "",
      `Requests sent: ${sent.map(([k, v]) => `${untrustedText(k.slice(17))} ${String(v)}`).join(", ")}`
    );
  const attention = c.controls.filter((r) => ["fail", "error", "warn"].includes(r.status));
  if (attention.length) out.push("", ...controlTable(attention));
  const rest = c.controls.filter((r) => !attention.includes(r));
  if (rest.length) {
    out.push(
      "",
      `<details><summary>Other controls (${rest.length})</summary>`,
      "",
      ...controlTable(rest),
      "",
      "</details>"
    );
  }
  for (const s of c.evidence?.sections ?? []) out.push("", `#### ${s.title}`, "", s.markdown);
  return out;
}

export {
  statusIcon,
  verdictIcon,
  cell2 as cell,
  renderReport
};
