import { z } from 'zod';
import { severity } from '../config/sections/common.js';

/**
 * Evidence: the contract between checks, the gate and every publisher. Versioned and
 * self-describing so a file read a year later still says what was measured, against what,
 * and why it passed or failed.
 */
export const EVIDENCE_VERSION = 1;

/**
 * `skip`: the check did not look (no engine, nothing to evaluate). It is neither a pass nor a
 * failure: the gate does not fail on it, but never reports it as passed either.
 */
export const verdict = z.enum(['pass', 'warn', 'fail', 'error', 'skip']);
export type Verdict = z.infer<typeof verdict>;

const scalar = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const threshold = z.object({
  /** Stable name, e.g. `p95 GET /api/dashboard` or `viewer DELETE /api/companies/{id}`. */
  name: z.string(),
  /** The promise: a number (ms, %, rps) or an expectation such as `403` or `denied`. */
  limit: scalar,
  actual: scalar,
  ok: z.boolean(),
  unit: z.string().optional(),
  /** Not evaluated (e.g. a destructive cell with allow-destructive off); `ok` is then true. */
  skipped: z.string().optional(),
  detail: z.string().optional(),
});
export type Threshold = z.infer<typeof threshold>;

export const suppression = z.object({
  reason: z.string(),
  owner: z.string().optional(),
  expires: z.string().optional(),
});

export const finding = z.object({
  /** Stable across runs: the same problem in the same place has the same fingerprint. */
  fingerprint: z.string(),
  severity,
  title: z.string(),
  detail: z.string(),
  /** What the finding is about: a URL, an endpoint, a table, an assertion. */
  location: z.string().optional(),
  ruleId: z.string().optional(),
  solution: z.string().optional(),
  references: z.array(z.string()).optional(),
  /**
   * The problem independent of where it was seen (`Content-Security-Policy missing`): reports show
   * findings with the same problem, severity and status as one row listing every `place`.
   */
  problem: z.string().optional(),
  /** Short name of where it was seen (a page path, `host:port`), listed in that grouped row. */
  place: z.string().optional(),
  /** What was looked for, and what the target actually answered (e.g. the header value). */
  expected: z.string().optional(),
  observed: z.string().optional(),
  count: z.number().int().optional(),
  suppressed: suppression.optional(),
  /**
   * Where the check looked when it found this (a page, a TLS endpoint, a scanned site). When a later
   * run lists this scope in `coverage` without the finding, the finding was looked for and is gone.
   */
  scope: z.string().max(2000).optional(),
});
export type Finding = z.infer<typeof finding>;

export const comparison = z.object({
  metric: z.string(),
  baseline: z.number(),
  actual: z.number(),
  /** Relative change, 0.25 = +25 %. */
  change: z.number(),
  limit: z.number(),
  regressed: z.boolean(),
  /** Why no verdict could be given (too few runs or samples); shown as a warning, never a fail. */
  inconclusive: z.string().optional(),
  note: z.string().optional(),
});
export type Comparison = z.infer<typeof comparison>;

/**
 * A check name becomes a file name (`evidence/<check>.json`), so it is a strict slug: evidence
 * read from an artifact must not be able to name `../../package` or an absolute path.
 */
export const CHECK_NAME = /^[a-z][a-z0-9-]{0,62}$/;
export const checkName = z
  .string()
  .regex(CHECK_NAME, 'check name must be a lowercase slug (a-z, 0-9, -), not a path');

/**
 * Where the evidence was produced, from the runner's environment. Informational: trust is decided
 * from the publishing run's event (src/github/trust.ts), never from these fields.
 */
export const provenance = z.object({
  repository: z.string().optional(),
  workflow: z.string().optional(),
  runId: z.string().optional(),
  runAttempt: z.string().optional(),
  event: z.string().optional(),
  ref: z.string().optional(),
  sha: z.string().optional(),
  /** `GITHUB_SERVER_URL`: with repository and runId it makes the run's link. */
  serverUrl: z.string().optional(),
  /** A PR's head repository: differs from `repository` for a fork. */
  headRepository: z.string().optional(),
});
export type Provenance = z.infer<typeof provenance>;

export const evidenceSchema = z.object({
  kind: z.literal('opsgate.evidence'),
  version: z.literal(EVIDENCE_VERSION),
  check: checkName,
  /** Scopes this run evaluated completely: a finding absent from a covered scope is fixed. */
  coverage: z.array(z.string().max(2000)).max(10000).optional(),
  provenance: provenance.optional(),
  target: z.object({ url: z.string(), name: z.string().optional() }),
  run: z.object({
    id: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number(),
    commit: z.string().optional(),
    ref: z.string().optional(),
    tool: z.object({ name: z.string(), version: z.string() }).optional(),
  }),
  verdict,
  summary: z.string(),
  metrics: z.record(z.string(), z.number()),
  thresholds: z.array(threshold),
  findings: z.array(finding),
  baseline: z
    .object({
      source: z.string(),
      recordedAt: z.string().optional(),
      /** Why this run could not be compared at all (engine changed, generator saturated, …). */
      inconclusive: z.string().optional(),
      comparisons: z.array(comparison),
    })
    .optional(),
  artifacts: z.array(z.object({ name: z.string(), path: z.string() })),
  /** Extra report sections a check renders from its own data (trend chart, matrix diff, …). */
  sections: z.array(z.object({ title: z.string(), markdown: z.string() })).optional(),
  /** Check-specific detail (per-endpoint stats, matrix cells, phase timings). */
  data: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ message: z.string(), kind: z.string() }).optional(),
  /** The check did not look (no engine, nothing to scan): its verdict is `skip`, never `pass`. */
  skipped: z.object({ reason: z.string() }).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;
