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
} from "./chunk-CVPRZR5P.js";
import "./chunk-L2X7DMDS.js";
import "./chunk-SA35IXFQ.js";
import "./chunk-6VVTV3RY.js";

// src/actions/headers.ts
await runActionEntry(actionDefinitions["headers"], githubPublisher);
