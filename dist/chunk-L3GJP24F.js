import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  headersCheck,
  runHeadersCheck
} from "./chunk-C37LIBWR.js";
import "./chunk-SAR744UD.js";
import "./chunk-TYMPRZ6X.js";
import "./chunk-DBGFJWJN.js";
import "./chunk-JHTXEFPY.js";
import "./chunk-EDJU4KRG.js";
import "./chunk-7HPKJNE2.js";
import "./chunk-3ZMT66VX.js";
import "./chunk-2ZMN5HWJ.js";
import "./chunk-PZLMOZZ7.js";
import "./chunk-SBUB3OME.js";
import "./chunk-OSGOEP7K.js";
import "./chunk-MLKP6OQN.js";
import "./chunk-4GQUXEY7.js";
export {
  headersCheck,
  runHeadersCheck
};
