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
} from "./chunks/chunk-WBBC3OUS.js";
import "./chunks/chunk-725BHS5T.js";
import "./chunks/chunk-ITY6KY44.js";
import "./chunks/chunk-OQMBGZVE.js";

// src/actions/load.ts
await runActionEntry(actionDefinitions["load"], githubPublisher);
