import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  actionDefinitions,
  githubPublisher,
  runActionEntry
} from "./chunk-OFDUNMMT.js";
import "./chunk-HXJ55UGM.js";
import "./chunk-QUVC2WK7.js";
import "./chunk-IMJL3YSJ.js";

// src/actions/abuse.ts
await runActionEntry(actionDefinitions["abuse"], githubPublisher);
