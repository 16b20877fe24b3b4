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
} from "./chunk-37CJLGDB.js";
import "./chunk-T2L2BWWI.js";
import "./chunk-CA6ILFHL.js";
import "./chunk-6J5V5UVH.js";

// src/actions/restore-drill.ts
await runActionEntry(actionDefinitions["restore-drill"], githubPublisher);
