import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  loadCheck,
  runLoad
} from "./chunk-D3GYXHBR.js";
import "./chunk-GD74NGIS.js";
import "./chunk-LHW527M6.js";
import "./chunk-GP73ULPT.js";
import "./chunk-WKJ2YTJB.js";
import "./chunk-TYMPRZ6X.js";
import "./chunk-NRWEKI4R.js";
import "./chunk-DDRZDHRK.js";
import "./chunk-H6NLF7E3.js";
import "./chunk-SWQS7YNX.js";
import "./chunk-YILOGUBB.js";
import "./chunk-MT7WXE72.js";
import "./chunk-4AFMPRTR.js";
import "./chunk-YUAPXZBY.js";
import "./chunk-7HPKJNE2.js";
import "./chunk-3ZMT66VX.js";
import "./chunk-QAYL33UC.js";
import "./chunk-NHLNGWDM.js";
import "./chunk-EL2BHP6N.js";
import "./chunk-KAEF76QS.js";
import "./chunk-OSGOEP7K.js";
import "./chunk-MLKP6OQN.js";
import "./chunk-4GQUXEY7.js";
export {
  loadCheck,
  runLoad
};
