import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  require_dist
} from "./chunk-SWQS7YNX.js";
import {
  CHECK_NAMES,
  formatPath
} from "./chunk-4AFMPRTR.js";
import {
  ConfigError
} from "./chunk-OSGOEP7K.js";
import {
  external_exports
} from "./chunk-MLKP6OQN.js";
import {
  __toESM
} from "./chunk-4GQUXEY7.js";

// src/core/drill/drill-definition.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
var drillSchema = external_exports.object({
  name: external_exports.string().regex(/^[a-z0-9-]+$/),
  description: external_exports.string().default(""),
  checks: external_exports.array(external_exports.enum(CHECK_NAMES)).min(1),
  "continue-on-failure": external_exports.boolean().default(true),
  "sign-off": external_exports.object({ required: external_exports.boolean().default(true), approvers: external_exports.array(external_exports.string()).default([]) }).strict().default({ required: true, approvers: [] }),
  "max-days-between-drills": external_exports.number().int().positive().default(35)
}).strict();
async function loadDrill(file) {
  let raw;
  try {
    raw = (0, import_yaml.parse)(await readFile(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`cannot read drill ${file}: ${err.message}`);
  }
  const parsed = drillSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }))
    );
  }
  return parsed.data;
}
var DRILL_ORDER = ["headers", "load", "db", "rbac", "dast", "restore", "abuse"];
function builtInDrill() {
  return drillSchema.parse({ name: "monthly", checks: DRILL_ORDER });
}

export {
  drillSchema,
  loadDrill,
  DRILL_ORDER,
  builtInDrill
};
