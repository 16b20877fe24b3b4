import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  info
} from "./chunk-M4ZKTAUC.js";

// src/actions/lazy-github.ts
var lazyGitHubDeps = {
  publisher: async (request) => (await import("./chunk-C4FGAPRP.js")).githubPublisher(request),
  store: (local, token) => lazyRunnerStore(token, local)
};
async function lazyRunnerStore(token, local) {
  if (!token) return local;
  const { runnerStore } = await import("./chunk-FB2S3ORJ.js");
  return runnerStore(token, local, (m) => info(m));
}

export {
  lazyGitHubDeps,
  lazyRunnerStore
};
