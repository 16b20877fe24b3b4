import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/core/gate/fingerprint.ts
import { createHash } from "node:crypto";
function fingerprintOf(...parts) {
  const h = createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 16);
  return `${parts[0]}-${h}`;
}

export {
  fingerprintOf
};
