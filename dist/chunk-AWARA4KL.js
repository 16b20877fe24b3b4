import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  renderReport,
  verdictIcon
} from "./chunk-MT7WXE72.js";

// src/core/drill/drill-issue.ts
var DRILL_LABEL = "opsgate-drill";
function drillTitle(month) {
  return `Drill ${month}`;
}
function drillMarker(month) {
  return `<!-- opsgate:drill:${month} -->`;
}
function drillMonthOf(text) {
  return /\x3c!-- opsgate:drill:(\d{4}-\d{2}) -->/.exec(text)?.[1] ?? /^Drill (\d{4}-\d{2})$/.exec(text.trim())?.[1];
}
function signoffLine(login, checked) {
  return `- [${checked ? "x" : " "}] @${login} signs off these drill results`;
}
function checkedApprovers(body) {
  return [...body.matchAll(/^- \[[xX]\] @([A-Za-z0-9-]+) signs off/gm)].map((m) => m[1]);
}
function renderDrillIssue(input) {
  const ticked = new Set(checkedApprovers(input.previousBody ?? "").map((l) => l.toLowerCase()));
  const checklist = input.approvers.length ? input.approvers.map((a) => signoffLine(a, ticked.has(a.toLowerCase()))) : ["_No approvers are listed in the drill definition (`sign-off.approvers` in drills/monthly.yml)._"];
  return [
    drillMarker(input.month),
    `# ${drillTitle(input.month)} — ${verdictIcon[input.gate.verdict]} ${input.gate.verdict === "skip" ? "skipped, not failed" : input.gate.passed ? "passed" : "failed"}`,
    "",
    input.runUrl ? `Run: ${input.runUrl} (evidence, report.md and junit.xml are attached as an artifact).` : "",
    "",
    renderReport(input.gate, { title: "Results" }).replace(/^## /, "## "),
    "## Sign-off",
    "",
    "An approver signs off by ticking their box or by commenting `/signoff`; the sign-off is recorded in the drill log.",
    "",
    ...checklist,
    ""
  ].join("\n");
}

export {
  DRILL_LABEL,
  drillTitle,
  drillMarker,
  drillMonthOf,
  signoffLine,
  checkedApprovers,
  renderDrillIssue
};
