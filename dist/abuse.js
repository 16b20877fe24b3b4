import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  actionDefinitions,
  runActionEntry
} from "./chunk-5QQNMME5.js";
import {
  lazyGitHubDeps
} from "./chunk-U343RTH3.js";
import "./chunk-M4ZKTAUC.js";
import "./chunk-ZBHBXFHI.js";
import "./chunk-F4N7O6A5.js";
import "./chunk-7YA2V6B3.js";
import "./chunk-ODXVANJO.js";
import "./chunk-SO5POORH.js";
import "./chunk-DDRZDHRK.js";
import "./chunk-H6NLF7E3.js";
import "./chunk-SWQS7YNX.js";
import "./chunk-YILOGUBB.js";
import "./chunk-ZC7YIYEL.js";
import "./chunk-BHXNDFSK.js";
import "./chunk-NA4JMHHY.js";
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

// src/actions/abuse.ts
await runActionEntry(actionDefinitions["abuse"], lazyGitHubDeps);
