import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  dbCheck
} from "./chunk-YC5OBKRL.js";
import "./chunk-LHW527M6.js";
import "./chunk-QRYG3CMW.js";
import "./chunk-7OYKZIUY.js";
import "./chunk-SXRFA4TH.js";
import "./chunk-SWQS7YNX.js";
import "./chunk-YILOGUBB.js";
import "./chunk-KAEF76QS.js";
import "./chunk-JHTXEFPY.js";
import "./chunk-EDJU4KRG.js";
import "./chunk-3ZMT66VX.js";
import "./chunk-2ZMN5HWJ.js";
import "./chunk-PZLMOZZ7.js";
import "./chunk-SBUB3OME.js";
import "./chunk-OSGOEP7K.js";
import "./chunk-MLKP6OQN.js";
import "./chunk-4GQUXEY7.js";
export {
  dbCheck
};
