import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  runSignoff
} from "./chunk-TY5G7LCW.js";
import {
  runnerStore
} from "./chunk-2WSKY4LO.js";
import {
  getInput,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary
} from "./chunk-DGMUMZYO.js";
import {
  redact
} from "./chunk-PSM54VKG.js";
import "./chunk-IEU6BMHN.js";

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
    storeFor: (local) => runnerStore(token, local, (m) => info(m))
  });
  for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);
  if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(result.summary, true).write();
  info(result.decision.recorded ? `sign-off recorded` : `no sign-off: ${result.decision.reason}`);
} catch (err) {
  setFailed(redact(err instanceof Error ? err.message : String(err)));
}
