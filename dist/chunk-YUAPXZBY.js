import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  duration,
  external_exports,
  headerMap,
  httpMethod,
  httpStatus,
  targetPath
} from "./chunk-MLKP6OQN.js";

// src/core/config/sections/rbac.ts
var STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx", "denied", "hidden"];
var expectationMessage = "expected an HTTP status (100-599), a list of statuses, or a class (2xx, 4xx, denied = 401|403|404, hidden = 403|404)";
var statusExpectation = external_exports.union([httpStatus, external_exports.array(httpStatus).min(1), external_exports.enum(STATUS_CLASSES)], {
  error: expectationMessage
});
var expectMap = external_exports.record(external_exports.string(), statusExpectation).describe("Expected status per identity, e.g. { admin: 204, viewer: 403, anonymous: 401 }.");
var requestOf = (defaultMethod) => ({
  method: httpMethod.default(defaultMethod),
  path: targetPath.describe("Path template; `{name}` placeholders are filled from rbac.fixtures."),
  body: external_exports.unknown().optional().describe("JSON body; `{name}` placeholders in strings are filled too."),
  headers: headerMap.optional()
});
var requestShape = requestOf("GET");
var matrixRow = external_exports.object({
  name: external_exports.string().optional().describe('Short name shown in the report (defaults to "METHOD path").'),
  ...requestShape,
  expect: expectMap.default({}),
  cleanup: external_exports.object({
    ...requestOf("DELETE"),
    identity: external_exports.string().describe("Identity that deletes what the cell created."),
    "id-path": external_exports.string().default("$.id").describe("JSON path of the created id in the cell response.")
  }).strict().optional().describe(
    "For create rows: when a cell answers 2xx, delete what it created (`{id}` is the new id), so allowed writes leave nothing behind."
  )
}).strict();
var defaultRule = external_exports.object({
  match: external_exports.object({
    methods: external_exports.array(httpMethod).optional().describe("Rows with one of these methods."),
    path: external_exports.string().optional().describe("Glob on the path template: `*` within a segment, `**` across segments.")
  }).strict().default({}),
  expect: expectMap
}).strict().describe(
  "Expectations applied to every matching row (a row’s own expect wins), so a large API stays short."
);
var identityField = { identity: external_exports.string().describe("Identity that sends this request.") };
var fixtureCreate = external_exports.object({ ...requestOf("POST"), ...identityField }).strict();
var fixtureCleanup = external_exports.object({ ...requestOf("DELETE"), ...identityField }).strict();
var fixture = external_exports.union([
  external_exports.union([external_exports.string(), external_exports.number()]).describe("A fixed value, e.g. the id of a seeded record."),
  external_exports.object({
    create: fixtureCreate.describe(
      "Request that creates the sacrificial record (needs allow-destructive)."
    ),
    "id-path": external_exports.string().default("$.id").describe("JSON path of the new id in the create response."),
    cleanup: fixtureCleanup.describe("Request that deletes it; `{id}` is the created id. A 404 counts as already gone.").optional(),
    "per-cell": external_exports.boolean().default(false).describe(
      "Create a fresh record for every cell using it (for DELETE cells), instead of one per run."
    )
  }).strict()
]);
var ownershipProbe = external_exports.object({
  name: external_exports.string().describe('What the resource is, e.g. "lease".'),
  owner: external_exports.string().describe("Identity that creates and owns the resource."),
  create: external_exports.object(requestOf("POST")).strict().describe(
    "How the owner creates the resource (sent as the owner). Placeholders: static fixtures, `{identity.name}` captures, `{run}` (unique per run)."
  ),
  "id-path": external_exports.string().default("$.id").describe(
    "JSON path of the new id in the create response. Without a body: the last segment of `Location`, else `lookup`."
  ),
  lookup: external_exports.object({
    path: targetPath.describe("GET as the owner, e.g. /api/leases?tenant=opsgate-probe%20{run}."),
    "id-path": external_exports.string().describe("JSON path of the id in that response, e.g. $.items[0].id.")
  }).strict().optional().describe("For creates that answer 201/204 without a body or Location: how to find the record."),
  resource: targetPath.describe("Path of the created resource; `{id}` is its id."),
  others: external_exports.array(external_exports.string()).min(1).describe("Identities that must not reach it: another user of the same role, a lower role."),
  try: external_exports.array(external_exports.enum(["read", "update", "delete"])).default(["read", "update", "delete"]).describe("What the others attempt (GET, PUT/PATCH, DELETE on resource)."),
  "update-method": external_exports.enum(["PUT", "PATCH"]).default("PUT"),
  "update-body": external_exports.unknown().optional().describe("Body of the update attempt."),
  expect: statusExpectation.default("hidden").describe("What the others must get; default `hidden` (403 or 404)."),
  cleanup: external_exports.object(requestOf("DELETE")).strict().optional().describe(
    "How the owner deletes it afterwards (default DELETE resource). Runs even when the probe fails."
  )
}).strict();
var openapiSource = external_exports.object({
  file: external_exports.string().optional().describe("OpenAPI document (JSON or YAML), relative to opsgate.yml."),
  path: targetPath.optional().describe("Or a path on the target that serves it, e.g. /openapi.json."),
  "probe-anonymous": external_exports.boolean().default(true).describe("GET every secured operation without credentials and flag any 2xx answer.")
}).strict().refine((o) => Boolean(o.file) !== Boolean(o.path), { error: "expected exactly one of file or path" });
var rbacSection = external_exports.object({
  enabled: external_exports.boolean().default(true),
  fixtures: external_exports.record(external_exports.string(), fixture).default({}).describe("Values for `{name}` placeholders in matrix paths and bodies."),
  defaults: external_exports.array(defaultRule).default([]).describe("Group expectations, applied before each row’s own."),
  matrix: external_exports.array(matrixRow).default([]).describe("Requests × identities → expected status."),
  ownership: external_exports.array(ownershipProbe).default([]).describe("IDOR/BOLA probes: user A creates, user B and lower roles must not reach it."),
  openapi: openapiSource.optional().describe("Coverage: endpoints never probed, secured operations open to anonymous."),
  concurrency: external_exports.number().int().min(1).max(64).default(8).describe("Requests in flight at once."),
  "max-duration": duration.default("5m").describe("Total time bound; cells not reached are reported.")
}).strict().optional();
function ownershipLabel(p) {
  return `(${p.name} owned by ${p.owner})`;
}

export {
  statusExpectation,
  rbacSection,
  ownershipLabel
};
