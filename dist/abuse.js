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
} from "./chunk-FF7KBWHU.js";
import "./chunk-ETHANHDB.js";
import "./chunk-RKMXW3XQ.js";
import "./chunk-L5KQND5C.js";

// src/actions/abuse.ts
await runActionEntry(actionDefinitions["abuse"], githubPublisher);
