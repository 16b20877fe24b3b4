import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  runSignoff
} from "./chunk-XGEPF3XZ.js";
import "./chunk-AWARA4KL.js";
import {
  lazyRunnerStore
} from "./chunk-U343RTH3.js";
import {
  getInput,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary
} from "./chunk-M4ZKTAUC.js";
import "./chunk-ODXVANJO.js";
import "./chunk-SO5POORH.js";
import "./chunk-H6NLF7E3.js";
import "./chunk-SWQS7YNX.js";
import "./chunk-ZC7YIYEL.js";
import "./chunk-BHXNDFSK.js";
import "./chunk-NA4JMHHY.js";
import "./chunk-MT7WXE72.js";
import "./chunk-4AFMPRTR.js";
import "./chunk-YUAPXZBY.js";
import "./chunk-QAYL33UC.js";
import "./chunk-EL2BHP6N.js";
import "./chunk-KAEF76QS.js";
import "./chunk-OSGOEP7K.js";
import {
  redact
} from "./chunk-MLKP6OQN.js";
import "./chunk-4GQUXEY7.js";

// src/actions/signoff.ts
try {
  const token = getInput("token");
  if (token) setSecret(token);
  const result = await runSignoff({
    configFile: getInput("config") || "opsgate.yml",
    drillFile: getInput("drill-file") || "drills/monthly.yml",
    approvers: getInput("approvers").split(/[\s,]+/).filter(Boolean),
    eventName: process.env.GITHUB_EVENT_NAME ?? "",
    eventPath: process.env.GITHUB_EVENT_PATH ?? "",
    storeFor: (local) => lazyRunnerStore(token, local)
  });
  for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);
  if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(result.summary, true).write();
  info(result.decision.recorded ? `sign-off recorded` : `no sign-off: ${result.decision.reason}`);
} catch (err) {
  setFailed(redact(err instanceof Error ? err.message : String(err)));
}
