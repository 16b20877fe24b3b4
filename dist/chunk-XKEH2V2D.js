import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  DRILL_ORDER,
  builtInDrill,
  drillSchema,
  loadDrill
} from "./chunk-H6NLF7E3.js";
import "./chunk-SWQS7YNX.js";
import "./chunk-4AFMPRTR.js";
import "./chunk-YUAPXZBY.js";
import "./chunk-KAEF76QS.js";
import "./chunk-OSGOEP7K.js";
import "./chunk-MLKP6OQN.js";
import "./chunk-4GQUXEY7.js";
export {
  DRILL_ORDER,
  builtInDrill,
  drillSchema,
  loadDrill
};
