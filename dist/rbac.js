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
} from "./chunk-IJ725JZA.js";
import {
  runnerStore
} from "./chunk-DJXNNHUE.js";
import {
  info
} from "./chunk-XKJ6BJZC.js";
import "./chunk-ZXQS3YT5.js";
import "./chunk-4F3WHKDG.js";
import "./chunk-TQJWA2YC.js";
import "./chunk-HEAJA2ER.js";

// src/actions/rbac.ts
await runActionEntry(actionDefinitions["rbac"], {
  publisher: githubPublisher,
  store: (local, token) => runnerStore(token, local, (m) => info(m))
});
