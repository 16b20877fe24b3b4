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
} from "./chunk-4EZ5OZED.js";
import {
  runnerStore
} from "./chunk-H7NPPYCW.js";
import {
  info
} from "./chunk-DGMUMZYO.js";
import "./chunk-73IE5KZ6.js";
import "./chunk-JL3WIRJE.js";
import "./chunk-U4ZK6OBC.js";
import "./chunk-IEU6BMHN.js";

// src/actions/dast.ts
await runActionEntry(actionDefinitions["dast"], {
  publisher: githubPublisher,
  store: (local, token) => runnerStore(token, local, (m) => info(m))
});
