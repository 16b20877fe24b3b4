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
} from "./chunks/chunk-FVPMIAV3.js";
import "./chunks/chunk-V5TK5732.js";
import "./chunks/chunk-TMIUVS2M.js";
import "./chunks/chunk-R27DKVMR.js";

// src/actions/load.ts
await runActionEntry(actionDefinitions["load"], githubPublisher);
