import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  external_exports,
  severity
} from "./chunk-MLKP6OQN.js";

// src/core/evidence/model.ts
var EVIDENCE_VERSION = 1;
var verdict = external_exports.enum(["pass", "warn", "fail", "error", "skip"]);
var scalar = external_exports.union([external_exports.number(), external_exports.string(), external_exports.boolean(), external_exports.null()]);
var threshold = external_exports.object({
  /** Stable name, e.g. `p95 GET /api/dashboard` or `viewer DELETE /api/companies/{id}`. */
  name: external_exports.string(),
  /** The promise: a number (ms, %, rps) or an expectation such as `403` or `denied`. */
  limit: scalar,
  actual: scalar,
  ok: external_exports.boolean(),
  unit: external_exports.string().optional(),
  /** Not evaluated (e.g. a destructive cell with allow-destructive off); `ok` is then true. */
  skipped: external_exports.string().optional(),
  detail: external_exports.string().optional()
});
var suppression = external_exports.object({
  reason: external_exports.string(),
  owner: external_exports.string().optional(),
  expires: external_exports.string().optional()
});
var finding = external_exports.object({
  /** Stable across runs: the same problem in the same place has the same fingerprint. */
  fingerprint: external_exports.string(),
  severity,
  title: external_exports.string(),
  detail: external_exports.string(),
  /** What the finding is about: a URL, an endpoint, a table, an assertion. */
  location: external_exports.string().optional(),
  ruleId: external_exports.string().optional(),
  solution: external_exports.string().optional(),
  references: external_exports.array(external_exports.string()).optional(),
  /**
   * The problem independent of where it was seen (`Content-Security-Policy missing`): reports show
   * findings with the same problem, severity and status as one row listing every `place`.
   */
  problem: external_exports.string().optional(),
  /** Short name of where it was seen (a page path, `host:port`), listed in that grouped row. */
  place: external_exports.string().optional(),
  /** What was looked for, and what the target actually answered (e.g. the header value). */
  expected: external_exports.string().optional(),
  observed: external_exports.string().optional(),
  count: external_exports.number().int().optional(),
  suppressed: suppression.optional(),
  /**
   * Where the check looked when it found this (a page, a TLS endpoint, a scanned site). When a later
   * run lists this scope in `coverage` without the finding, the finding was looked for and is gone.
   */
  scope: external_exports.string().max(2e3).optional()
});
var comparison = external_exports.object({
  metric: external_exports.string(),
  baseline: external_exports.number(),
  actual: external_exports.number(),
  /** Relative change, 0.25 = +25 %. */
  change: external_exports.number(),
  limit: external_exports.number(),
  regressed: external_exports.boolean(),
  /** Why no verdict could be given (too few runs or samples); shown as a warning, never a fail. */
  inconclusive: external_exports.string().optional(),
  note: external_exports.string().optional()
});
var CHECK_NAME = /^[a-z][a-z0-9-]{0,62}$/;
var checkName = external_exports.string().regex(CHECK_NAME, "check name must be a lowercase slug (a-z, 0-9, -), not a path");
var provenance = external_exports.object({
  repository: external_exports.string().optional(),
  workflow: external_exports.string().optional(),
  runId: external_exports.string().optional(),
  runAttempt: external_exports.string().optional(),
  event: external_exports.string().optional(),
  ref: external_exports.string().optional(),
  sha: external_exports.string().optional(),
  /** `GITHUB_SERVER_URL`: with repository and runId it makes the run's link. */
  serverUrl: external_exports.string().optional(),
  /** A PR's head repository: differs from `repository` for a fork. */
  headRepository: external_exports.string().optional()
});
var evidenceSchema = external_exports.object({
  kind: external_exports.literal("opsgate.evidence"),
  version: external_exports.literal(EVIDENCE_VERSION),
  check: checkName,
  /** Scopes this run evaluated completely: a finding absent from a covered scope is fixed. */
  coverage: external_exports.array(external_exports.string().max(2e3)).max(1e4).optional(),
  provenance: provenance.optional(),
  target: external_exports.object({ url: external_exports.string(), name: external_exports.string().optional() }),
  run: external_exports.object({
    id: external_exports.string(),
    startedAt: external_exports.string(),
    finishedAt: external_exports.string(),
    durationMs: external_exports.number(),
    commit: external_exports.string().optional(),
    ref: external_exports.string().optional(),
    tool: external_exports.object({ name: external_exports.string(), version: external_exports.string() }).optional()
  }),
  verdict,
  summary: external_exports.string(),
  metrics: external_exports.record(external_exports.string(), external_exports.number()),
  thresholds: external_exports.array(threshold),
  findings: external_exports.array(finding),
  baseline: external_exports.object({
    source: external_exports.string(),
    recordedAt: external_exports.string().optional(),
    /** Why this run could not be compared at all (engine changed, generator saturated, …). */
    inconclusive: external_exports.string().optional(),
    comparisons: external_exports.array(comparison)
  }).optional(),
  artifacts: external_exports.array(external_exports.object({ name: external_exports.string(), path: external_exports.string() })),
  /** Extra report sections a check renders from its own data (trend chart, matrix diff, …). */
  sections: external_exports.array(external_exports.object({ title: external_exports.string(), markdown: external_exports.string() })).optional(),
  /** Check-specific detail (per-endpoint stats, matrix cells, phase timings). */
  data: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
  error: external_exports.object({ message: external_exports.string(), kind: external_exports.string() }).optional(),
  /** The check did not look (no engine, nothing to scan): its verdict is `skip`, never `pass`. */
  skipped: external_exports.object({ reason: external_exports.string() }).optional()
});

export {
  EVIDENCE_VERSION,
  evidenceSchema
};
