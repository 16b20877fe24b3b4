import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/core/config/placeholders.ts
var PLACEHOLDER = /\{([A-Za-z0-9_.-]+)\}/g;
function placeholdersIn(...values) {
  const names = /* @__PURE__ */ new Set();
  const visit = (v) => {
    if (typeof v === "string") for (const m of v.matchAll(PLACEHOLDER)) names.add(m[1]);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  values.forEach(visit);
  return [...names];
}

export {
  PLACEHOLDER,
  placeholdersIn
};
