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
} from "./chunks/chunk-RAVOAFXH.js";
import "./chunks/chunk-5FTGYQDN.js";
import "./chunks/chunk-IICZDH2V.js";
import "./chunks/chunk-NDO7BNGK.js";

// src/actions/headers.ts
await runActionEntry(actionDefinitions["headers"], githubPublisher);
