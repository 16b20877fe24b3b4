import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  untrustedCell,
  untrustedText
} from "./chunk-2ZMN5HWJ.js";

// src/core/render/markdown.ts
var verdictIcon = {
  pass: "✅",
  warn: "⚠️",
  fail: "❌",
  error: "💥",
  skip: "⏭️"
};
var statusIcon = {
  pass: "✅",
  warn: "⚠️",
  fail: "❌",
  error: "💥",
  skip: "⏭️",
  suppressed: "🔕",
  info: "ℹ️"
};
function cell(text) {
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
  const skipped = gate.skipped ?? [];
  if (skipped.length)
    out.push("", ...skipped.map((s) => `⏭️ **${s.check} skipped** (not a pass): ${untrustedText(s.reason)}`));
  out.push("", "| Check | Verdict | Controls | Summary |", "|---|---|---|---|");
  for (const c of gate.checks)
    out.push(
      `| ${c.check} | ${verdictIcon[c.verdict]} ${c.verdict} | ${tally(c.controls)} | ${cell(c.summary)} |`
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
function controlTable(rows) {
  const out = ["| | Control | Expected | Actual | Detail |", "|---|---|---|---|---|"];
  for (const r of rows) {
    const name = r.severity ? `${r.name} (${r.severity})` : r.name;
    out.push(
      `| ${statusIcon[r.status]} | ${cell(name)} | ${cell(r.expected)} | ${cell(r.actual)} | ${cell(r.detail)} |`
    );
  }
  return out;
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
  verdictIcon,
  cell,
  renderReport
};
