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
} from "./chunk-PD46UJAC.js";
import {
  runnerStore
} from "./chunk-2WSKY4LO.js";
import {
  info
} from "./chunk-DGMUMZYO.js";
import "./chunk-QFPEPHUY.js";
import "./chunk-PSM54VKG.js";
import "./chunk-U4ZK6OBC.js";
import "./chunk-IEU6BMHN.js";

// src/actions/db.ts
await runActionEntry(actionDefinitions["db"], {
  publisher: githubPublisher,
  store: (local, token) => runnerStore(token, local, (m) => info(m))
});
