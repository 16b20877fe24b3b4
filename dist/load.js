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
} from "./chunk-5K4UWHIQ.js";
import {
  runnerStore
} from "./chunk-YHUVOBPA.js";
import {
  info
} from "./chunk-XKJ6BJZC.js";
import "./chunk-HURXDIQY.js";
import "./chunk-Z3OMO4KG.js";
import "./chunk-5V54XHMB.js";
import "./chunk-HEAJA2ER.js";

// src/actions/load.ts
await runActionEntry(actionDefinitions["load"], {
  publisher: githubPublisher,
  store: (local, token) => runnerStore(token, local, (m) => info(m))
});
