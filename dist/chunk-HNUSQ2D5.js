import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  DRILL_LABEL,
  checkedApprovers,
  drillMarker,
  drillMonthOf,
  drillTitle,
  renderDrillIssue,
  signoffLine
} from "./chunk-AWARA4KL.js";
import "./chunk-MT7WXE72.js";
import "./chunk-QAYL33UC.js";
import "./chunk-4GQUXEY7.js";
export {
  DRILL_LABEL,
  checkedApprovers,
  drillMarker,
  drillMonthOf,
  drillTitle,
  renderDrillIssue,
  signoffLine
};
