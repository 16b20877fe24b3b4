import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  checkedApprovers,
  drillMonthOf
} from "./chunk-AWARA4KL.js";
import {
  FsEvidenceStore,
  loadOptionalConfig
} from "./chunk-ODXVANJO.js";
import {
  builtInDrill,
  loadDrill
} from "./chunk-H6NLF7E3.js";
import {
  ConfigError
} from "./chunk-OSGOEP7K.js";

// src/actions/run-signoff.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

// src/core/drill/signoff.ts
function decideSignoff(eventName, payload, approvers, now = /* @__PURE__ */ new Date()) {
  const issue = payload.issue;
  if (!issue || issue.pull_request) return { recorded: false, reason: "not an issue event" };
  const drill = drillMonthOf(issue.body ?? "") ?? drillMonthOf(issue.title ?? "");
  if (!drill) return { recorded: false, reason: `issue #${issue.number} is not a drill issue` };
  const allowed = new Set(approvers.map((a) => a.replace(/^@/, "").toLowerCase()));
  let login;
  let via;
  let url = issue.html_url;
  if (eventName === "issue_comment") {
    if (payload.action && payload.action !== "created")
      return { recorded: false, reason: "comment not new", drill };
    if (!/^\/signoff\b/m.test(payload.comment?.body ?? ""))
      return { recorded: false, reason: "no /signoff command", drill };
    login = payload.comment?.user?.login;
    via = "comment";
    url = payload.comment?.html_url ?? url;
  } else if (eventName === "issues") {
    login = payload.sender?.login;
    const before = new Set(checkedApprovers(payload.changes?.body?.from ?? "").map((l) => l.toLowerCase()));
    const ticked = checkedApprovers(issue.body ?? "").filter((l) => !before.has(l.toLowerCase()));
    if (!login || !ticked.some((l) => l.toLowerCase() === login.toLowerCase()))
      return {
        recorded: false,
        reason: "no newly ticked sign-off box of the editor",
        drill,
        approver: login
      };
    via = "checkbox";
  } else return { recorded: false, reason: `event ${eventName} cannot sign off`, drill };
  if (!login) return { recorded: false, reason: "event has no author", drill };
  if (!allowed.has(login.toLowerCase()))
    return { recorded: false, reason: `@${login} is not a listed approver`, drill, approver: login };
  return {
    recorded: true,
    record: { kind: "signoff", drill, approver: login, via, at: now.toISOString(), issue: issue.number, url }
  };
}
function alreadySigned(records, record) {
  return records.some(
    (r) => r.kind === "signoff" && r.drill === record.drill && String(r.approver).toLowerCase() === record.approver.toLowerCase()
  );
}

// src/actions/run-signoff.ts
var DRILL_LOG = "drill";
async function runSignoff(settings, store) {
  if (!settings.eventPath || !existsSync(settings.eventPath))
    throw new ConfigError(`no event payload at ${JSON.stringify(settings.eventPath)} (GITHUB_EVENT_PATH)`);
  const payload = JSON.parse(await readFile(settings.eventPath, "utf8"));
  const drill = existsSync(settings.drillFile) ? await loadDrill(settings.drillFile) : builtInDrill();
  const approvers = [...drill["sign-off"].approvers, ...settings.approvers];
  const decision = decideSignoff(settings.eventName, payload, approvers);
  let appended = false;
  if (decision.recorded) {
    const local = await configuredStore(settings.configFile);
    const log = store ?? await settings.storeFor?.(local) ?? local;
    if (!alreadySigned(await log.readRecords(DRILL_LOG), decision.record)) {
      await log.appendRecord(DRILL_LOG, { ...decision.record });
      appended = true;
    }
  }
  const outputs = decision.recorded ? { "signed-off": "true", approver: decision.record.approver, drill: decision.record.drill, reason: "" } : {
    "signed-off": "false",
    approver: decision.approver ?? "",
    drill: decision.drill ?? "",
    reason: decision.reason
  };
  const summary = decision.recorded ? `## opsgate signoff — ✅ Drill ${decision.record.drill} signed off by @${decision.record.approver} (${decision.record.via})${appended ? "" : " — already recorded"}
` : `## opsgate signoff — nothing recorded

${decision.reason}
`;
  return { decision, appended, outputs, summary };
}
async function configuredStore(configFile) {
  const config = await loadOptionalConfig(configFile);
  return new FsEvidenceStore(path.resolve(path.dirname(path.resolve(configFile)), config?.store.dir ?? ".opsgate/store"));
}

export {
  runSignoff
};
